import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

const NAME = /^[a-z0-9.-]{1,253}$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const HOST = /^(?:\[([0-9a-f:.]{2,45})\]|([^:[\]]+))(?::(\d{1,5}))?$/;

/**
 * A `Host` value as it may appear in a URL this server prints, lower-cased, or undefined: a DNS
 * name (labels of letters, digits and inner hyphens), an IPv4 address or a bracketed IPv6 one, and
 * a port from 1 to 65535. Anything else (quotes, spaces, empty labels, a port past 65535) is never
 * reflected.
 */
export function parseHost(raw: string): string | undefined {
  const match = HOST.exec(raw.trim().toLowerCase());
  if (!match) return undefined;
  const [, v6, name, port] = match;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65_535)) return undefined;
  let host: string;
  if (v6 !== undefined) {
    host = `[${v6}]`;
  } else {
    if (name === undefined || !NAME.test(name) || !name.split('.').every((l) => LABEL.test(l)))
      return undefined;
    host = name;
  }
  // The URL parser has the last word on addresses: "999.1.1.1" and "1::2::3" are no hosts.
  try {
    if (new URL(`http://${host}/`).hostname !== host) return undefined;
  } catch {
    return undefined;
  }
  return port === undefined ? host : `${host}:${Number(port)}`;
}

const first = (value: string | string[] | undefined): string | undefined =>
  (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim();

/**
 * This server's origin as the client asked for it: the scheme of the connection and the `Host`
 * header, or, only when `trustProxy` is set (a proxy in front rewrites them), the first
 * `X-Forwarded-Proto` (http or https) and `X-Forwarded-Host`. Undefined when no well-formed host
 * is given: the caller then uses a relative URL or `localOrigin`.
 */
export function requestOrigin(req: IncomingMessage, trustProxy: boolean): string | undefined {
  let scheme = (req.socket as TLSSocket).encrypted ? 'https' : 'http';
  let host = parseHost(req.headers.host ?? '');
  if (trustProxy) {
    const proto = first(req.headers['x-forwarded-proto'])?.toLowerCase();
    if (proto === 'http' || proto === 'https') scheme = proto;
    const forwarded = parseHost(first(req.headers['x-forwarded-host']) ?? '');
    if (forwarded !== undefined) host = forwarded;
  }
  return host === undefined ? undefined : `${scheme}://${host}`;
}

/** The address and port the client reached, which no header chooses. */
export function localOrigin(req: IncomingMessage): string {
  const address = req.socket.localAddress ?? '127.0.0.1';
  const host = address.includes(':') ? `[${address}]` : address;
  return `${(req.socket as TLSSocket).encrypted ? 'https' : 'http'}://${host}:${req.socket.localPort ?? 80}`;
}

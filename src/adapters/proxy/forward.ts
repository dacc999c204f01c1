import { Agent as HttpAgent, type IncomingHttpHeaders, type OutgoingHttpHeaders, request } from 'node:http';
import { Agent as HttpsAgent, request as requestTls } from 'node:https';
import { fail, ok, type Result } from '../../shared/result.ts';

export interface UpstreamAnswer {
  status: number;
  statusText: string;
  /** As received (hop-by-hop ones included: the caller strips them). */
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** From sending the request to the last byte of the answer. */
  elapsedMs: number;
}

/** Why no answer came back; each becomes the client's 502/504 with `{message}`. */
export interface ForwardError {
  code: 'UPSTREAM_TIMEOUT' | 'UPSTREAM_UNREACHABLE' | 'UPSTREAM_TOO_LARGE';
  status: 502 | 504;
  message: string;
}

export interface OutgoingRequest {
  method: string;
  /** Path and query as the client sent them, still encoded. */
  pathAndQuery: string;
  headers: OutgoingHttpHeaders;
  body?: Buffer;
}

/** Starts a timer and returns its cancel; tests pass one they fire themselves. */
export type StartTimer = (ms: number, onTimeout: () => void) => () => void;

const realTimer: StartTimer = (ms, onTimeout) => {
  const timer = setTimeout(onTimeout, ms);
  return () => clearTimeout(timer);
};

export interface ForwarderOptions {
  upstream: URL;
  /** Skip TLS verification of the upstream (the CLI warns). */
  insecure?: boolean;
  /** Whole exchange, from sending to the last byte of the answer. */
  timeoutMs: number;
  /** Largest upstream body kept; a larger one is a 502. */
  maxBodyBytes: number;
  startTimer?: StartTimer;
}

export interface Forwarder {
  forward(outgoing: OutgoingRequest): Promise<Result<UpstreamAnswer, ForwardError>>;
  close(): void;
}

/**
 * Sends each request to the upstream over kept-alive connections (node:http, not fetch: fetch would
 * inflate compressed bodies and the client must get the bytes the upstream sent).
 */
export function createForwarder(options: ForwarderOptions): Forwarder {
  const { upstream } = options;
  const tls = upstream.protocol === 'https:';
  const agent = tls
    ? new HttpsAgent({ keepAlive: true, rejectUnauthorized: options.insecure !== true })
    : new HttpAgent({ keepAlive: true });
  const send = tls ? requestTls : request;
  const prefix = upstream.pathname.replace(/\/$/, '');
  const startTimer = options.startTimer ?? realTimer;
  return {
    forward(outgoing) {
      return new Promise((resolve) => {
        const started = performance.now();
        let settled = false;
        const finish = (result: Result<UpstreamAnswer, ForwardError>) => {
          if (settled) return;
          settled = true;
          cancel();
          resolve(result);
        };
        const req = send(
          {
            protocol: upstream.protocol,
            hostname: upstream.hostname.replace(/^\[|\]$/g, ''),
            port: upstream.port || (tls ? 443 : 80),
            method: outgoing.method,
            path: prefix + outgoing.pathAndQuery,
            // The upstream's own name, as a client calling it directly would send.
            headers: { ...outgoing.headers, host: upstream.host },
            agent,
          },
          (res) => {
            const chunks: Buffer[] = [];
            let size = 0;
            res.on('data', (chunk: Buffer) => {
              size += chunk.length;
              if (size > options.maxBodyBytes) {
                req.destroy();
                finish(
                  fail({
                    code: 'UPSTREAM_TOO_LARGE',
                    status: 502,
                    message: `upstream: the response body is larger than ${options.maxBodyBytes} bytes`,
                  }),
                );
                return;
              }
              chunks.push(chunk);
            });
            res.on('end', () =>
              finish(
                ok({
                  status: res.statusCode ?? 502,
                  statusText: res.statusMessage ?? '',
                  headers: res.headers,
                  body: Buffer.concat(chunks),
                  elapsedMs: performance.now() - started,
                }),
              ),
            );
            res.on('error', (error) => finish(fail(unreachable(error))));
          },
        );
        const cancel = startTimer(options.timeoutMs, () => {
          finish(
            fail({
              code: 'UPSTREAM_TIMEOUT',
              status: 504,
              message: `upstream: no complete answer within ${options.timeoutMs} ms`,
            }),
          );
          req.destroy();
        });
        req.on('error', (error) => finish(fail(unreachable(error))));
        req.end(outgoing.body);
      });
    },
    close: () => agent.destroy(),
  };
}

function unreachable(error: Error & { code?: string }): ForwardError {
  const what = error.code ?? error.message;
  return { code: 'UPSTREAM_UNREACHABLE', status: 502, message: `upstream: ${what}` };
}

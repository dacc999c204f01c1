import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { responseChecksFor, type Verdict } from '../../contract/judge-exchange.ts';
import { scrubSecret } from '../../contract/scrub.ts';
import type { RecordedRequest } from '../../contract/types.ts';
import { ADMIN_PREFIX } from '../../core/admin.ts';
import { readBearerToken } from '../../core/auth.ts';
import { LiveFeed } from '../../core/live-feed.ts';
import type { LoadedSpec } from '../../spec/types.ts';
import { createForwarder, type StartTimer } from './forward.ts';
import type { HarRecorder } from './har-recorder.ts';
import { stripHopByHop } from './hop-by-hop.ts';
import { createTrafficJudge, type Inspection, inflateBody } from './judge-traffic.ts';
import { serveProxyInspector } from './proxy-inspector.ts';
import { readClientBody } from './read-client-body.ts';
import { createRedactor } from './redact.ts';
import {
  createViolationLog,
  formatViolationLine,
  REQUEST_CONFORMANCE,
  type Violation,
  type ViolationLog,
} from './violation-log.ts';

/** Served by the proxy itself; every other path (the upstream's own `/__admin`) is forwarded. */
export const VIOLATIONS_PATH = '/__admin/violations';

export const PROXY_DEFAULTS = { timeoutMs: 30_000, maxBodyBytes: 10 * 1024 * 1024 } as const;

export interface ProxyOptions {
  /** Base URL of the server judged; a path prefix is kept (`https://host/v1`). */
  upstream: string;
  spec: LoadedSpec;
  /** Do not verify the upstream's TLS certificate. */
  insecure?: boolean;
  /** Whole upstream exchange; past it the client gets 504. Default 30 s. */
  timeoutMs?: number;
  /** Largest request and response body the proxy holds. Default 10 MiB. */
  maxBodyBytes?: number;
  /** An upstream answer slower than this is a `max-response-time` violation; not judged without it. */
  maxResponseTimeMs?: number;
  recorder?: HarRecorder;
  /** Header, query and JSON field names kept out of reports and recordings. */
  redact?: readonly string[];
  /** Each violation as it is found, as a line with nothing secret in it. Default: stderr. */
  onViolation?: (line: string, violation: Violation) => void;
  /** Upstream failures (502/504), one line each. Default: stderr. */
  onUpstreamError?: (line: string) => void;
  startTimer?: StartTimer;
  now?: () => number;
}

export interface ProxyServer {
  readonly violations: ViolationLog;
  listen(port?: number, host?: string): Promise<{ url: string }>;
  close(): Promise<void>;
}

const headerSafe = (text: string): string => text.replace(/[^\x20-\x7e]/g, '?').slice(0, 300);

function flatten(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...extra,
  });
  res.end(text);
}

/**
 * A validating proxy: forwards every request to the upstream unchanged (less hop-by-hop headers) and
 * returns its answer unchanged, judging each exchange with the contract runner's own judges after the
 * client has its answer. A request the contract forbids is still forwarded; the client is told in
 * `X-Contract-Violation`.
 */
export function createProxyServer(options: ProxyOptions): ProxyServer {
  const upstream = new URL(options.upstream);
  const base = upstream.href.replace(/\/$/, '');
  const maxBodyBytes = options.maxBodyBytes ?? PROXY_DEFAULTS.maxBodyBytes;
  const now = options.now ?? Date.now;
  const forwarder = createForwarder({
    upstream,
    insecure: options.insecure === true,
    timeoutMs: options.timeoutMs ?? PROXY_DEFAULTS.timeoutMs,
    maxBodyBytes,
    ...(options.startTimer ? { startTimer: options.startTimer } : {}),
  });
  const limits =
    options.maxResponseTimeMs === undefined ? {} : { maxResponseTimeMs: options.maxResponseTimeMs };
  const judge = createTrafficJudge(options.spec, maxBodyBytes, limits);
  const redactor = createRedactor(options.redact);
  const violations = createViolationLog(
    options.spec.operations,
    responseChecksFor(limits).map((c) => c.id),
    {
      now,
      // Excerpts of bodies in reports: the named fields go, as in recordings.
      redact: (failure) =>
        failure.response
          ? {
              ...failure,
              response: { ...failure.response, excerpt: redactor.text(failure.response.excerpt) },
            }
          : failure,
    },
  );
  const live = new LiveFeed<Violation>();
  const onViolation = options.onViolation ?? ((line: string) => process.stderr.write(`${line}\n`));
  const onUpstreamError = options.onUpstreamError ?? ((line: string) => process.stderr.write(`${line}\n`));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = now();
    const method = (req.method ?? 'GET').toUpperCase();
    const target = req.url ?? '/';
    const cut = target.indexOf('?');
    const path = cut < 0 ? target : target.slice(0, cut);
    const search = cut < 0 ? '' : target.slice(cut);
    if (path === VIOLATIONS_PATH) return serveViolations(method, res);
    if (serveProxyInspector(path, req, res, live)) return;
    // The mock's own admin API is no part of the contract: forwarded, never judged.
    const judged = path !== ADMIN_PREFIX && !path.startsWith(`${ADMIN_PREFIX}/`);
    const read = await readClientBody(req, maxBodyBytes);
    if (!read.ok) {
      return sendJson(
        res,
        413,
        { message: `body: larger than the ${maxBodyBytes} bytes this proxy holds` },
        {
          connection: 'close',
        },
      );
    }
    const body = read.value;
    const headers = flatten(req.headers);
    const bearer = readBearerToken(headers.authorization);
    const token = bearer.ok ? bearer.value : undefined;
    const recorded: RecordedRequest = {
      method: method as RecordedRequest['method'],
      url: scrubSecret(base + target, token),
      headers: Object.fromEntries(
        Object.entries(headers).map(([name, value]) => [name, redactor.header(name, value, token)]),
      ),
      ...(body ? { body: redactor.body(body.toString('utf8'), token) } : {}),
    };
    const traffic = {
      method,
      path,
      query: new URLSearchParams(search),
      headers,
      ...(body ? { body } : {}),
      recorded,
    };
    const inspection: Inspection = judged
      ? await judge.inspect(traffic)
      : { standing: { kind: 'valid' }, pathValues: [] };
    const { operation, standing } = inspection;
    const problem = standing.kind === 'valid' ? undefined : scrubSecret(standing.label, token);
    const forwarded = await forwarder.forward({
      method,
      pathAndQuery: target,
      // The client's own headers, less hop-by-hop ones: no credential, no X-Forwarded-* added.
      headers: stripHopByHop(req.headers, ['host']),
      ...(body ? { body } : {}),
    });
    const verdicts: Verdict[] = problem
      ? [{ check: REQUEST_CONFORMANCE, failures: [{ message: `request: ${problem}`, request: recorded }] }]
      : [];
    if (!forwarded.ok) {
      const { status, message } = forwarded.error;
      sendJson(res, status, { message }, problem ? { 'x-contract-violation': headerSafe(problem) } : {});
      onUpstreamError(`! ${status} ${method} ${scrubSecret(path, token)}: ${message}`);
      report(verdicts);
      return;
    }
    const answer = forwarded.value;
    const out = stripHopByHop(answer.headers);
    if (problem) out['x-contract-violation'] = headerSafe(problem);
    res.writeHead(answer.status, answer.statusText, out);
    res.end(method === 'HEAD' ? undefined : answer.body);
    // The client has its answer: what follows adds nothing to its latency.
    const responseHeaders = flatten(answer.headers);
    const inflated = inflateBody({ ...answer, headers: responseHeaders }, maxBodyBytes);
    if (method !== 'HEAD')
      verdicts.push(
        ...judge.judge(
          traffic,
          inspection,
          { ...answer, headers: responseHeaders },
          inflated.toString('utf8'),
        ),
      );
    report(verdicts, answer.status);
    options.recorder?.add({
      startedAt: started,
      timeMs: now() - started,
      method,
      url: base + target,
      requestHeaders: headers,
      ...(body ? { requestBody: body } : {}),
      status: answer.status,
      statusText: answer.statusText,
      responseHeaders,
      responseBody: inflated,
      ...(token ? { token } : {}),
    });

    function report(list: Verdict[], status?: number) {
      const found = violations.add({
        ...(operation ? { operation } : {}),
        method,
        path,
        ...(status === undefined ? {} : { status }),
        verdicts: list,
        ...(token ? { token } : {}),
      });
      for (const violation of found) {
        onViolation(formatViolationLine(violation), violation);
        if (live.listening) live.publish(violation);
      }
    }
  }

  function serveViolations(method: string, res: ServerResponse) {
    if (method === 'GET') return sendJson(res, 200, violations.list());
    if (method === 'DELETE') {
      violations.clear();
      res.writeHead(204).end();
      return;
    }
    return sendJson(
      res,
      405,
      { message: `method: ${method} is not allowed on ${VIOLATIONS_PATH}` },
      {
        allow: 'GET, DELETE',
      },
    );
  }

  const server = createServer({ keepAlive: true }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A bug of ours: the client still gets {message}, never a hang.
      console.error(error);
      if (!res.headersSent) sendJson(res, 500, { message: 'proxy: unexpected error; see its log' });
      else res.destroy();
    });
  });
  return {
    violations,
    async listen(port = 4020, host = '127.0.0.1') {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
      const { port: bound } = server.address() as AddressInfo;
      const shown = host.includes(':') ? `[${host}]` : host;
      return { url: `http://${shown}:${bound}` };
    },
    close() {
      forwarder.close();
      live.close();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

import type { HttpMethod, SecurityScheme } from '../spec/types.ts';
import { scrubSecret, TOKEN_PLACEHOLDER } from './scrub.ts';
import type { Exchange, RecordedRequest } from './types.ts';

export interface SendRequest {
  method: HttpMethod;
  /** The path with parameters already substituted and encoded. */
  path: string;
  query?: Record<string, string>;
  /** `token` sends `Bearer <token>`; `none` sends no header; `{ header }` sends that exact value. */
  auth: 'token' | 'none' | { header: string };
  /**
   * With `auth: 'token'`, where the token goes: the schemes of the operation's first security
   * alternative (an API key header, query parameter or cookie, Basic, Bearer…); Bearer without.
   */
  credentials?: readonly SecurityScheme[];
  /** Serialized as JSON. */
  body?: unknown;
  /** Sent verbatim instead of `body`, to test content types; `bytes` for bodies that are not UTF-8. */
  rawBody?: { contentType: string; text: string; bytes?: Uint8Array };
  /** Extra request headers (required header parameters). */
  headers?: Record<string, string>;
}

export type SendResult =
  | { ok: true; value: Exchange }
  | { ok: false; error: string; request: RecordedRequest };

export interface HttpClientOptions {
  baseUrl: string;
  token: string | undefined;
  timeoutMs: number;
  retries: number;
  rateLimit: number;
  maxRetryAfterMs: number;
  signal?: AbortSignal;
  /** Injected so tests never wait on a real clock. */
  sleep?: (ms: number) => Promise<void>;
  /** Measures response times; injected in tests. */
  now?: () => number;
}

export interface HttpClient {
  send(request: SendRequest, options?: { ignoreAbort?: boolean }): Promise<SendResult>;
  requestCount(): number;
  /** Requests that differ in method, URL, headers or body. */
  distinctCount(): number;
}

const MAX_429_WAITS = 3;

// Retrying these cannot create or change anything twice.
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
// Raised before a byte of the request left: safe to retry whatever the method.
const NOTHING_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/** Whether a failed attempt may be repeated: a POST that timed out may have created its item already. */
export function isRetryable(method: string, error: unknown): boolean {
  if (IDEMPOTENT.has(method.toUpperCase())) return true;
  const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  return typeof code === 'string' && NOTHING_SENT.has(code);
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Seconds or an HTTP date, as RFC 9110 allows; unknown forms wait one second. */
export function parseRetryAfter(value: string | null, now = Date.now()): number {
  if (!value) return 1000;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? 1000 : Math.max(0, date - now);
}

export function buildUrl(baseUrl: string, path: string, query: Record<string, string> = {}): string {
  const search = new URLSearchParams(query).toString();
  return `${baseUrl.replace(/\/+$/, '')}${path}${search ? `?${search}` : ''}`;
}

/**
 * Puts the token where an operation's security schemes want it (`shown` gets the placeholder):
 * every HTTP scheme in `Authorization` (Basic as `token` itself when it has a colon, else
 * `token:`), API keys in their header, query parameter or cookie.
 */
function placeCredentials(
  schemes: readonly SecurityScheme[],
  token: string,
  headers: Record<string, string>,
  shown: Record<string, string>,
  query: Record<string, string>,
): void {
  for (const scheme of schemes) {
    if (scheme.kind === 'http') {
      const basic = scheme.scheme === 'basic';
      const name = basic ? 'Basic' : scheme.scheme === 'bearer' ? 'Bearer' : scheme.scheme;
      headers.authorization = `${name} ${basic ? btoa(token.includes(':') ? token : `${token}:`) : token}`;
      shown.authorization = `${name} ${basic ? `<base64 of ${TOKEN_PLACEHOLDER}>` : TOKEN_PLACEHOLDER}`;
    } else if (scheme.in === 'header') {
      headers[scheme.param.toLowerCase()] = token;
      shown[scheme.param.toLowerCase()] = TOKEN_PLACEHOLDER;
    } else if (scheme.in === 'query') query[scheme.param] = token;
    else {
      const add = (jar: Record<string, string>, value: string) => {
        jar.cookie = jar.cookie ? `${jar.cookie}; ${scheme.param}=${value}` : `${scheme.param}=${value}`;
      };
      add(headers, token);
      add(shown, TOKEN_PLACEHOLDER);
    }
  }
}

/**
 * Sequential HTTP with the politeness a shared staging server deserves: a per-request timeout, bounded
 * retries with exponential backoff on network errors (for writes only when nothing was sent), Retry-After
 * on 429, and a requests-per-second cap. The response comes back as the server sent it, for judging; only
 * the recorded request is scrubbed of the token here (the runner scrubs what it reports).
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const sleep = options.sleep ?? defaultSleep;
  const minGapMs = options.rateLimit > 0 ? 1000 / options.rateLimit : 0;
  const now = options.now ?? (() => performance.now());
  let lastStart = 0;
  let count = 0;
  const distinct = new Set<string>();

  const attempt = async (url: string, init: RequestInit, ignoreAbort: boolean): Promise<Response> => {
    if (minGapMs > 0) {
      const wait = lastStart + minGapMs - Date.now();
      if (wait > 0) await sleep(wait);
    }
    lastStart = Date.now();
    count += 1;
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = options.signal && !ignoreAbort ? AbortSignal.any([timeout, options.signal]) : timeout;
    return fetch(url, { ...init, signal, redirect: 'manual' });
  };

  return {
    requestCount: () => count,
    distinctCount: () => distinct.size,
    async send(request, { ignoreAbort = false } = {}) {
      const query = { ...request.query };
      const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
      const shown: Record<string, string> = { accept: 'application/json', ...request.headers };
      if (request.auth === 'token' && options.token && request.credentials?.length) {
        placeCredentials(request.credentials, options.token, headers, shown, query);
      } else if (request.auth === 'token' && options.token) {
        headers.authorization = `Bearer ${options.token}`;
        shown.authorization = `Bearer ${TOKEN_PLACEHOLDER}`;
      } else if (typeof request.auth === 'object') {
        headers.authorization = request.auth.header;
        shown.authorization = scrubSecret(request.auth.header, options.token);
      }
      const url = buildUrl(options.baseUrl, request.path, query);
      let body: string | undefined;
      let bytes: Uint8Array | undefined;
      if (request.rawBody) {
        body = request.rawBody.text;
        bytes = request.rawBody.bytes;
        headers['content-type'] = shown['content-type'] = request.rawBody.contentType;
      } else if (request.body !== undefined) {
        body = JSON.stringify(request.body);
        headers['content-type'] = shown['content-type'] = 'application/json';
      }
      const recorded: RecordedRequest = {
        method: request.method.toUpperCase() as RecordedRequest['method'],
        url: scrubSecret(url, options.token),
        headers: shown,
        ...(body !== undefined ? { body: scrubSecret(body, options.token) } : {}),
      };
      distinct.add(JSON.stringify([recorded.method, url, headers, body]));
      let networkTries = 0;
      let waits429 = 0;
      for (;;) {
        if (options.signal?.aborted && !ignoreAbort)
          return { ok: false, error: 'interrupted', request: recorded };
        let response: Response;
        let text: string;
        let elapsedMs: number;
        try {
          const started = now();
          response = await attempt(
            url,
            { method: recorded.method, headers, body: bytes ?? body },
            ignoreAbort,
          );
          text = await response.text();
          elapsedMs = now() - started;
        } catch (error) {
          const stop =
            networkTries >= options.retries ||
            (options.signal?.aborted && !ignoreAbort) ||
            !isRetryable(recorded.method, error);
          if (stop) {
            return { ok: false, error: describeNetworkError(error, options.timeoutMs), request: recorded };
          }
          await sleep(200 * 2 ** networkTries);
          networkTries += 1;
          continue;
        }
        if (response.status === 429 && waits429 < MAX_429_WAITS) {
          waits429 += 1;
          await sleep(
            Math.min(parseRetryAfter(response.headers.get('retry-after')), options.maxRetryAfterMs),
          );
          continue;
        }
        const responseHeaders: Record<string, string> = {};
        response.headers.forEach((value, name) => {
          responseHeaders[name] = value;
        });
        return {
          ok: true,
          value: {
            request: recorded,
            response: {
              status: response.status,
              headers: responseHeaders,
              bodyText: text,
              ...parseJson(text),
            },
            elapsedMs,
          },
        };
      }
    },
  };
}

function parseJson(text: string): { json?: unknown } {
  if (text.trim() === '') return {};
  try {
    return { json: JSON.parse(text) };
  } catch {
    return {};
  }
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError') return `no response within ${timeoutMs} ms`;
  if (err.name === 'AbortError') return 'interrupted';
  return `network error: ${err.cause?.code ?? err.cause?.message ?? err.message ?? String(error)}`;
}

import type { CoreAnswer, CoreRequest, Mock } from '../../src/core/index.ts';
import { collectChunks, isChunkedBody, isFault } from '../../src/core/index.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import type { LoadedSpec } from '../../src/spec/types.ts';

let bundled: Promise<LoadedSpec> | undefined;

/** The bundled spec, loaded once per test file. */
export function bundledSpec(): Promise<LoadedSpec> {
  bundled ??= loadSpec().then((r) => {
    if (!r.ok) throw new Error(r.error);
    return r.value;
  });
  return bundled;
}

/** A core request the way an adapter builds one: `target` is a path with its query string. */
export function coreRequest(
  method: string,
  target: string,
  options: { token?: string | null; body?: unknown; headers?: Record<string, string> } = {},
): CoreRequest {
  const { token = 'test-token', body, headers = {} } = options;
  const q = target.indexOf('?');
  const bytes =
    body === undefined
      ? undefined
      : body instanceof Uint8Array
        ? body
        : new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body));
  return {
    method,
    path: q < 0 ? target : target.slice(0, q),
    query: new URLSearchParams(q < 0 ? '' : target.slice(q + 1)),
    headers: {
      ...(token !== null ? { authorization: `Bearer ${token}` } : {}),
      ...(bytes !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(bytes !== undefined ? { body: bytes } : {}),
  };
}

export interface ReadAnswer {
  status: number;
  headers: Record<string, string>;
  text: string;
  body: unknown;
}

/** Sends through `mock.handle` and reads the answer as a test wants it; a fault fails the test. */
export async function call(mock: Mock, ...args: Parameters<typeof coreRequest>): Promise<ReadAnswer> {
  return readAnswer(await collectAnswer(await mock.handle(coreRequest(...args))));
}

/** The answer with a chunked body collected into bytes (what a client receives). */
export async function collectAnswer(answer: CoreAnswer): Promise<CoreAnswer> {
  if (isFault(answer) || !isChunkedBody(answer.body)) return answer;
  return { ...answer, body: await collectChunks(answer.body) };
}

export function readAnswer(answer: CoreAnswer): ReadAnswer {
  if (isFault(answer)) throw new Error(`expected a response, got the fault ${answer.fault}`);
  if (isChunkedBody(answer.body)) throw new Error('a chunked body: read it with collectAnswer first');
  const text =
    answer.body === undefined
      ? ''
      : typeof answer.body === 'string'
        ? answer.body
        : new TextDecoder().decode(answer.body);
  return { status: answer.status, headers: answer.headers, text, body: text ? JSON.parse(text) : undefined };
}

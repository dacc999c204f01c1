import { expect } from 'vitest';
import type { createResponseValidator } from '../helpers/response-validator.ts';
import { readResponse, type TestMock } from '../helpers/start-mock.ts';

export type ResponseValidator = Awaited<ReturnType<typeof createResponseValidator>>;

export interface RawResponse {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

/** Every request of the hostile suite gets this long: a hang fails the test instead of stalling it. */
export const REQUEST_TIMEOUT_MS = 5_000;

/**
 * A request with exactly the bytes and headers given (no JSON encoding, no default Content-Type):
 * for the inputs `TestMock.call` cannot send, such as invalid UTF-8 or a missing Content-Type.
 */
export async function sendRaw(
  url: string,
  method: string,
  path: string,
  { body, headers = {} }: { body?: string | Uint8Array; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body } : {}),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  return readResponse(res);
}

interface ListBody {
  data: { id: string }[];
  nextToken?: string;
}

/**
 * Follows `nextToken` through a whole list, sending only the token after the first page, and
 * checks what every walk must be: each page spec-valid, no id twice, ids strictly ordered.
 */
export async function walkList(
  mock: TestMock,
  validate: ResponseValidator,
  { token, path = '/accounts', pageSize = 100 }: { token: string; path?: string; pageSize?: number },
): Promise<unknown[]> {
  const operationId = path === '/customers' ? 'getCustomers' : 'getAccounts';
  const items: { id: string }[] = [];
  let url = `${path}?pageSize=${pageSize}`;
  for (let page = 0; page < 10_000; page++) {
    const res = await mock.call('GET', url, { token });
    expect(res.status, url).toBe(200);
    expect(validate(operationId, 200, res.body)).toEqual([]);
    const body = res.body as ListBody;
    items.push(...body.data);
    if (!body.nextToken) {
      expectOrderedUnique(items.map((item) => item.id));
      return items;
    }
    url = `${path}?nextToken=${encodeURIComponent(body.nextToken)}`;
  }
  throw new Error(`the walk of ${path} did not end`);
}

/** Ids strictly ascending in code-point order: sorted, and so duplicate-free. */
export function expectOrderedUnique(ids: readonly string[]): void {
  const out = ids.filter((id, i) => i > 0 && !(compareIds(ids[i - 1] ?? '', id) < 0));
  expect(out, 'ids out of order or repeated').toEqual([]);
}

/** Code-point order, the order of the store's lists (not `localeCompare`, not UTF-16 order). */
export function compareIds(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0) ?? 0);
  const y = [...b].map((c) => c.codePointAt(0) ?? 0);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** The mock still answers an ordinary request: what every hostile row ends with. */
export async function expectStillServing(mock: TestMock, token = 'hostile-still-serving'): Promise<void> {
  const res = await mock.call('GET', '/accounts?pageSize=1', { token });
  expect(res.status).toBe(200);
  expect((res.body as ListBody).data).toHaveLength(1);
}

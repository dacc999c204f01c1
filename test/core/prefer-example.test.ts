import { beforeAll, describe, expect, it } from 'vitest';
import { prismFallbackFor } from '../../src/adapters/node/prism-fallback.ts';
import { createMock, type Mock } from '../../src/core/index.ts';
import type { LoadedSpec, SpecOperation } from '../../src/spec/types.ts';
import { bundledSpec, call } from '../helpers/core-request.ts';

let spec: LoadedSpec;
let mock: Mock;
beforeAll(async () => {
  spec = await bundledSpec();
  mock = createMock({ spec, seed: 3, accounts: 5, customers: 1, fallback: prismFallbackFor });
});

/** A request each operation would accept: path parameters from their examples, the body's example. */
function validRequest(operation: SpecOperation): [string, string, { body?: unknown }] {
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const parameter = operation.parameters.find((p) => p.in === 'path' && p.name === name);
    return encodeURIComponent(String(parameter?.example ?? 'ACME_ACCOUNT_1'));
  });
  const body = operation.requestBody?.content['application/json']?.example;
  return [operation.method.toUpperCase(), path, body === undefined ? {} : { body }];
}

const message = (body: unknown) => (body as { message: string }).message;

describe('Prefer: example', () => {
  it('answers 400 naming Prefer for an unknown example with a documented code, on every operation', async () => {
    for (const operation of spec.operations) {
      const code = Object.keys(operation.responses).find((c) => c !== 'default') ?? '200';
      const [method, path, options] = validRequest(operation);
      const res = await call(mock, method, path, {
        ...options,
        headers: { prefer: `example=noSuchExample, code=${code}` },
      });
      expect({ op: operation.operationId, status: res.status }).toEqual({
        op: operation.operationId,
        status: 400,
      });
      expect(Object.keys(res.body as object)).toEqual(['message']);
      expect(message(res.body)).toMatch(/^Prefer: example=noSuchExample /);
    }
  });

  it('answers 400 naming Prefer for an unknown example alone, on every operation', async () => {
    for (const operation of spec.operations) {
      const [method, path, options] = validRequest(operation);
      const res = await call(mock, method, path, {
        ...options,
        headers: { prefer: 'example=noSuchExample' },
      });
      expect({ op: operation.operationId, status: res.status }).toEqual({
        op: operation.operationId,
        status: 400,
      });
      expect(message(res.body)).toMatch(/^Prefer: example=noSuchExample /);
    }
  });

  it('names the examples the response has', async () => {
    const list = spec.operations.find((o) => o.method === 'get' && o.path === '/accounts')?.operationId;
    const res = await call(mock, 'GET', '/accounts', { headers: { prefer: 'example=nope' } });
    expect(message(res.body)).toBe(
      `Prefer: example=nope is not an example of ${list}'s 200 response (it has "onePage", "lastPage")`,
    );
    const none = await call(mock, 'GET', '/accounts', { headers: { prefer: 'example=nope, code=404' } });
    expect(message(none.body)).toBe(
      `Prefer: example=nope is not an example of ${list}'s 404 response (it has none)`,
    );
  });

  it('answers 400 naming Prefer for an empty example name', async () => {
    const res = await call(mock, 'GET', '/accounts', { headers: { prefer: 'example=' } });
    expect(res.status).toBe(400);
    expect(message(res.body)).toMatch(/^Prefer: example /);
  });

  it('still serves a known example, with or without its code', async () => {
    for (const prefer of ['example=lastPage', 'example=lastPage, code=200', 'code=200; example="lastPage"']) {
      const res = await call(mock, 'GET', '/accounts', { headers: { prefer } });
      expect({ prefer, status: res.status }).toEqual({ prefer, status: 200 });
      expect(res.body).toEqual({ data: [], context: { pageSize: 10, sortOrder: 'ASC' } });
    }
  });
});

import { describe, expect, it } from 'vitest';
import { createMock, type Fallback } from '../../src/core/index.ts';
import { createRecordedFallback } from '../../src/core/recorded-fallback.ts';
import { buildSpec } from '../../src/spec/build-spec.ts';
import { bundledSpec, call } from '../helpers/core-request.ts';
import { entry, harOf } from '../helpers/har-entries.ts';

const next: Fallback = async (request) => ({
  status: 299,
  headers: {},
  body: { from: 'next', path: request.path },
});
const request = (method: string, path: string, query: Record<string, string | string[]> = {}) => ({
  method,
  path,
  query,
  headers: {},
  body: undefined,
});

const HAR = harOf(
  entry('GET', '/v1/accounts?pageSize=1', 200, { data: [] }),
  entry('GET', '/v1/usage_meters?status=ACTIVE&pageSize=2', 200, { data: [{ id: 'old' }] }),
  entry('GET', '/v1/usage_meters?status=ACTIVE&pageSize=2', 200, { data: [{ id: 'um1' }] }),
  entry('GET', '/v1/usage_meters/um1', 404, { message: 'usage meter not found' }),
  entry('GET', '/v1/invoices/i1', 200, undefined),
);

function fallback(): Fallback {
  const made = createRecordedFallback(HAR, next);
  if (!made.ok) throw new Error(made.error.message);
  return made.value;
}

describe('createRecordedFallback', () => {
  it('answers the latest recording of the same method, path and query (in any order), without the prefix', async () => {
    const answer = await fallback()(request('GET', '/usage_meters', { pageSize: '2', status: 'ACTIVE' }), {});
    expect(answer).toEqual({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: { data: [{ id: 'um1' }] },
    });
  });

  it('replays recorded errors and empty bodies as they were', async () => {
    expect((await fallback()(request('GET', '/usage_meters/um1'), {})).status).toBe(404);
    expect(await fallback()(request('GET', '/invoices/i1'), {})).toEqual({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: undefined,
    });
  });

  it('hands anything else to the next mocker: another query, another method, a forced Prefer', async () => {
    const f = fallback();
    expect((await f(request('GET', '/usage_meters', { pageSize: '3', status: 'ACTIVE' }), {})).status).toBe(
      299,
    );
    expect((await f(request('POST', '/usage_meters', { pageSize: '2', status: 'ACTIVE' }), {})).status).toBe(
      299,
    );
    expect((await f(request('GET', '/usage_meters/um1'), { code: 200 })).status).toBe(299);
  });

  it('serves recorded answers for an operation the store does not implement, through the core', async () => {
    const bundled = await bundledSpec();
    const document = structuredClone(bundled.document) as { paths: Record<string, unknown> };
    document.paths['/usage_meters'] = {
      get: {
        operationId: 'listUsageMeters',
        parameters: [
          { name: 'status', in: 'query', schema: { type: 'string' } },
          { name: 'pageSize', in: 'query', schema: { type: 'integer' } },
        ],
        responses: {
          '200': { description: 'meters', content: { 'application/json': { schema: { type: 'object' } } } },
        },
      },
    };
    const spec = await buildSpec(document);
    if (!spec.ok) throw new Error(spec.error);
    const mock = createMock({ spec: spec.value, accounts: 5, customers: 1, fallback: () => fallback() });
    const recorded = await call(mock, 'GET', '/usage_meters?status=ACTIVE&pageSize=2');
    expect(recorded.status).toBe(200);
    expect(recorded.body).toEqual({ data: [{ id: 'um1' }] });
    expect((await call(mock, 'GET', '/usage_meters?status=DRAFT')).body).toEqual({
      from: 'next',
      path: '/usage_meters',
    });
    // The store's own operations never reach the fallback.
    expect((await call(mock, 'GET', '/accounts?pageSize=1')).status).toBe(200);
  });
});

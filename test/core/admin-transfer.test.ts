import { describe, expect, it } from 'vitest';
import { createMock, isChunkedBody, type Mock, type MockOptions } from '../../src/core/index.ts';
import { bundledSpec, call, coreRequest, readAnswer } from '../helpers/core-request.ts';

const customer = { id: 'BULK_C', name: 'Bulk customer', primaryEmail: 'bulk@example.com', address: {} };
const bulkAccounts = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `BULK_${String(i).padStart(5, '0')}`,
    name: `Bulk account ${i}`,
    customerId: 'BULK_C',
  }));

async function mockWith(options: Partial<MockOptions> = {}): Promise<Mock> {
  return createMock({ spec: await bundledSpec(), seed: 6, accounts: 20, customers: 2, ...options });
}

/** Every chunk of a streamed answer, pulled the way an adapter pulls them. */
async function chunksOf(mock: Mock, token: string): Promise<Uint8Array[]> {
  const answer = await mock.handle(coreRequest('GET', '/__admin/export', { token }));
  if ('fault' in answer || !isChunkedBody(answer.body)) throw new Error('expected a chunked body');
  expect(answer.status).toBe(200);
  const chunks: Uint8Array[] = [];
  for await (const chunk of answer.body) chunks.push(chunk);
  return chunks;
}

const text = (chunks: Uint8Array[]) => chunks.map((c) => new TextDecoder().decode(c)).join('');

describe('GET /__admin/export streams', () => {
  it('sends the fixture in slices, never as one string, byte-identical to the whole export', async () => {
    const mock = await mockWith();
    const imported = await call(mock, 'POST', '/__admin/import', {
      token: 'big',
      body: { customers: [customer], accounts: bulkAccounts(2_000) },
    });
    expect(imported.status).toBe(200);
    const chunks = await chunksOf(mock, 'big');
    expect(chunks.length).toBeGreaterThan(4);
    const largest = Math.max(...chunks.map((c) => c.byteLength));
    expect(largest).toBeLessThan(256 * 1024);
    const whole = await mock.export('big');
    if (!whole.ok) throw new Error(whole.error.message);
    expect(text(chunks)).toBe(JSON.stringify(whole.value));
  });

  it('yields to other requests between slices, for exports and imports alike', async () => {
    const served: string[] = [];
    let mock: Mock | undefined;
    const yieldToOthers = async () => {
      // Another tenant's request, answered in full while the long work waits.
      const other = await call(mock as Mock, 'GET', '/accounts?pageSize=1', { token: 'someone-else' });
      served.push(String(other.status));
    };
    mock = await mockWith({ yieldToOthers });
    const imported = await call(mock, 'POST', '/__admin/import', {
      token: 'big',
      body: { customers: [customer], accounts: bulkAccounts(2_000) },
    });
    expect(imported.status).toBe(200);
    expect(served.length).toBeGreaterThanOrEqual(3);
    served.length = 0;
    await chunksOf(mock, 'big');
    expect(served.length).toBeGreaterThanOrEqual(4);
    expect(new Set(served)).toEqual(new Set(['200']));
  });

  it('is a snapshot: writes during the export do not show in it', async () => {
    const mock = await mockWith({ yieldToOthers: async () => undefined });
    await call(mock, 'POST', '/__admin/import', {
      token: 'snap',
      body: { replace: true, customers: [customer], accounts: bulkAccounts(1_200) },
    });
    const answer = await mock.handle(coreRequest('GET', '/__admin/export', { token: 'snap' }));
    if ('fault' in answer || !isChunkedBody(answer.body)) throw new Error('expected a chunked body');
    const iterator = answer.body[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect((await call(mock, 'DELETE', '/accounts/BULK_01100', { token: 'snap' })).status).toBe(200);
    const rest: Uint8Array[] = [first.value as Uint8Array];
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) rest.push(next.value);
    const fixture = JSON.parse(text(rest)) as { accounts: { id: string }[] };
    expect(fixture.accounts).toHaveLength(1_200);
    expect(fixture.accounts.some((a) => a.id === 'BULK_01100')).toBe(true);
  });

  it('runs one export per tenant at a time; a cancelled one frees the tenant', async () => {
    const mock = await mockWith();
    const first = await mock.handle(coreRequest('GET', '/__admin/export', { token: 'busy' }));
    const second = readAnswer(await mock.handle(coreRequest('GET', '/__admin/export', { token: 'busy' })));
    expect(second.status).toBe(429);
    expect(second.headers['retry-after']).toBe('1');
    expect(second.body).toEqual({
      message: "export: this tenant's previous export is still being sent; retry when it ends",
    });
    expect((await chunksOf(mock, 'another-tenant')).length).toBeGreaterThan(0);
    if ('fault' in first || !isChunkedBody(first.body)) throw new Error('expected a chunked body');
    await first.body[Symbol.asyncIterator]().return?.();
    expect((await chunksOf(mock, 'busy')).length).toBeGreaterThan(0);
  });
});

describe('a stalled export', () => {
  it('is revoked when its tenant exports again after a minute unread, and fails if pulled again', async () => {
    let clock = 0;
    const mock = await mockWith({ now: () => clock });
    const stalled = await mock.handle(coreRequest('GET', '/__admin/export', { token: 'slow' }));
    if ('fault' in stalled || !isChunkedBody(stalled.body)) throw new Error('expected a chunked body');
    const reader = stalled.body[Symbol.asyncIterator]();
    await reader.next();
    clock += 59_000;
    expect(
      readAnswer(await mock.handle(coreRequest('GET', '/__admin/export', { token: 'slow' }))).status,
    ).toBe(429);
    clock += 2_000;
    expect((await chunksOf(mock, 'slow')).length).toBeGreaterThan(0);
    await expect(reader.next()).rejects.toThrow(/revoked/);
  });
});

describe('the admin API is rate-limited like the rest', () => {
  it('answers 429 with Retry-After past --rate-limit, per caller, on every admin route', async () => {
    const mock = await mockWith({ rateLimit: 2, now: () => 1_000 });
    expect((await call(mock, 'GET', '/__admin/export', { token: 'r' })).status).toBe(200);
    expect((await call(mock, 'GET', '/__admin/requests', { token: 'r' })).status).toBe(200);
    for (const [method, path] of [
      ['GET', '/__admin/export'],
      ['POST', '/__admin/import'],
      ['POST', '/__admin/reset'],
      ['GET', '/__admin/requests'],
    ] as const) {
      const res = await call(mock, method, path, { token: 'r', ...(method === 'POST' ? { body: {} } : {}) });
      expect({ path, status: res.status }).toEqual({ path, status: 429 });
      expect(res.headers['retry-after']).toBe('1');
    }
    expect((await call(mock, 'GET', '/__admin/export', { token: 'other' })).status).toBe(200);
  });
});

describe('import limits', () => {
  it('states the real limit in its 413, and in GET /__admin', async () => {
    const mock = await mockWith({ maxImportBytes: 5_000 });
    const res = await call(mock, 'POST', '/__admin/import', {
      body: { accounts: bulkAccounts(100) },
    });
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ message: 'body: larger than the 5000 bytes this server accepts' });
    expect((await call(mock, 'GET', '/__admin')).body).toMatchObject({ maxImportBytes: 5_000 });
  });

  it('runs at most two imports at once, refusing a third with 503 before reading its body', async () => {
    const mock = await mockWith();
    const gates: (() => void)[] = [];
    const held = (token: string) =>
      mock.handle({
        ...coreRequest('POST', '/__admin/import', { token, body: '{}' }),
        body: () =>
          new Promise((resolve) =>
            gates.push(() => resolve({ ok: true, bytes: new TextEncoder().encode('{}') })),
          ),
      });
    const running = [held('one'), held('two')];
    let reads = 0;
    const third = readAnswer(
      await mock.handle({
        ...coreRequest('POST', '/__admin/import', { token: 'three', body: '{}' }),
        body: async () => {
          reads += 1;
          return { ok: true, bytes: new TextEncoder().encode('{}') };
        },
      }),
    );
    expect(third.status).toBe(503);
    expect(third.headers['retry-after']).toBe('1');
    expect(reads).toBe(0);
    for (const open of gates) open();
    for (const answer of await Promise.all(running)) expect(readAnswer(answer).status).toBe(200);
    expect((await call(mock, 'POST', '/__admin/import', { token: 'three', body: {} })).status).toBe(200);
  });
});

describe('export and import round-trip at every size the mock accepts', () => {
  it('imports back the export of a tenant filled to a byte budget larger than 20 MiB', async () => {
    const budget = 24 * 1024 * 1024;
    const mock = await mockWith({ maxTenantBytes: budget, maxStoredBytes: 4 * budget });
    const big = 'x'.repeat(95_000);
    let patched = 0;
    for (let i = 0; ; i++) {
      const id = `FILL_${i}`;
      const res = await call(mock, 'POST', '/accounts', {
        token: 'full',
        body: {
          id,
          name: `Filler ${i}`,
          customerId: (await firstCustomer(mock)) as string,
          metadata: { big },
        },
      });
      if (res.status === 403) break;
      expect(res.status).toBe(201);
      patched += 1;
    }
    expect(patched).toBeGreaterThan(250);
    const exported = text(await chunksOf(mock, 'full'));
    expect(exported.length).toBeGreaterThan(20 * 1024 * 1024);
    const imported = await call(mock, 'POST', '/__admin/import', { token: 'copy', body: exported });
    expect(imported.status).toBe(200);
    expect(text(await chunksOf(mock, 'copy'))).toBe(exported);
  });
});

let customerId: string | undefined;
async function firstCustomer(mock: Mock): Promise<string | undefined> {
  customerId ??= ((await call(mock, 'GET', '/customers?pageSize=1')).body as { data: { id: string }[] })
    .data[0]?.id;
  return customerId;
}

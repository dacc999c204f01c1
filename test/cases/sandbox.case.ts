import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResponseValidator } from '../helpers/response-validator.ts';
import type { TestMock } from '../helpers/start-mock.ts';
import type { Adapter, CaseSuite } from './adapter.ts';

/** Shared cases (from test/mock/sandbox.test.ts): run against every adapter by test/adapters/*.test.ts. */
export const sandboxCases: CaseSuite = {
  name: 'sandbox: tenants, fixtures, admin, Prefer, chaos',
  define(adapter: Adapter) {
    const FIXTURE = fileURLToPath(new URL('../../fixtures/sandbox/acme.json', import.meta.url));
    const ACME_ONLY = fileURLToPath(new URL('../../fixtures/sandbox/acme-only.json', import.meta.url));

    let mock: TestMock;
    let validate: Awaited<ReturnType<typeof createResponseValidator>>;
    beforeAll(async () => {
      mock = await adapter.start({ seed: 5, accounts: 30, customers: 2, fixturePath: FIXTURE });
      validate = await createResponseValidator();
    });
    afterAll(() => mock.close());

    const ids = (body: unknown) => (body as { data: { id: string }[] }).data.map((a) => a.id);

    describe('tenants by token', () => {
      it('isolates two tokens side by side and resets one without touching the other', async () => {
        for (const token of ['alice', 'bob']) {
          const res = await mock.call('PATCH', '/accounts/ACME_ACCOUNT_2', {
            token,
            body: { name: `Renamed by ${token}` },
          });
          expect(res.status).toBe(200);
        }
        const name = async (token: string) =>
          ((await mock.call('GET', '/accounts/ACME_ACCOUNT_2', { token })).body as { name: string }).name;
        expect(await name('alice')).toBe('Renamed by alice');
        expect(await name('bob')).toBe('Renamed by bob');
        expect(await name('carol')).toBe('ACME Enterprise - Account2');

        const reset = await mock.call('POST', '/__admin/reset', { token: 'alice' });
        expect(reset).toMatchObject({ status: 200, body: { success: true } });
        expect(await name('alice')).toBe('ACME Enterprise - Account2');
        expect(await name('bob')).toBe('Renamed by bob');
      });

      it('applies the fixture to every tenant on top of the seeded data', async () => {
        const res = await mock.call('GET', '/customers/ACME_LABS', { token: 'fresh' });
        expect(res.status).toBe(200);
        expect(validate('getCustomer', 200, res.body)).toEqual([]);
        const all = await mock.call('GET', '/accounts?pageSize=100', { token: 'fresh' });
        expect(ids(all.body)).toHaveLength(33);
      });

      it('exports a tenant and imports it into another to the same data', async () => {
        await mock.call('DELETE', '/accounts/ACME_ACCOUNT_3', { token: 'exporter' });
        const exported = await mock.call('GET', '/__admin/export', { token: 'exporter' });
        expect(exported.status).toBe(200);
        const imported = await mock.call('POST', '/__admin/import', {
          token: 'importer',
          body: exported.body,
        });
        expect(imported).toMatchObject({ status: 200, body: { success: true, accounts: 32 } });
        const a = await mock.call('GET', '/accounts?pageSize=100', { token: 'exporter' });
        const b = await mock.call('GET', '/accounts?pageSize=100', { token: 'importer' });
        expect(ids(b.body)).toEqual(ids(a.body));
        const strip = (body: unknown) =>
          (body as { data: Record<string, unknown>[] }).data.map(
            ({ togaiAccountId: _a, togaiCustomerId: _c, invoiceGroupDetails: _g, ...rest }) => rest,
          );
        expect(strip(b.body)).toEqual(strip(a.body));
      });

      it('imports a replacing fixture, and rejects an invalid one with a message naming the field', async () => {
        const { readFile } = await import('node:fs/promises');
        const fixture = JSON.parse(await readFile(ACME_ONLY, 'utf8'));
        const ok = await mock.call('POST', '/__admin/import', { token: 'replaced', body: fixture });
        expect(ok.status).toBe(200);
        expect(ids((await mock.call('GET', '/accounts', { token: 'replaced' })).body)).toEqual([
          'ACME_ACCOUNT_1',
        ]);
        const bad = await mock.call('POST', '/__admin/import', {
          token: 'replaced',
          body: { accounts: [{ id: 'X', name: 'no', customerId: 'ACME_CUSTOMER_1' }] },
        });
        expect(bad.status).toBe(400);
        expect((bad.body as { message: string }).message).toMatch(/^fixture\.accounts\[0\]\.name: /);
      });
    });

    describe('a failing import', () => {
      it('changes nothing, with replace or without', async () => {
        const before = await mock.call('GET', '/accounts?pageSize=100', { token: 'atomic' });
        const partial = await mock.call('POST', '/__admin/import', {
          token: 'atomic',
          body: {
            customers: [{ id: 'FIX_C1', name: 'Fixture One', primaryEmail: 'a@b.co', address: {} }],
            accounts: [
              {
                id: 'FIX_A1',
                name: 'Broken',
                customerId: 'FIX_C1',
                accountAliases: Array.from({ length: 11 }, (_, i) => ({ value: `alias-${i}` })),
              },
            ],
          },
        });
        expect(partial.status).toBe(400);
        expect((partial.body as { message: string }).message).toMatch(/^fixture\.accounts\[0\]\.aliases: /);
        expect((await mock.call('GET', '/customers/FIX_C1', { token: 'atomic' })).status).toBe(404);

        const replacing = await mock.call('POST', '/__admin/import', {
          token: 'atomic',
          body: {
            replace: true,
            accounts: [{ id: 'FIX_A2', name: 'Orphan', customerId: 'NO_SUCH_CUSTOMER' }],
          },
        });
        expect(replacing.status).toBe(400);
        const after = await mock.call('GET', '/accounts?pageSize=100', { token: 'atomic' });
        expect(after.text).toBe(before.text);
      });
    });

    describe('the request log', () => {
      it('records method, path, status, latency, a tenant name that is not the token, and the problem', async () => {
        await mock.call('GET', '/accounts?pageSize=ten', { token: 'logged-token' });
        await mock.call('GET', '/accounts/SOMEONE_ELSES', { token: 'another-token' });
        const log = await mock.call('GET', '/__admin/requests?limit=5', { token: 'logged-token' });
        expect(log.status).toBe(200);
        const paths = (log.body as { data: { path: string }[] }).data.map((e) => e.path);
        expect(paths).not.toContain('/accounts/SOMEONE_ELSES');
        const entry = (log.body as { data: Record<string, unknown>[] }).data.find(
          (e) => e.path === '/accounts',
        );
        expect(entry).toMatchObject({
          method: 'GET',
          status: 400,
          problem: expect.stringMatching(/^pageSize: /),
        });
        expect(entry?.latencyMs).toBeTypeOf('number');
        expect(JSON.stringify(log.body)).not.toContain('logged-token');
      });
    });

    describe('scenario control with Prefer', () => {
      it('forces a documented status with code=, still valid against the spec', async () => {
        const res = await mock.call('GET', '/accounts/ACME_ACCOUNT_2', { headers: { prefer: 'code=404' } });
        expect(res.status).toBe(404);
        expect(validate('getAccount', 404, res.body)).toEqual([]);
        expect(res.headers.get('x-error-code')).toBe('NOT_FOUND');
        const limited = await mock.call('GET', '/accounts', { headers: { prefer: 'code=429' } });
        expect(limited.status).toBe(429);
        expect(validate('getAccounts', 429, limited.body)).toEqual([]);
      });

      it('serves a generated response with dynamic=true, valid against the spec', async () => {
        const res = await mock.call('GET', '/accounts/ANY', { headers: { prefer: 'dynamic=true' } });
        expect(res.status).toBe(200);
        expect(validate('getAccount', 200, res.body)).toEqual([]);
      });

      it('delays the answer with delay=MS', async () => {
        const started = performance.now();
        const res = await mock.call('GET', '/accounts?pageSize=1', { headers: { prefer: 'delay=300' } });
        expect(res.status).toBe(200);
        expect(performance.now() - started).toBeGreaterThanOrEqual(290);
      });

      it('injects a 500, a reset connection and a timeout with fail=', async () => {
        const failed = await mock.call('GET', '/accounts', { headers: { prefer: 'fail=500' } });
        expect(failed.status).toBe(500);
        expect(validate('getAccounts', 500, failed.body)).toEqual([]);
        await expect(mock.call('GET', '/accounts', { headers: { prefer: 'fail=reset' } })).rejects.toThrow();
        const holding = await adapter.start({ accounts: 3, customers: 1, holdMs: 100 });
        try {
          // The server closes the connection itself after holdMs, with no answer; the client's
          // own (much longer) timeout is only a bound.
          const held = fetch(`${holding.url}/accounts`, {
            headers: { authorization: 'Bearer t', prefer: 'fail=timeout' },
            signal: AbortSignal.timeout(20_000),
          });
          // A network error, whatever the client calls it ("fetch failed", "Failed to fetch").
          await expect(held).rejects.toThrow(TypeError);
        } finally {
          await holding.close();
        }
        expect((await mock.call('GET', '/accounts?pageSize=1')).status).toBe(200);
      });

      it('answers 400 naming Prefer for a malformed control', async () => {
        const res = await mock.call('GET', '/accounts', { headers: { prefer: 'delay=soon' } });
        expect(res.status).toBe(400);
        expect((res.body as { message: string }).message).toMatch(/^Prefer: /);
      });
    });

    describe('server-wide scenarios', () => {
      it('answers 429 with Retry-After past --rate-limit, per tenant, until the bucket refills', async () => {
        let nowMs = 1_000_000;
        const limited = await adapter.start({ accounts: 3, customers: 1, rateLimit: 2, now: () => nowMs });
        try {
          const statuses = [];
          for (let i = 0; i < 4; i++)
            statuses.push((await limited.call('GET', '/accounts', { token: 'busy' })).status);
          expect(statuses).toEqual([200, 200, 429, 429]);
          const res = await limited.call('GET', '/accounts', { token: 'busy' });
          expect(res.headers.get('retry-after')).toBe('1');
          expect(validate('getAccounts', 429, res.body)).toEqual([]);
          expect((await limited.call('GET', '/accounts', { token: 'calm' })).status).toBe(200);
          nowMs += 1_000;
          expect((await limited.call('GET', '/accounts', { token: 'busy' })).status).toBe(200);
        } finally {
          await limited.close();
        }
      });

      it('caps what all tenants together may add, with 403 STORE_FULL, and frees it on reset', async () => {
        const capped = await adapter.start({ accounts: 3, customers: 1, maxStoredItems: 3 });
        try {
          const customerId = ((await capped.call('GET', '/customers')).body as { data: { id: string }[] })
            .data[0]?.id;
          const create = (token: string, id: string) =>
            capped.call('POST', '/accounts', { token, body: { id, name: `Account ${id}`, customerId } });
          expect((await create('one', 'A1')).status).toBe(201);
          expect((await create('two', 'B1')).status).toBe(201);
          expect((await create('two', 'B2')).status).toBe(201);
          const full = await create('three', 'C1');
          expect(full.status).toBe(403);
          expect(full.headers.get('x-error-code')).toBe('STORE_FULL');
          expect(validate('createAccount', 403, full.body)).toEqual([]);
          expect((await capped.call('POST', '/__admin/reset', { token: 'two' })).status).toBe(200);
          expect((await create('three', 'C1')).status).toBe(201);
        } finally {
          await capped.close();
        }
      });

      it('injects 500s at --error-rate, reproducibly for a seed', async () => {
        const run = async () => {
          const flaky = await adapter.start({ seed: 9, accounts: 3, customers: 1, errorRate: 0.5 });
          try {
            const statuses = [];
            for (let i = 0; i < 20; i++) statuses.push((await flaky.call('GET', '/accounts')).status);
            return statuses;
          } finally {
            await flaky.close();
          }
        };
        const first = await run();
        expect(first.filter((s) => s === 500).length).toBeGreaterThan(3);
        expect(first.filter((s) => s === 200).length).toBeGreaterThan(3);
        expect(await run()).toEqual(first);
      });

      it('adds --latency to every answer', async () => {
        const slow = await adapter.start({ accounts: 3, customers: 1, latency: { min: 200, max: 250 } });
        try {
          const started = performance.now();
          await slow.call('GET', '/accounts');
          expect(performance.now() - started).toBeGreaterThanOrEqual(195);
        } finally {
          await slow.close();
        }
      });
    });

    describe('calls about every tenant', () => {
      it('are refused when the server has no admin token, so a public sandbox is safe by default', async () => {
        const reset = await mock.call('POST', '/__admin/reset?all=true');
        expect(reset.status).toBe(403);
        expect((reset.body as { message: string }).message).toMatch(/^X-Admin-Token: /);
        expect((await mock.call('GET', '/__admin/requests?all=true')).status).toBe(403);
      });

      it.each(['1', 'TRUE', 'yes', ''])(
        'refuse ?all=%s with a tenant token like ?all=true, never resetting the caller instead',
        async (value) => {
          const guarded = await adapter.start({ accounts: 3, customers: 1, adminToken: 's3cret' });
          try {
            const customerId = ((await guarded.call('GET', '/customers')).body as { data: { id: string }[] })
              .data[0]?.id;
            const body = { id: 'KEEP_ME', name: 'Kept', customerId };
            expect((await guarded.call('POST', '/accounts', { token: 'caller', body })).status).toBe(201);
            const reset = await guarded.call('POST', `/__admin/reset?all=${value}`, { token: 'caller' });
            expect(reset.status).toBeGreaterThanOrEqual(400);
            expect((reset.body as { message: string }).message).toMatch(/^(X-Admin-Token|all): /);
            const requests = await guarded.call('GET', `/__admin/requests?all=${value}`, { token: 'caller' });
            expect(requests.status).toBeGreaterThanOrEqual(400);
            expect((await guarded.call('GET', '/accounts/KEEP_ME', { token: 'caller' })).status).toBe(200);
          } finally {
            await guarded.close();
          }
        },
      );

      it('need X-Admin-Token when the server has one; own-tenant calls need only the bearer token', async () => {
        const guarded = await adapter.start({ accounts: 3, customers: 1, adminToken: 's3cret' });
        try {
          expect((await guarded.call('POST', '/__admin/reset?all=true')).status).toBe(403);
          const admin = { headers: { 'x-admin-token': 's3cret' } };
          expect((await guarded.call('POST', '/__admin/reset?all=true', admin)).status).toBe(200);
          const everyone = await guarded.call('GET', '/__admin/requests?all=true', admin);
          expect((everyone.body as { data: unknown[] }).data.length).toBeGreaterThan(0);
          expect((await guarded.call('POST', '/__admin/reset', { token: 'own-tenant' })).status).toBe(200);
        } finally {
          await guarded.close();
        }
      });
    });

    describe('named examples', () => {
      it('serves the named example with Prefer: example=NAME', async () => {
        const res = await mock.call('GET', '/accounts', { headers: { prefer: 'example=lastPage' } });
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ data: [], context: { pageSize: 10, sortOrder: 'ASC' } });
        expect(validate('getAccounts', 200, res.body)).toEqual([]);
      });
    });

    describe('forced statuses the spec does not declare', () => {
      it('answers 400 naming Prefer for a success status the operation does not document', async () => {
        const res = await mock.call('GET', '/accounts', { headers: { prefer: 'code=201' } });
        expect(res.status).toBe(400);
        expect((res.body as { message: string }).message).toMatch(
          /^Prefer: code=201 is not documented for getAccounts/,
        );
      });

      it('serves an error status covered by the default response, in the error shape', async () => {
        const res = await mock.call('GET', '/accounts', { headers: { prefer: 'code=503' } });
        expect(res.status).toBe(503);
        expect(validate('getAccounts', 503, res.body)).toEqual([]);
      });
    });
  },
};

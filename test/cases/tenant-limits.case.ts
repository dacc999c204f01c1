import { describe, expect, it } from 'vitest';
import type { TestMock } from '../helpers/start-mock.ts';
import type { Adapter, CaseSuite } from './adapter.ts';

/** Shared cases (from test/hostile/tenant-limits.test.ts): run against every adapter by test/adapters/*.test.ts. */
export const tenantLimitsCases: CaseSuite = {
  name: 'hostile: tenant limits',
  define(adapter: Adapter) {
    const SMALL = { seed: 8, accounts: 30, customers: 2 };

    async function ownerOf(mock: TestMock, token: string): Promise<string> {
      const res = await mock.call('GET', '/customers?pageSize=1', { token });
      return (res.body as { data: { id: string }[] }).data[0]?.id as string;
    }

    async function seededIds(mock: TestMock, count: number): Promise<string[]> {
      const res = await mock.call('GET', `/accounts?pageSize=${count}`, { token: 'reader' });
      return (res.body as { data: { id: string }[] }).data.map((account) => account.id);
    }

    const expectOnlyMessage = (res: { status: number; body: unknown }, status: number, message: RegExp) => {
      expect(res.status).toBe(status);
      expect(Object.keys(res.body as object)).toEqual(['message']);
      expect((res.body as { message: string }).message).toMatch(message);
    };

    describe('tenants and eviction', () => {
      it('keeps tenant A through a hundred reads with fresh tokens, past maxTenants', async () => {
        const mock = await adapter.start({ ...SMALL, maxTenants: 10 });
        try {
          const customerId = await ownerOf(mock, 'tenant-a');
          const body = { id: 'A_KEEPS_THIS', name: 'Mine', customerId };
          expect((await mock.call('POST', '/accounts', { token: 'tenant-a', body })).status).toBe(201);
          for (let i = 0; i < 100; i++) {
            expect((await mock.call('GET', '/accounts?pageSize=1', { token: `fresh-${i}` })).status).toBe(
              200,
            );
          }
          const mine = await mock.call('GET', '/accounts/A_KEEPS_THIS', { token: 'tenant-a' });
          expect(mine.status).toBe(200);
          expect(mine.headers.get('x-tenant-reset')).toBeNull();
        } finally {
          await mock.close();
        }
      });

      it('tells a tenant pushed out by a newer one with X-Tenant-Reset: evicted, instead of silent seed data', async () => {
        const mock = await adapter.start({ ...SMALL, maxTenants: 1, tenantEvictIdleMs: 0 });
        try {
          const customerId = await ownerOf(mock, 'tenant-a');
          await mock.call('POST', '/accounts', {
            token: 'tenant-a',
            body: { id: 'A1', name: 'Mine', customerId },
          });
          await mock.call('POST', '/accounts', {
            token: 'tenant-b',
            body: { id: 'B1', name: 'Mine', customerId },
          });
          const gone = await mock.call('GET', '/accounts/A1', { token: 'tenant-a' });
          expect(gone.status).toBe(404);
          expect(gone.headers.get('x-tenant-reset')).toBe('evicted');
          const b = await mock.call('GET', '/accounts/B1', { token: 'tenant-b' });
          expect(b.headers.get('x-tenant-reset')).toBeNull();
        } finally {
          await mock.close();
        }
      });

      it('lets a new user write after a flood of one-create tenants, keeps a regular user, and tells the evicted', async () => {
        const mock = await adapter.start({ ...SMALL, maxTenants: 20 });
        try {
          const customerId = await ownerOf(mock, 'reader');
          const create = (token: string, id: string) =>
            mock.call('POST', '/accounts', { token, body: { id, name: 'Written', customerId } });
          expect((await create('regular', 'REGULAR_1')).status).toBe(201);
          for (let i = 0; i < 5; i++) await mock.call('GET', '/accounts/REGULAR_1', { token: 'regular' });
          for (let i = 0; i < 40; i++) expect((await create(`flood-${i}`, `FLOOD_${i}`)).status).toBe(201);
          const newcomer = await create('newcomer', 'NEW_1');
          expect(newcomer.status).toBe(201);
          const regular = await mock.call('GET', '/accounts/REGULAR_1', { token: 'regular' });
          expect(regular.status).toBe(200);
          expect(regular.headers.get('x-tenant-reset')).toBeNull();
          const flooded = await mock.call('GET', '/accounts/FLOOD_0', { token: 'flood-0' });
          expect(flooded.status).toBe(404);
          expect(flooded.headers.get('x-tenant-reset')).toBe('evicted');
        } finally {
          await mock.close();
        }
      });

      it('gives a new writer the place of the least used tenant when all are in use, and tells that one', async () => {
        const mock = await adapter.start({ ...SMALL, maxTenants: 2 });
        try {
          const customerId = await ownerOf(mock, 'reader');
          const create = (token: string, id: string) =>
            mock.call('POST', '/accounts', { token, body: { id, name: 'Mine', customerId } });
          expect((await create('tenant-a', 'A1')).status).toBe(201);
          for (let i = 0; i < 3; i++) await mock.call('GET', '/accounts/A1', { token: 'tenant-a' });
          expect((await create('tenant-c', 'C1')).status).toBe(201);
          expect((await create('tenant-b', 'B1')).status).toBe(201);
          const a = await mock.call('GET', '/accounts/A1', { token: 'tenant-a' });
          expect(a.status).toBe(200);
          const c = await mock.call('GET', '/accounts/C1', { token: 'tenant-c' });
          expect(c.status).toBe(404);
          expect(c.headers.get('x-tenant-reset')).toBe('evicted');
        } finally {
          await mock.close();
        }
      });

      it('tells a tenant whose data expired on its very first answer, a write included', async () => {
        let clock = Date.parse('2025-01-01T00:00:00Z');
        const mock = await adapter.start({ ...SMALL, tenantIdleMs: 60_000, now: () => clock });
        try {
          const customerId = await ownerOf(mock, 'reader');
          for (const token of ['reads-first', 'writes-first']) {
            const body = { id: `KEPT_${token}`, name: 'Mine', customerId };
            expect((await mock.call('POST', '/accounts', { token, body })).status).toBe(201);
          }
          clock += 61_000;
          const read = await mock.call('GET', '/accounts/KEPT_reads-first', { token: 'reads-first' });
          expect(read.status).toBe(404);
          expect(read.headers.get('x-tenant-reset')).toBe('expired');
          const write = await mock.call('POST', '/accounts', {
            token: 'writes-first',
            body: { id: 'AFTER', name: 'After', customerId },
          });
          expect(write.status).toBe(201);
          expect(write.headers.get('x-tenant-reset')).toBe('expired');
          // The write started a fresh tenant: later answers carry no notice.
          const next = await mock.call('GET', '/accounts/AFTER', { token: 'writes-first' });
          expect(next.headers.get('x-tenant-reset')).toBeNull();
        } finally {
          await mock.close();
        }
      });
    });

    describe('the admin import', () => {
      it('follows the same rule: a new tenant importing takes the least used place, never refused', async () => {
        const mock = await adapter.start({ ...SMALL, maxTenants: 1 });
        try {
          const customerId = await ownerOf(mock, 'tenant-a');
          await mock.call('POST', '/accounts', {
            token: 'tenant-a',
            body: { id: 'A1', name: 'Mine', customerId },
          });
          const fixture = { accounts: [{ id: 'IMPORTED', name: 'Imported', customerId }] };
          const imported = await mock.call('POST', '/__admin/import', { token: 'tenant-b', body: fixture });
          expect(imported.status).toBe(200);
          expect((await mock.call('GET', '/accounts/IMPORTED', { token: 'tenant-b' })).status).toBe(200);
          const a = await mock.call('GET', '/accounts/A1', { token: 'tenant-a' });
          expect(a.status).toBe(404);
          expect(a.headers.get('x-tenant-reset')).toBe('evicted');
        } finally {
          await mock.close();
        }
      });
    });

    describe('bytes a tenant may hold', () => {
      it('counts PATCHes: past --max-tenant-bytes a PATCH answers 403 STORE_FULL and changes nothing', async () => {
        const mock = await adapter.start({ ...SMALL, maxTenantBytes: 20_000 });
        try {
          const [first, second] = (await seededIds(mock, 2)) as [string, string];
          const big = { metadata: { blob: 'x'.repeat(15_000) } };
          expect((await mock.call('PATCH', `/accounts/${first}`, { token: 'heavy', body: big })).status).toBe(
            200,
          );
          const refused = await mock.call('PATCH', `/accounts/${second}`, { token: 'heavy', body: big });
          expectOnlyMessage(
            refused,
            403,
            /^accounts: this tenant holds the maximum of 20000 bytes of stored data$/,
          );
          expect(refused.headers.get('x-error-code')).toBe('STORE_FULL');
          const after = await mock.call('GET', `/accounts/${second}`, { token: 'heavy' });
          expect(after.text).toBe((await mock.call('GET', `/accounts/${second}`, { token: 'other' })).text);
          expect(
            (await mock.call('PATCH', `/accounts/${second}`, { token: 'other', body: big })).status,
          ).toBe(200);
        } finally {
          await mock.close();
        }
      });

      it('counts PATCHes against --max-stored-items, which they used to bypass', async () => {
        const mock = await adapter.start({ ...SMALL, maxStoredItems: 10 });
        try {
          const statuses: number[] = [];
          for (const id of await seededIds(mock, 20)) {
            const res = await mock.call('PATCH', `/accounts/${id}`, {
              token: 'patcher',
              body: { name: 'Patched' },
            });
            statuses.push(res.status);
          }
          expect(statuses).toContain(200);
          expect(statuses.filter((status) => status === 403).length).toBeGreaterThan(5);
        } finally {
          await mock.close();
        }
      });
    });
  },
};

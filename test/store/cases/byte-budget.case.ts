import { describe, expect, it } from 'vitest';
import { BUDGET_BASELINE, create } from './budget.case.ts';
import {
  type CaseOps,
  type CaseTenancyOptions,
  type CaseTenants,
  firstCustomerOf,
  type StoreCaseSuite,
} from './store-runner.ts';

const bigMetadata = (bytes: number) => ({ blob: 'x'.repeat(bytes) });
const seededIds = async (store: CaseOps, n: number) =>
  (await store.listAccounts({ order: 'ASC', limit: n })).items.map((account) => account.id);
const storedBytes = async (tenants: CaseTenants): Promise<number> => (await tenants.stored()).bytes;

/** Shared cases (from test/store/budget.test.ts): run against every store. */
export const byteBudgetCases: StoreCaseSuite = {
  name: 'the byte budget',
  define(runner) {
    const open = (options: CaseTenancyOptions) => runner.openTenants(BUDGET_BASELINE, options);

    describe('the byte budget', () => {
      it('counts what a PATCH adds to a seeded record, and refuses one past the tenant’s bytes', async () => {
        const tenants = open({ maxTenantBytes: 25_000 });
        const store = tenants.get('a');
        const [first, second] = (await seededIds(store, 2)) as [string, string];
        expect((await store.updateAccount(first, { metadata: bigMetadata(15_000) })).ok).toBe(true);
        expect(await storedBytes(tenants)).toBeGreaterThan(15_000);
        expect(await storedBytes(tenants)).toBeLessThan(16_000);
        expect(await tenants.get('a').updateAccount(second, { metadata: bigMetadata(15_000) })).toEqual({
          ok: false,
          error: {
            code: 'STORE_FULL',
            message: 'accounts: this tenant holds the maximum of 25000 bytes of stored data',
          },
        });
        expect(await tenants.get('a').getAccount(second)).toEqual(
          await tenants.get('untouched').getAccount(second),
        );
        // A PATCH that does not grow the tenant always succeeds, even when full.
        expect((await tenants.get('a').updateAccount(first, { metadata: bigMetadata(14_000) })).ok).toBe(
          true,
        );
        expect((await tenants.get('a').updateAccount(first, { name: 'Renamed' })).ok).toBe(true);
        // Another tenant has its own allowance.
        expect((await tenants.get('b').updateAccount(second, { metadata: bigMetadata(15_000) })).ok).toBe(
          true,
        );
      });

      it('counts PATCHes of seeded records against the item budget too (they used to be free)', async () => {
        const tenants = open({ maxStoredItems: 10 });
        const results = [];
        for (const id of await seededIds(tenants.get('a'), 20))
          results.push({ id, result: await tenants.get('a').updateAccount(id, { name: 'Patched' }) });
        // A rewritten seeded account costs itself and its alias records.
        expect(results.filter(({ result }) => result.ok).length).toBeGreaterThan(1);
        const refused = results.filter(({ result }) => !result.ok);
        expect(refused.length).toBeGreaterThan(5);
        for (const { id, result } of refused) {
          expect(result).toMatchObject({ ok: false, error: { code: 'STORE_FULL' } });
          expect(await tenants.get('a').getAccount(id)).toMatchObject({
            ok: true,
            value: { name: expect.not.stringMatching('Patched') },
          });
        }
        expect((await tenants.stored()).items).toBeLessThanOrEqual(10);
      });

      it('refuses creates past the server’s bytes', async () => {
        const tenants = open({ maxStoredBytes: 3_000, maxTenants: 1 });
        const owner = await firstCustomerOf(tenants.get('a'));
        const account = (id: string) => ({ id, name: id, customerId: owner, metadata: bigMetadata(1_000) });
        expect((await tenants.get('a').createAccount(account('ONE'))).ok).toBe(true);
        expect((await tenants.get('a').createAccount(account('TWO'))).ok).toBe(true);
        expect(await tenants.get('a').createAccount(account('THREE'))).toEqual({
          ok: false,
          error: {
            code: 'STORE_FULL',
            message: 'accounts: the server holds the maximum of 3000 bytes of stored data',
          },
        });
      });

      it('refuses a tenant past its own item cap, whatever the server has left', async () => {
        const tenants = open({ maxTenantItems: 2 });
        expect((await create(tenants, 'a', 'A1')).ok).toBe(true);
        expect((await create(tenants, 'a', 'A2')).ok).toBe(true);
        expect(await create(tenants, 'a', 'A3')).toEqual({
          ok: false,
          error: { code: 'STORE_FULL', message: 'accounts: this tenant holds the maximum of 2 stored items' },
        });
        expect((await create(tenants, 'b', 'B1')).ok).toBe(true);
      });
    });

    describe('a fair share of the server for every tenant', () => {
      // 4 tenants may hold data: each is guaranteed 40,000 / 8 = 5,000 bytes; 20,000 bytes are shared.
      const options = { maxTenants: 4, maxStoredBytes: 40_000, maxTenantBytes: 15_000 };
      const fill = async (tenants: CaseTenants, key: string): Promise<number> => {
        const owner = await firstCustomerOf(tenants.get(key));
        let made = 0;
        while (
          (
            await tenants.get(key).createAccount({
              id: `${key}_${made}_${await storedBytes(tenants)}`,
              name: 'Filler',
              customerId: owner,
              metadata: bigMetadata(900),
            })
          ).ok
        )
          made++;
        return made;
      };

      it('keeps a guaranteed share for every tenant when a few fill the server', async () => {
        const tenants = open(options);
        await fill(tenants, 'a');
        await fill(tenants, 'b');
        await fill(tenants, 'c');
        const owner = await firstCustomerOf(tenants.get('a'));
        const one = (key: string, id: string) =>
          tenants.get(key).createAccount({ id, name: 'One', customerId: owner, metadata: bigMetadata(900) });
        // a and b hit their own cap; c the end of the shared room: each is told which.
        expect(await one('a', 'MORE')).toMatchObject({
          error: { message: expect.stringMatching(/this tenant holds the maximum of 15000 bytes/) },
        });
        expect(await one('c', 'MORE')).toMatchObject({
          error: {
            message: expect.stringMatching(
              /server is full, and this tenant holds more than its guaranteed share of 5000 bytes/,
            ),
          },
        });
        expect(await storedBytes(tenants)).toBeLessThanOrEqual(40_000);
        // A fourth tenant still writes its guaranteed share.
        expect(await fill(tenants, 'd')).toBeGreaterThanOrEqual(4);
        expect(await storedBytes(tenants)).toBeLessThanOrEqual(40_000);
      });

      it('gives the shared room back when a heavy tenant is reset', async () => {
        const tenants = open(options);
        await fill(tenants, 'a');
        await fill(tenants, 'b');
        await fill(tenants, 'c');
        const before = await fill(tenants, 'c');
        await tenants.reset('a');
        expect(before).toBe(0);
        expect(await fill(tenants, 'c')).toBeGreaterThan(0);
      });
    });

    describe('the starting data of a fixture', () => {
      it('does not count against the tenants that write (in memory it is held once for every tenant)', async () => {
        const owner = await firstCustomerOf(runner.openStore(BUDGET_BASELINE));
        const tenants = open({
          maxTenantBytes: 6_000,
          fixtureAccounts: ['FIX_1', 'FIX_2', 'FIX_3', 'FIX_4'].map((id) => ({
            id,
            name: 'From the fixture',
            customerId: owner,
            metadata: bigMetadata(1_000),
          })),
        });
        const mine = { name: 'Mine', customerId: owner, metadata: bigMetadata(1_000) };
        expect((await tenants.get('a').createAccount({ id: 'A1', ...mine })).ok).toBe(true);
        expect((await tenants.get('a').createAccount({ id: 'A2', ...mine })).ok).toBe(true);
        expect((await tenants.get('a').getAccount('FIX_4')).ok).toBe(true);
        expect(await storedBytes(tenants)).toBeGreaterThan(2_000);
        expect(await storedBytes(tenants)).toBeLessThan(3_000);
        expect((await tenants.get('b').createAccount({ id: 'B1', ...mine })).ok).toBe(true);
        expect(await storedBytes(tenants)).toBeLessThan(4_500);
      });
    });
  },
};

import { describe, expect, it } from 'vitest';
import { type CaseTenants, firstCustomerOf, type StoreCaseSuite } from './store-runner.ts';

export const BUDGET_BASELINE = { seed: 3, accounts: 20, customers: 2 };
export const create = async (tenants: CaseTenants, key: string, id: string) =>
  tenants
    .get(key)
    .createAccount({ id, name: `Account ${id}`, customerId: await firstCustomerOf(tenants.get(key)) });
export const customer = (id: string) => ({ id, name: `Customer ${id}`, primaryEmail: 'c@d.ef', address: {} });
const storedItems = async (tenants: CaseTenants): Promise<number> => (await tenants.stored()).items;

/**
 * Shared cases (from test/store/budget.test.ts): run against every store. Expiry, eviction and a
 * store made outside the tenants are the in-memory tenants' alone (test/store/memory-only.test.ts).
 */
export const budgetCases: StoreCaseSuite = {
  name: 'the server-wide budget',
  define(runner) {
    const open = (options: Parameters<typeof runner.openTenants>[1]) =>
      runner.openTenants(BUDGET_BASELINE, options);

    describe('the server-wide budget', () => {
      it('counts what every tenant adds and refuses creates past it, in any tenant', async () => {
        const tenants = open({ maxStoredItems: 5 });
        expect((await create(tenants, 'a', 'A1')).ok).toBe(true);
        expect((await tenants.get('a').addAliases('A1', { aliases: ['one@a.co'] })).ok).toBe(true);
        expect((await tenants.get('b').createCustomer(customer('B_CUSTOMER'))).ok).toBe(true);
        expect((await create(tenants, 'b', 'B1')).ok).toBe(true);
        expect(await storedItems(tenants)).toBe(4);
        expect((await create(tenants, 'c', 'C1')).ok).toBe(true);
        expect(await create(tenants, 'c', 'C2')).toEqual({
          ok: false,
          error: { code: 'STORE_FULL', message: 'accounts: the server holds the maximum of 5 created items' },
        });
        expect(await tenants.get('a').createCustomer(customer('MORE'))).toEqual({
          ok: false,
          error: {
            code: 'STORE_FULL',
            message: 'customers: the server holds the maximum of 5 created items',
          },
        });
        expect((await tenants.get('a').addAliases('A1', { aliases: ['two@a.co'] })).ok).toBe(false);
        expect((await tenants.get('c').getAccount('C2')).ok).toBe(false);
        // A delete frees room; so does resetting a tenant.
        expect((await tenants.get('c').deleteAccount('C1')).ok).toBe(true);
        expect((await create(tenants, 'c', 'C2')).ok).toBe(true);
        await tenants.reset('a');
        expect(await storedItems(tenants)).toBe(3);
        expect((await create(tenants, 'c', 'C3')).ok).toBe(true);
      });

      it('counts a deletion marker of a seeded item, but not a seeded customer’s accounts one by one', async () => {
        const tenants = open({ maxStoredItems: 100 });
        const store = tenants.get('a');
        const owner = await firstCustomerOf(store);
        const seeded = (await store.listAccounts({ order: 'ASC', limit: 100 })).items;
        await store.deleteAccount(seeded.find((a) => a.customerId !== owner)?.id as string);
        await store.deleteAccount(seeded.find((a) => a.customerId === owner)?.id as string);
        expect(await storedItems(tenants)).toBe(2);
        const owned = seeded.filter((a) => a.customerId === owner).length;
        await store.deleteCustomer(owner);
        // The customer's marker replaces its account's; its other seeded accounts cost nothing.
        expect(await storedItems(tenants)).toBe(2);
        expect(await store.countAccounts()).toBe(seeded.length - 1 - owned);
      });

      it('counts a fork from its parent’s usage, and a swap releases the replaced store', async () => {
        const tenants = open({ maxStoredItems: 4 });
        await create(tenants, 'a', 'A1');
        await create(tenants, 'a', 'A2');
        await create(tenants, 'b', 'B1');
        const draft = tenants.get('a').fork();
        // The draft is judged as if swapped in: 1 (b) + its own 2 + the new one + 1 more = 4 fits, 5 not.
        const draftOwner = await firstCustomerOf(draft);
        expect((await draft.createAccount({ id: 'D1', name: 'Draft one', customerId: draftOwner })).ok).toBe(
          true,
        );
        expect(await storedItems(tenants)).toBe(3);
        expect((await draft.createAccount({ id: 'D2', name: 'Draft two', customerId: draftOwner })).ok).toBe(
          false,
        );
        await tenants.set('a', draft);
        expect(await storedItems(tenants)).toBe(4);
        await tenants.set('a', draft);
        expect(await storedItems(tenants)).toBe(4);
        const empty = tenants.get('a').fork();
        await empty.clear();
        await tenants.set('a', empty);
        expect(await storedItems(tenants)).toBe(1);
      });
    });

    describe('the per-tenant customer cap', () => {
      it('answers STORE_FULL past maxCustomers and accepts again after a delete', async () => {
        const store = runner.openStore({ ...BUDGET_BASELINE, maxCustomers: 3 });
        expect((await store.createCustomer(customer('THIRD'))).ok).toBe(true);
        expect(await store.createCustomer(customer('FOURTH'))).toEqual({
          ok: false,
          error: { code: 'STORE_FULL', message: 'customers: the store holds the maximum of 3 customers' },
        });
        expect((await store.deleteCustomer('THIRD')).ok).toBe(true);
        expect((await store.createCustomer(customer('FOURTH'))).ok).toBe(true);
      });
    });
  },
};

import { expect, it } from 'vitest';
import type { Account } from '../../../src/store/types.ts';
import { walkIds } from './pagination.case.ts';
import type { CaseOps, StoreCaseSuite } from './store-runner.ts';

// 7 customers over 100 accounts: groups of very different sizes (from 1 to dozens).
const SEVEN_CUSTOMERS = { seed: 21, accounts: 100, customers: 7 };

const all = async (store: CaseOps): Promise<Account[]> =>
  (await store.listAccounts({ order: 'ASC', limit: 1000 })).items;
const customers = async (store: CaseOps): Promise<string[]> =>
  (await store.listCustomers({ order: 'ASC', limit: 100 })).items.map((c) => c.id);
/** Customers by how many seeded accounts they own, most first. */
const byAccounts = async (store: CaseOps): Promise<string[]> => {
  const accounts = await all(store);
  const owned = (id: string) => accounts.filter((a) => a.customerId === id).length;
  return (await customers(store)).sort((a, b) => owned(b) - owned(a));
};

/** Shared cases (from test/store/delete-seeded-customer.test.ts): run against every store. */
export const deleteSeededCustomerCases: StoreCaseSuite = {
  name: 'deleting seeded customers',
  define(runner) {
    const open = () => runner.openStore(SEVEN_CUSTOMERS);

    it('hides exactly the customer’s seeded accounts from gets, pages in both orders and counts', async () => {
      const store = open();
      const [victim] = await customers(store);
      const before = await all(store);
      const kept = before.filter((a) => a.customerId !== victim).map((a) => a.id);
      const gone = before.filter((a) => a.customerId === victim).map((a) => a.id);
      expect((await store.deleteCustomer(victim as string)).ok).toBe(true);
      expect(await store.countAccounts()).toBe(kept.length);
      for (const limit of [1, 3, 14, 200]) {
        expect(await walkIds(store, 'ASC', limit)).toEqual(kept);
        expect(await walkIds(store, 'DESC', limit)).toEqual([...kept].reverse());
      }
      for (const id of gone) expect((await store.getAccount(id)).ok).toBe(false);
      expect((await store.deleteAccount(gone[0] as string)).ok).toBe(false);
      // A cursor left on a hidden id still resumes right after it.
      const page = await store.listAccounts({ order: 'ASC', limit: 2, after: gone[0] as string });
      expect(page.items.map((a) => a.id)).toEqual(kept.filter((id) => id > (gone[0] as string)).slice(0, 2));
    });

    it('drops the customer’s rewritten seeded accounts but keeps an id moved to another customer', async () => {
      const store = open();
      const [victim, other] = (await byAccounts(store)) as [string, string];
      const owned = (await all(store)).filter((a) => a.customerId === victim).map((a) => a.id);
      const [renamed, moved, deleted] = owned as [string, string, string];
      await store.updateAccount(renamed, { name: 'Renamed first' });
      await store.deleteAccount(moved);
      await store.createAccount({ id: moved, name: 'Moved', customerId: other });
      await store.deleteAccount(deleted);
      await store.deleteCustomer(victim);
      expect((await store.getAccount(renamed)).ok).toBe(false);
      const movedNow = await store.getAccount(moved);
      expect(movedNow.ok && movedNow).toMatchObject({ value: { name: 'Moved' } });
      expect(await store.countAccounts()).toBe(100 - owned.length + 1);
      expect(await walkIds(store, 'DESC', 4)).toHaveLength(await store.countAccounts());
      // The moved account is an ordinary account now: it deletes and comes back like one.
      expect((await store.deleteAccount(moved)).ok).toBe(true);
      expect((await store.getAccount(moved)).ok).toBe(false);
      expect(await store.countAccounts()).toBe(100 - owned.length);
      // Deleting the other customer must not resurrect anything of the first.
      await store.deleteCustomer(other);
      expect((await all(store)).every((a) => a.customerId !== victim && a.customerId !== other)).toBe(true);
    });

    it('leaves an empty account list, not a million markers, once every seeded customer is gone', async () => {
      const store = open();
      for (const id of await customers(store)) await store.deleteCustomer(id);
      expect(await store.countAccounts()).toBe(0);
      expect(await store.listAccounts({ order: 'DESC', limit: 5 })).toEqual({ items: [], hasMore: false });
      const owner = 'NEW';
      await store.createCustomer({ id: owner, name: 'New one', primaryEmail: 'n@e.w', address: {} });
      await store.createAccount({ id: 'ONLY', name: 'Only', customerId: owner });
      expect(await walkIds(store, 'ASC', 1)).toEqual(['ONLY']);
    });
  },
};

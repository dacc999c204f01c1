import { describe, expect, it } from 'vitest';
import { firstCustomerOf, type StoreCaseSuite } from './store-runner.ts';

const FORTY_ACCOUNTS = { seed: 5, accounts: 40, customers: 4 };

/**
 * Shared cases (from test/store/fork-clear.test.ts): run against every store. A fork read as a
 * copy of the tenant is the in-memory store's alone (test/store/memory-only.test.ts says why).
 */
export const clearAndDraftsCases: StoreCaseSuite = {
  name: 'clear and drafts',
  define(runner) {
    describe('clear', () => {
      it('empties the tenant of seeded and created data, and takes new writes after', async () => {
        const store = runner.openStore(FORTY_ACCOUNTS);
        const owner = await firstCustomerOf(store);
        await store.createAccount({ id: 'A', name: 'Created', customerId: owner, aliases: ['one@a.com'] });
        await store.clear();
        expect(await store.countAccounts()).toBe(0);
        expect(await store.countCustomers()).toBe(0);
        expect(await store.listAccounts({ order: 'ASC', limit: 10 })).toEqual({ items: [], hasMore: false });
        expect(await store.listCustomers({ order: 'DESC', limit: 10 })).toEqual({
          items: [],
          hasMore: false,
        });
        expect((await store.getAccount('A')).ok).toBe(false);
        expect((await store.getCustomer(owner)).ok).toBe(false);
        expect(
          (await store.createCustomer({ id: owner, name: 'Again', primaryEmail: 'a@b.co', address: {} })).ok,
        ).toBe(true);
        expect((await store.createAccount({ id: 'A', name: 'Again', customerId: owner })).ok).toBe(true);
        expect((await store.listAccounts({ order: 'ASC', limit: 10 })).items.map((a) => a.id)).toEqual(['A']);
        expect(await store.countAccounts()).toBe(1);
      });
    });

    describe('tenants.set', () => {
      it('swaps in a draft for one key, leaving the others alone', async () => {
        const tenants = runner.openTenants(FORTY_ACCOUNTS);
        const live = tenants.get('a');
        const draft = live.fork();
        await draft.createAccount({
          id: 'IMPORTED',
          name: 'Imported',
          customerId: await firstCustomerOf(draft),
        });
        expect((await tenants.get('a').getAccount('IMPORTED')).ok).toBe(false);
        expect(await tenants.set('a', draft)).toEqual({ ok: true, value: true });
        expect((await tenants.get('a').getAccount('IMPORTED')).ok).toBe(true);
        expect((await tenants.get('b').getAccount('IMPORTED')).ok).toBe(false);
      });

      it('keeps no write the budget refused in a draft: not seen, not committed, the rest applied', async () => {
        const tenants = runner.openTenants(FORTY_ACCOUNTS, { maxStoredItems: 3 });
        const owner = await firstCustomerOf(tenants.get('a'));
        const draft = tenants.get('a').fork();
        expect((await draft.createAccount({ id: 'D1', name: 'Fits', customerId: owner })).ok).toBe(true);
        // An account with 3 aliases costs 4 items: 1 + 4 passes the server's 3.
        const aliases = ['one@d.co', 'two@d.co', 'three@d.co'];
        expect(await draft.createAccount({ id: 'D2', name: 'Too big', customerId: owner, aliases })).toEqual({
          ok: false,
          error: { code: 'STORE_FULL', message: 'accounts: the server holds the maximum of 3 created items' },
        });
        expect((await draft.getAccount('D2')).ok).toBe(false);
        expect(await tenants.set('a', draft)).toEqual({ ok: true, value: true });
        expect((await tenants.get('a').getAccount('D1')).ok).toBe(true);
        expect((await tenants.get('a').getAccount('D2')).ok).toBe(false);
        expect(await tenants.stored()).toMatchObject({ items: 1 });
      });

      it('commits a draft whose write failed, after the tenant changed what the draft read', async () => {
        const tenants = runner.openTenants(FORTY_ACCOUNTS);
        const owner = await firstCustomerOf(tenants.get('a'));
        const seeded = (await tenants.get('a').listAccounts({ order: 'ASC', limit: 1 })).items[0]
          ?.id as string;
        const draft = tenants.get('a').fork();
        expect((await draft.createAccount({ id: 'D1', name: 'Draft', customerId: owner })).ok).toBe(true);
        expect(await draft.createAccount({ id: seeded, name: 'Taken', customerId: owner })).toMatchObject({
          ok: false,
          error: { code: 'DUPLICATE_ID' },
        });
        // On Redis the draft read the owner, so its commit is computed again: without the failed write.
        expect((await tenants.get('a').updateCustomer(owner, { name: 'Changed' })).ok).toBe(true);
        expect(await tenants.set('a', draft)).toEqual({ ok: true, value: true });
        expect((await tenants.get('a').getAccount('D1')).ok).toBe(true);
      });

      it('sets the one store of every key when shared', async () => {
        const tenants = runner.openTenants(FORTY_ACCOUNTS, { shared: true });
        const draft = tenants.get('x').fork();
        await draft.clear();
        await tenants.set('y', draft);
        expect(await tenants.get('z').countAccounts()).toBe(0);
      });
    });
  },
};

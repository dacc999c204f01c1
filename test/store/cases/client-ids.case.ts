import { expect, it } from 'vitest';
import { firstCustomerOf, type StoreCaseSuite } from './store-runner.ts';

/** Shared cases (from test/store/ids.test.ts): run against every store. */
export const clientIdsCases: StoreCaseSuite = {
  name: 'ids a client chooses',
  define(runner) {
    it('refuses an id with a lone surrogate at create, naming the field, and changes nothing', async () => {
      const store = runner.openStore({ seed: 4, accounts: 5, customers: 1 });
      const owner = await firstCustomerOf(store);
      for (const id of ['\ud800', 'a\udc00b', 'end\ud83d']) {
        expect(await store.createAccount({ id, name: 'Lone', customerId: owner })).toEqual({
          ok: false,
          error: {
            code: 'INVALID_REQUEST',
            message: 'id: must not contain a lone surrogate (an unpaired \\uD800–\\uDFFF escape)',
          },
        });
        const customer = { id, name: 'Lone', primaryEmail: 'a@b.cd', address: {} };
        expect(await store.createCustomer(customer)).toMatchObject({
          ok: false,
          error: { code: 'INVALID_REQUEST' },
        });
        const nested = await store.createCustomer({
          ...customer,
          id: 'FINE',
          account: { id, name: 'Nested' },
        });
        expect(nested).toMatchObject({
          ok: false,
          error: { message: expect.stringMatching(/^account\.id: /) },
        });
      }
      expect(await store.countAccounts()).toBe(5);
      expect(await store.countCustomers()).toBe(1);
      // A well-formed astral character (a surrogate pair) is a fine id.
      expect((await store.createAccount({ id: 'emoji-😀', name: 'Pair', customerId: owner })).ok).toBe(true);
    });
  },
};

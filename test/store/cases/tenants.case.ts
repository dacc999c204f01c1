import { expect, it } from 'vitest';
import { baselineOf, firstCustomerOf, type StoreCaseSuite } from './store-runner.ts';

const BASELINE = { seed: 2, accounts: 30, customers: 3 };

/**
 * Shared cases (from test/store/tenants.test.ts): run against every store. Eviction past
 * `maxTenants`, idle expiry and the notices they leave stay in-memory tests there.
 */
export const tenantsCases: StoreCaseSuite = {
  name: 'tenants',
  define(runner) {
    it('keeps a write in one tenant invisible to another and to the baseline', async () => {
      const tenants = runner.openTenants(BASELINE);
      const a = tenants.get('token-a');
      const seeded = (await a.listAccounts({ order: 'ASC', limit: 1 })).items[0]?.id as string;
      await a.createAccount({
        id: 'ONLY_A',
        name: 'Only in A',
        customerId: await firstCustomerOf(tenants.get('token-a')),
      });
      await a.deleteAccount(seeded);
      await a.updateCustomer(await firstCustomerOf(tenants.get('token-a')), { name: 'Renamed in A' });
      const b = tenants.get('token-b');
      expect((await b.getAccount('ONLY_A')).ok).toBe(false);
      expect((await b.getAccount(seeded)).ok).toBe(true);
      expect(await b.countAccounts()).toBe(30);
      expect((await b.listCustomers({ order: 'ASC', limit: 1 })).items[0]?.name).not.toBe('Renamed in A');
      expect(baselineOf(BASELINE).accounts.size).toBe(30);
      expect((await tenants.get('token-a').getAccount('ONLY_A')).ok).toBe(true);
      expect(await a.countAccounts()).toBe(30);
      // Only the tenant that wrote holds an entry: b only read.
      expect(await tenants.size()).toBe(1);
    });

    it('resets one tenant to the baseline and leaves the others intact', async () => {
      const tenants = runner.openTenants(BASELINE);
      await tenants
        .get('a')
        .createAccount({ id: 'X', name: 'In A', customerId: await firstCustomerOf(tenants.get('a')) });
      await tenants
        .get('b')
        .createAccount({ id: 'Y', name: 'In B', customerId: await firstCustomerOf(tenants.get('b')) });
      await tenants.reset('a');
      expect((await tenants.get('a').getAccount('X')).ok).toBe(false);
      expect((await tenants.get('b').getAccount('Y')).ok).toBe(true);
      await tenants.resetAll();
      expect((await tenants.get('b').getAccount('Y')).ok).toBe(false);
    });

    it('maps every key to one store when shared', async () => {
      const tenants = runner.openTenants(BASELINE, { shared: true });
      await tenants
        .get('a')
        .createAccount({ id: 'S', name: 'Shared', customerId: await firstCustomerOf(tenants.get('a')) });
      expect((await tenants.get('b').getAccount('S')).ok).toBe(true);
      expect(await tenants.size()).toBe(1);
    });

    it('gives a key that only reads no entry, so reads never push out a tenant with data', async () => {
      const tenants = runner.openTenants(BASELINE, { maxTenants: 2 });
      await tenants
        .get('a')
        .createAccount({ id: 'KEEP', name: 'Keep me', customerId: await firstCustomerOf(tenants.get('a')) });
      for (let i = 0; i < 1000; i++) expect(await tenants.get(`fresh-${i}`).countAccounts()).toBe(30);
      expect(await tenants.size()).toBe(1);
      expect((await tenants.get('a').getAccount('KEEP')).ok).toBe(true);
    });

    it('takes no place for a write that fails', async () => {
      const tenants = runner.openTenants(BASELINE, { maxTenants: 2 });
      expect((await tenants.get('x').getAccount('NOPE')).ok).toBe(false);
      expect((await tenants.get('x').deleteAccount('NOPE')).ok).toBe(false);
      expect(await tenants.size()).toBe(0);
    });

    it('starts every tenant from the fixture, which no write changes', async () => {
      const owner = await firstCustomerOf(runner.openStore(BASELINE));
      const tenants = runner.openTenants(BASELINE, {
        fixtureAccounts: [{ id: 'FROM_FIXTURE', name: 'Fixture', customerId: owner }],
      });
      expect((await tenants.get('a').getAccount('FROM_FIXTURE')).ok).toBe(true);
      expect((await tenants.get('a').deleteAccount('FROM_FIXTURE')).ok).toBe(true);
      expect((await tenants.get('a').getAccount('FROM_FIXTURE')).ok).toBe(false);
      expect((await tenants.get('b').getAccount('FROM_FIXTURE')).ok).toBe(true);
    });
  },
};

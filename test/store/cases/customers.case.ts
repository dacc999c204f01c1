import { expect, it } from 'vitest';
import { type CaseStore, firstCustomerOf, type StoreCaseSuite } from './store-runner.ts';

const NOW = new Date('2025-06-01T12:00:00.000Z');
const address = {
  line1: '1 Market Street',
  city: 'San Francisco',
  state: 'CA',
  postalCode: '94105',
  country: 'US',
};

const ACME = { id: 'ACME', name: 'ACME Corp', primaryEmail: 'a@acme.com', address };

const idsOf = async (store: CaseStore): Promise<string[]> =>
  (await store.listAccounts({ order: 'ASC', limit: 1000 })).items.map((a) => a.id);

/** Shared cases (from test/store/customers.test.ts): run against every store. */
export const customersCases: StoreCaseSuite = {
  name: 'customers',
  define(runner) {
    const setup = (): CaseStore =>
      runner.openStore({ seed: 9, accounts: 40, customers: 4 }, { now: () => NOW });

    it('creates a customer with server fields, answering the published CreateCustomerResponse shape', async () => {
      const store = setup();
      const created = await store.createCustomer({
        ...ACME,
        settings: [{ id: 's1', value: 'INR', namespace: 'USER', name: 'Currency', dataType: 'STRING' }],
      });
      expect(created.ok && Object.keys(created.value)).toEqual([
        'id',
        'togaiCustomerId',
        'name',
        'primaryEmail',
        'billingAddress',
        'address',
        'settings',
      ]);
      expect(created.ok && created.value).toMatchObject({
        id: 'ACME',
        name: 'ACME Corp',
        billingAddress: '1 Market Street, 94105, San Francisco, CA, US',
        settings: [{ id: 's1', value: 'INR', namespace: 'USER', name: 'Currency', dataType: 'STRING' }],
      });
      expect(created.ok && created.value.togaiCustomerId).toMatch(/^customer\.[0-9a-z]+\.[0-9a-z]+$/);
      expect(await store.getCustomer('ACME')).toMatchObject({
        ok: true,
        value: {
          status: 'ACTIVE',
          createdAt: '2025-06-01T12:00:00.000Z',
          updatedAt: '2025-06-01T12:00:00.000Z',
        },
      });
      expect(await store.countCustomers()).toBe(5);
    });

    it('creates the customer and its account together', async () => {
      const store = setup();
      const created = await store.createCustomer({
        ...ACME,
        account: { id: 'ACME_ACC', name: 'ACME Account', aliases: ['acc@acme.com'] },
      });
      expect(created.ok).toBe(true);
      const account = await store.getAccount('ACME_ACC');
      expect(account.ok && account.value.customerId).toBe('ACME');
      expect(created.ok && created.value.account).toEqual(account.ok && account.value);
      expect(account.ok && created.ok && account.value.togaiCustomerId).toBe(
        created.ok && created.value.togaiCustomerId,
      );
    });

    it('creates neither when the account id is taken', async () => {
      const store = setup();
      const taken = (await idsOf(store))[0] as string;
      const result = await store.createCustomer({
        ...ACME,
        account: { id: taken, name: 'ACME Account' },
      });
      expect(!result.ok && result.error).toEqual({
        code: 'DUPLICATE_ID',
        message: `account.id: an account with id ${taken} already exists`,
      });
      expect((await store.getCustomer('ACME')).ok).toBe(false);
      expect(await store.countCustomers()).toBe(4);
      expect(await store.countAccounts()).toBe(40);
    });

    it('answers DUPLICATE_ID for an existing customer id', async () => {
      const store = setup();
      const existing = await firstCustomerOf(store);
      const result = await store.createCustomer({
        id: existing,
        name: 'Again',
        primaryEmail: 'a@b.co',
        address,
      });
      expect(!result.ok && result.error.code).toBe('DUPLICATE_ID');
    });

    it('updates only the fields sent and stamps updatedAt', async () => {
      const store = setup();
      const before = (await store.listCustomers({ order: 'ASC', limit: 1 })).items[0];
      if (!before) throw new Error('no customer');
      const updated = await store.updateCustomer(before.id, { name: 'New Name' });
      expect(updated.ok && updated.value).toEqual({
        ...before,
        name: 'New Name',
        updatedAt: NOW.toISOString(),
      });
    });

    it('answers CUSTOMER_NOT_FOUND for unknown ids', async () => {
      const store = setup();
      for (const result of [
        await store.getCustomer('NOPE'),
        await store.updateCustomer('NOPE', {}),
        await store.deleteCustomer('NOPE'),
      ]) {
        expect(!result.ok && result.error).toEqual({
          code: 'CUSTOMER_NOT_FOUND',
          message: 'customer_id: no customer with id NOPE',
        });
      }
    });

    it('deletes a seeded customer with all its accounts, seeded and created, and nothing else', async () => {
      const store = setup();
      const [victim, other] = (await store.listCustomers({ order: 'ASC', limit: 2 })).items;
      if (!victim || !other) throw new Error('no customers');
      await store.createAccount({ id: 'MINE', name: 'Created', customerId: victim.id });
      await store.createAccount({ id: 'THEIRS', name: 'Created', customerId: other.id });
      const owned = (await store.listAccounts({ order: 'ASC', limit: 1000 })).items
        .filter((a) => a.customerId === victim.id)
        .map((a) => a.id);
      expect(owned.length).toBeGreaterThan(1);
      // A seeded account of the victim recreated for another customer must survive.
      const moved = owned[0] as string;
      await store.deleteAccount(moved);
      await store.createAccount({ id: moved, name: 'Moved', customerId: other.id });
      expect(await store.deleteCustomer(victim.id)).toEqual({ ok: true, value: true });
      expect((await store.getCustomer(victim.id)).ok).toBe(false);
      const left = (await store.listAccounts({ order: 'ASC', limit: 1000 })).items;
      expect(left.filter((a) => a.customerId === victim.id)).toEqual([]);
      expect(left.map((a) => a.id)).toContain('THEIRS');
      expect(left.map((a) => a.id)).toContain(moved);
      expect(await store.countAccounts()).toBe(left.length);
      // 40 seeded + MINE + THEIRS, less the victim's accounts, plus the one moved away.
      expect(left.length).toBe(42 - owned.length + 1);
    });

    it('deletes a created customer with its accounts', async () => {
      const store = setup();
      await store.createCustomer({
        ...ACME,
        account: { id: 'A1', name: 'One' },
      });
      await store.createAccount({ id: 'A2', name: 'Two', customerId: 'ACME' });
      expect((await store.deleteCustomer('ACME')).ok).toBe(true);
      expect((await store.getAccount('A1')).ok).toBe(false);
      expect((await store.getAccount('A2')).ok).toBe(false);
      expect(await store.countAccounts()).toBe(40);
    });
  },
};

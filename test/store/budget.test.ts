import { describe, expect, it } from 'vitest';
import { createAccountStore } from '../../src/store/account-store.ts';
import { createBaseline } from '../../src/store/baseline.ts';
import { createTenants, type Tenants } from '../../src/store/tenants.ts';
import type { AccountStore } from '../../src/store/types.ts';

const baseline = createBaseline({ seed: 3, accounts: 20, customers: 2 });
const ownerOf = (store: AccountStore): string =>
  store.listCustomers({ order: 'ASC', limit: 1 }).items[0]?.id as string;
const create = (tenants: Tenants, key: string, id: string) =>
  tenants.get(key).createAccount({ id, name: `Account ${id}`, customerId: ownerOf(tenants.get(key)) });
const customer = (id: string) => ({ id, name: `Customer ${id}`, primaryEmail: 'c@d.ef', address: {} });

describe('the server-wide budget', () => {
  it('counts what every tenant adds and refuses creates past it, in any tenant', () => {
    const tenants = createTenants({ baseline, maxStoredItems: 5 });
    expect(create(tenants, 'a', 'A1').ok).toBe(true);
    expect(tenants.get('a').addAliases('A1', { aliases: ['one@a.co'] }).ok).toBe(true);
    expect(tenants.get('b').createCustomer(customer('B_CUSTOMER')).ok).toBe(true);
    expect(create(tenants, 'b', 'B1').ok).toBe(true);
    expect(tenants.storedItems).toBe(4);
    expect(create(tenants, 'c', 'C1').ok).toBe(true);
    expect(create(tenants, 'c', 'C2')).toEqual({
      ok: false,
      error: { code: 'STORE_FULL', message: 'accounts: the server holds the maximum of 5 created items' },
    });
    expect(tenants.get('a').createCustomer(customer('MORE'))).toEqual({
      ok: false,
      error: { code: 'STORE_FULL', message: 'customers: the server holds the maximum of 5 created items' },
    });
    expect(tenants.get('a').addAliases('A1', { aliases: ['two@a.co'] }).ok).toBe(false);
    expect(tenants.get('c').getAccount('C2').ok).toBe(false);
    // A delete frees room; so does resetting a tenant.
    expect(tenants.get('c').deleteAccount('C1').ok).toBe(true);
    expect(create(tenants, 'c', 'C2').ok).toBe(true);
    tenants.reset('a');
    expect(tenants.storedItems).toBe(3);
    expect(create(tenants, 'c', 'C3').ok).toBe(true);
  });

  it('counts a deletion marker of a seeded item, but not a seeded customer’s accounts one by one', () => {
    const tenants = createTenants({ baseline, maxStoredItems: 100 });
    const store = tenants.get('a');
    const owner = ownerOf(store);
    const seeded = store.listAccounts({ order: 'ASC', limit: 100 }).items;
    store.deleteAccount(seeded.find((a) => a.customerId !== owner)?.id as string);
    store.deleteAccount(seeded.find((a) => a.customerId === owner)?.id as string);
    expect(tenants.storedItems).toBe(2);
    store.deleteCustomer(owner);
    // The customer's marker replaces its account's; its other 9 seeded accounts cost nothing.
    expect(tenants.storedItems).toBe(2);
    expect(store.countAccounts()).toBe(9);
  });

  it('releases a tenant’s usage when it is cleared, evicted or expires', () => {
    // lru-cache takes a start time of 0 for "no expiry": begin the fake clock later.
    let now = 1_000_000;
    const tenants = createTenants({ baseline, maxTenants: 2, idleMs: 1000, now: () => new Date(now) });
    create(tenants, 'a', 'A1');
    create(tenants, 'b', 'B1');
    tenants.get('b').clear();
    expect(tenants.storedItems).toBe(1);
    tenants.get('b').createCustomer(customer('AFTER_CLEAR'));
    create(tenants, 'c', 'C1'); // evicts a, the least recently used
    expect(tenants.storedItems).toBe(2);
    now += 5000;
    expect(tenants.size).toBe(0);
    expect(tenants.storedItems).toBe(0);
  });

  it('frees idle tenants when a create would not fit', () => {
    let now = 1_000_000;
    const tenants = createTenants({ baseline, maxStoredItems: 1, idleMs: 1000, now: () => new Date(now) });
    expect(create(tenants, 'a', 'A1').ok).toBe(true);
    now += 5000;
    expect(create(tenants, 'b', 'B1').ok).toBe(true);
  });

  it('counts a fork from its parent’s usage, and a swap releases the replaced store', () => {
    const tenants = createTenants({ baseline, maxStoredItems: 4 });
    create(tenants, 'a', 'A1');
    create(tenants, 'a', 'A2');
    create(tenants, 'b', 'B1');
    const draft = tenants.get('a').fork();
    // The draft is judged as if swapped in: 1 (b) + its own 2 + the new one + 1 more = 4 fits, 5 not.
    expect(draft.createAccount({ id: 'D1', name: 'Draft one', customerId: ownerOf(draft) }).ok).toBe(true);
    expect(tenants.storedItems).toBe(3);
    expect(draft.createAccount({ id: 'D2', name: 'Draft two', customerId: ownerOf(draft) }).ok).toBe(false);
    tenants.set('a', draft);
    expect(tenants.storedItems).toBe(4);
    tenants.set('a', draft);
    expect(tenants.storedItems).toBe(4);
    const empty = tenants.get('a').fork();
    empty.clear();
    tenants.set('a', empty);
    expect(tenants.storedItems).toBe(1);
  });

  it('counts a swapped-in store made outside the tenants too', () => {
    const tenants = createTenants({ baseline, maxStoredItems: 10, shared: true });
    const outside = createAccountStore(baseline);
    outside.createAccount({ id: 'X', name: 'Made outside', customerId: ownerOf(outside) });
    tenants.set('any', outside);
    expect(tenants.storedItems).toBe(1);
    tenants.get('other').createAccount({ id: 'Y', name: 'Shared', customerId: ownerOf(outside) });
    expect(tenants.storedItems).toBe(2);
  });
});

describe('the per-tenant customer cap', () => {
  it('answers STORE_FULL past maxCustomers and accepts again after a delete', () => {
    const store = createAccountStore(
      createBaseline({ seed: 3, accounts: 20, customers: 2, maxCustomers: 3 }),
    );
    expect(store.createCustomer(customer('THIRD')).ok).toBe(true);
    expect(store.createCustomer(customer('FOURTH'))).toEqual({
      ok: false,
      error: { code: 'STORE_FULL', message: 'customers: the store holds the maximum of 3 customers' },
    });
    expect(store.deleteCustomer('THIRD').ok).toBe(true);
    expect(store.createCustomer(customer('FOURTH')).ok).toBe(true);
  });

  it('defaults to the seeded customers plus 10,000', () => {
    expect(baseline.maxCustomers).toBe(10_002);
  });
});

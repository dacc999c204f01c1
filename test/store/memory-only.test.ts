import { describe, expect, it } from 'vitest';
import { type AccountStore, createAccountStore } from '../../src/store/account-store.ts';
import { createBaseline } from '../../src/store/baseline.ts';
import { createTenants, type Tenants } from '../../src/store/tenants.ts';
import { customer } from './cases/budget.case.ts';

/**
 * Store behaviour that is the in-memory store's by design; every other store case runs on both
 * stores (test/store/cases). Each describe says what Redis does instead.
 */

const baseline = createBaseline({ seed: 5, accounts: 40, customers: 4 });
const firstCustomer = (store: AccountStore): string =>
  store.listCustomers({ order: 'ASC', limit: 1 }).items[0]?.id as string;
const firstAccount = (store: AccountStore): string =>
  store.listAccounts({ order: 'ASC', limit: 1 }).items[0]?.id as string;
const all = (store: AccountStore) => store.listAccounts({ order: 'ASC', limit: 1000 }).items;
const customers = (store: AccountStore): string[] =>
  store.listCustomers({ order: 'ASC', limit: 100 }).items.map((c) => c.id);

describe('in memory only, a fork is a copy (on Redis it is a draft over the live tenant: pages and counts read the tenant)', () => {
  it('copies the current state, and writes on either side stay on that side', () => {
    const store = createAccountStore(baseline);
    const owner = firstCustomer(store);
    store.createAccount({ id: 'BEFORE', name: 'Before fork', customerId: owner });
    const seeded = firstAccount(store);
    const draft = store.fork();
    expect(draft.getAccount('BEFORE').ok).toBe(true);
    draft.createAccount({ id: 'IN_DRAFT', name: 'Draft only', customerId: owner });
    draft.deleteAccount(seeded);
    draft.updateCustomer(owner, { name: 'Renamed in draft' });
    store.createAccount({ id: 'IN_ORIGINAL', name: 'Original only', customerId: owner });
    expect(store.getAccount('IN_DRAFT').ok).toBe(false);
    expect(store.getAccount(seeded).ok).toBe(true);
    const original = store.getCustomer(owner);
    expect(original.ok && original.value.name).not.toBe('Renamed in draft');
    expect(draft.getAccount('IN_ORIGINAL').ok).toBe(false);
    expect(store.countAccounts()).toBe(42);
    expect(draft.countAccounts()).toBe(41);
  });

  it('keeps customer deletes apart: deleting a customer in the fork leaves its accounts in the original', () => {
    const store = createAccountStore(baseline);
    const owner = firstCustomer(store);
    const owned = store
      .listAccounts({ order: 'ASC', limit: 100 })
      .items.filter((a) => a.customerId === owner);
    store.createAccount({ id: 'MINE', name: 'Created', customerId: owner });
    const draft = store.fork();
    expect(draft.deleteCustomer(owner).ok).toBe(true);
    expect(draft.getAccount('MINE').ok).toBe(false);
    expect(store.getAccount('MINE').ok).toBe(true);
    expect(store.countAccounts()).toBe(41);
    expect(draft.countAccounts()).toBe(41 - owned.length - 1);
  });

  it('keeps a fork’s hidden customers apart from the original’s', () => {
    const store = createAccountStore(createBaseline({ seed: 21, accounts: 100, customers: 7 }));
    const [a, b] = customers(store) as [string, string];
    store.deleteCustomer(a);
    const draft = store.fork();
    draft.deleteCustomer(b);
    expect(all(store).some((x) => x.customerId === b)).toBe(true);
    expect(all(draft).some((x) => x.customerId === b)).toBe(false);
    expect(all(draft).some((x) => x.customerId === a)).toBe(false);
    const [, , c] = customers(draft) as [string, string, string];
    store.deleteCustomer(c);
    expect(all(draft).some((x) => x.customerId === c)).toBe(true);
    expect(draft.countAccounts()).toBe(all(draft).length);
    expect(store.countAccounts()).toBe(all(store).length);
  });

  it('keeps the data in a fork taken before a clear', () => {
    const store = createAccountStore(baseline);
    store.createAccount({
      id: 'A',
      name: 'Created',
      customerId: firstCustomer(store),
      aliases: ['one@a.com'],
    });
    const other = store.fork();
    store.clear();
    expect(store.countAccounts()).toBe(0);
    expect(other.getAccount('A').ok).toBe(true);
    expect(other.countAccounts()).toBe(41);
  });
});

describe('in memory only, tenants.set makes the draft the tenant’s store (Redis applies its writes to the tenant)', () => {
  it('swaps in a draft for one key, leaving the others alone', () => {
    const tenants = createTenants({ baseline });
    const draft = tenants.get('a').fork();
    draft.createAccount({ id: 'IMPORTED', name: 'Imported', customerId: firstCustomer(draft) });
    tenants.set('a', draft);
    expect(tenants.get('a')).toBe(draft);
    expect(tenants.get('a').getAccount('IMPORTED').ok).toBe(true);
  });

  it('counts a swapped-in store made outside the tenants too (a Redis draft belongs to its tenant)', () => {
    const small = createBaseline({ seed: 3, accounts: 20, customers: 2 });
    const tenants = createTenants({ baseline: small, maxStoredItems: 10, shared: true });
    const outside = createAccountStore(small);
    outside.createAccount({ id: 'X', name: 'Made outside', customerId: firstCustomer(outside) });
    tenants.set('any', outside);
    expect(tenants.storedItems).toBe(1);
    tenants.get('other').createAccount({ id: 'Y', name: 'Shared', customerId: firstCustomer(outside) });
    expect(tenants.storedItems).toBe(2);
  });
});

describe('in memory only, eviction and expiry on an injected clock (Redis expires tenants on its own clock, and keeps no maxTenants LRU)', () => {
  const small = createBaseline({ seed: 3, accounts: 20, customers: 2 });
  const create = (tenants: Tenants, key: string, id: string) =>
    tenants
      .get(key)
      .createAccount({ id, name: `Account ${id}`, customerId: firstCustomer(tenants.get(key)) });

  it('releases a tenant’s usage when it is cleared, evicted or expires', () => {
    // lru-cache takes a start time of 0 for "no expiry": begin the fake clock later.
    let now = 1_000_000;
    const tenants = createTenants({ baseline: small, maxTenants: 2, idleMs: 1000, now: () => new Date(now) });
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
    const tenants = createTenants({
      baseline: small,
      maxStoredItems: 1,
      idleMs: 1000,
      now: () => new Date(now),
    });
    expect(create(tenants, 'a', 'A1').ok).toBe(true);
    now += 5000;
    expect(create(tenants, 'b', 'B1').ok).toBe(true);
  });
});

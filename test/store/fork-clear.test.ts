import { describe, expect, it } from 'vitest';
import { type AccountStore, createAccountStore } from '../../src/store/account-store.ts';
import { createBaseline } from '../../src/store/baseline.ts';
import { createTenants } from '../../src/store/tenants.ts';

const baseline = createBaseline({ seed: 5, accounts: 40, customers: 4 });
const firstCustomer = (store: AccountStore): string =>
  store.listCustomers({ order: 'ASC', limit: 1 }).items[0]?.id as string;
const firstAccount = (store: AccountStore): string =>
  store.listAccounts({ order: 'ASC', limit: 1 }).items[0]?.id as string;

describe('fork', () => {
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
});

describe('clear', () => {
  it('empties the tenant of seeded and created data, and takes new writes after', () => {
    const store = createAccountStore(baseline);
    const owner = firstCustomer(store);
    store.createAccount({ id: 'A', name: 'Created', customerId: owner, aliases: ['one@a.com'] });
    const other = store.fork();
    store.clear();
    expect(store.countAccounts()).toBe(0);
    expect(store.countCustomers()).toBe(0);
    expect(store.listAccounts({ order: 'ASC', limit: 10 })).toEqual({ items: [], hasMore: false });
    expect(store.listCustomers({ order: 'DESC', limit: 10 })).toEqual({ items: [], hasMore: false });
    expect(store.getAccount('A').ok).toBe(false);
    expect(store.getCustomer(owner).ok).toBe(false);
    expect(other.getAccount('A').ok).toBe(true);
    expect(other.countAccounts()).toBe(41);
    expect(store.createCustomer({ id: owner, name: 'Again', primaryEmail: 'a@b.co', address: {} }).ok).toBe(
      true,
    );
    expect(store.createAccount({ id: 'A', name: 'Again', customerId: owner }).ok).toBe(true);
    expect(store.listAccounts({ order: 'ASC', limit: 10 }).items.map((a) => a.id)).toEqual(['A']);
    expect(store.countAccounts()).toBe(1);
  });
});

describe('tenants.set', () => {
  it('swaps in a draft for one key, leaving the others alone', () => {
    const tenants = createTenants({ baseline });
    const live = tenants.get('a');
    const draft = live.fork();
    draft.createAccount({ id: 'IMPORTED', name: 'Imported', customerId: firstCustomer(draft) });
    expect(tenants.get('a').getAccount('IMPORTED').ok).toBe(false);
    tenants.set('a', draft);
    expect(tenants.get('a')).toBe(draft);
    expect(tenants.get('a').getAccount('IMPORTED').ok).toBe(true);
    expect(tenants.get('b').getAccount('IMPORTED').ok).toBe(false);
  });

  it('sets the one store of every key when shared', () => {
    const tenants = createTenants({ baseline, shared: true });
    const draft = tenants.get('x').fork();
    draft.clear();
    tenants.set('y', draft);
    expect(tenants.get('z').countAccounts()).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { type AccountStore, createAccountStore } from '../../src/store/account-store.ts';
import { createBaseline } from '../../src/store/baseline.ts';
import type { Account, SortOrder } from '../../src/store/types.ts';

// 7 customers over 100 accounts: groups of very different sizes (from 1 to dozens).
const baseline = createBaseline({ seed: 21, accounts: 100, customers: 7 });

/** Every id in `order`, read page by page through cursors. */
function walk(store: AccountStore, order: SortOrder, limit: number): string[] {
  const ids: string[] = [];
  let after: string | undefined;
  for (;;) {
    const page = store.listAccounts({ order, limit, ...(after === undefined ? {} : { after }) });
    ids.push(...page.items.map((a) => a.id));
    if (!page.hasMore) return ids;
    after = page.items.at(-1)?.id;
  }
}

const all = (store: AccountStore): Account[] => store.listAccounts({ order: 'ASC', limit: 1000 }).items;
const customers = (store: AccountStore): string[] =>
  store.listCustomers({ order: 'ASC', limit: 100 }).items.map((c) => c.id);
/** Customers by how many seeded accounts they own, most first. */
const byAccounts = (store: AccountStore): string[] => {
  const owned = (id: string) => all(store).filter((a) => a.customerId === id).length;
  return customers(store).sort((a, b) => owned(b) - owned(a));
};

describe('deleting seeded customers', () => {
  it('hides exactly the customer’s seeded accounts from gets, pages in both orders and counts', () => {
    const store = createAccountStore(baseline);
    const [victim] = customers(store);
    const before = all(store);
    const kept = before.filter((a) => a.customerId !== victim).map((a) => a.id);
    const gone = before.filter((a) => a.customerId === victim).map((a) => a.id);
    expect(store.deleteCustomer(victim as string).ok).toBe(true);
    expect(store.countAccounts()).toBe(kept.length);
    for (const limit of [1, 3, 14, 200]) {
      expect(walk(store, 'ASC', limit)).toEqual(kept);
      expect(walk(store, 'DESC', limit)).toEqual([...kept].reverse());
    }
    for (const id of gone) expect(store.getAccount(id).ok).toBe(false);
    expect(store.deleteAccount(gone[0] as string).ok).toBe(false);
    // A cursor left on a hidden id still resumes right after it.
    const page = store.listAccounts({ order: 'ASC', limit: 2, after: gone[0] as string });
    expect(page.items.map((a) => a.id)).toEqual(kept.filter((id) => id > (gone[0] as string)).slice(0, 2));
  });

  it('drops the customer’s rewritten seeded accounts but keeps an id moved to another customer', () => {
    const store = createAccountStore(baseline);
    const [victim, other] = byAccounts(store) as [string, string];
    const owned = all(store)
      .filter((a) => a.customerId === victim)
      .map((a) => a.id);
    const [renamed, moved, deleted] = owned as [string, string, string];
    store.updateAccount(renamed, { name: 'Renamed first' });
    store.deleteAccount(moved);
    store.createAccount({ id: moved, name: 'Moved', customerId: other });
    store.deleteAccount(deleted);
    store.deleteCustomer(victim);
    expect(store.getAccount(renamed).ok).toBe(false);
    expect(store.getAccount(moved).ok && store.getAccount(moved)).toMatchObject({ value: { name: 'Moved' } });
    expect(store.countAccounts()).toBe(100 - owned.length + 1);
    expect(walk(store, 'DESC', 4)).toHaveLength(store.countAccounts());
    // The moved account is an ordinary account now: it deletes and comes back like one.
    expect(store.deleteAccount(moved).ok).toBe(true);
    expect(store.getAccount(moved).ok).toBe(false);
    expect(store.countAccounts()).toBe(100 - owned.length);
    // Deleting the other customer must not resurrect anything of the first.
    store.deleteCustomer(other);
    expect(all(store).every((a) => a.customerId !== victim && a.customerId !== other)).toBe(true);
  });

  it('keeps a fork’s hidden customers apart from the original’s', () => {
    const store = createAccountStore(baseline);
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

  it('leaves an empty account list, not a million markers, once every seeded customer is gone', () => {
    const store = createAccountStore(baseline);
    for (const id of customers(store)) store.deleteCustomer(id);
    expect(store.countAccounts()).toBe(0);
    expect(store.listAccounts({ order: 'DESC', limit: 5 })).toEqual({ items: [], hasMore: false });
    const owner = 'NEW';
    store.createCustomer({ id: owner, name: 'New one', primaryEmail: 'n@e.w', address: {} });
    store.createAccount({ id: 'ONLY', name: 'Only', customerId: owner });
    expect(walk(store, 'ASC', 1)).toEqual(['ONLY']);
  });
});

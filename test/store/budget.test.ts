import { describe, expect, it } from 'vitest';
import { type AccountStore, createAccountStore } from '../../src/store/account-store.ts';
import { createBaseline } from '../../src/store/baseline.ts';
import { sizeOf, utf8Length } from '../../src/store/record-size.ts';
import { createTenants, type Tenants } from '../../src/store/tenants.ts';

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
    const owned = seeded.filter((a) => a.customerId === owner).length;
    store.deleteCustomer(owner);
    // The customer's marker replaces its account's; its other seeded accounts cost nothing.
    expect(tenants.storedItems).toBe(2);
    expect(store.countAccounts()).toBe(seeded.length - 1 - owned);
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

const bigMetadata = (bytes: number) => ({ blob: 'x'.repeat(bytes) });
const seededIds = (store: AccountStore, n: number) =>
  store.listAccounts({ order: 'ASC', limit: n }).items.map((account) => account.id);

describe('the byte budget', () => {
  it('measures a record as the UTF-8 length of its JSON, once', () => {
    expect(utf8Length('aé東😀')).toBe(1 + 2 + 3 + 4);
    expect(utf8Length('\ud800')).toBe(3);
    const record = { account: { id: 'Ü' } };
    expect(sizeOf(record)).toBe(JSON.stringify(record).length + 1);
  });

  it('counts what a PATCH adds to a seeded record, and refuses one past the tenant’s bytes', () => {
    const tenants = createTenants({ baseline, maxTenantBytes: 25_000 });
    const store = tenants.get('a');
    const [first, second] = seededIds(store, 2) as [string, string];
    expect(store.updateAccount(first, { metadata: bigMetadata(15_000) }).ok).toBe(true);
    expect(tenants.storedBytes).toBeGreaterThan(15_000);
    expect(tenants.storedBytes).toBeLessThan(16_000);
    expect(tenants.get('a').updateAccount(second, { metadata: bigMetadata(15_000) })).toEqual({
      ok: false,
      error: {
        code: 'STORE_FULL',
        message: 'accounts: this tenant holds the maximum of 25000 bytes of stored data',
      },
    });
    expect(tenants.get('a').getAccount(second)).toEqual(tenants.get('untouched').getAccount(second));
    // A PATCH that does not grow the tenant always succeeds, even when full.
    expect(tenants.get('a').updateAccount(first, { metadata: bigMetadata(14_000) }).ok).toBe(true);
    expect(tenants.get('a').updateAccount(first, { name: 'Renamed' }).ok).toBe(true);
    // Another tenant has its own allowance.
    expect(tenants.get('b').updateAccount(second, { metadata: bigMetadata(15_000) }).ok).toBe(true);
  });

  it('counts PATCHes of seeded records against the item budget too (they used to be free)', () => {
    const tenants = createTenants({ baseline, maxStoredItems: 10 });
    const results = seededIds(tenants.get('a'), 20).map((id) => ({
      id,
      result: tenants.get('a').updateAccount(id, { name: 'Patched' }),
    }));
    // A rewritten seeded account costs itself and its alias records.
    expect(results.filter(({ result }) => result.ok).length).toBeGreaterThan(1);
    const refused = results.filter(({ result }) => !result.ok);
    expect(refused.length).toBeGreaterThan(5);
    for (const { id, result } of refused) {
      expect(result).toMatchObject({ ok: false, error: { code: 'STORE_FULL' } });
      expect(tenants.get('a').getAccount(id)).toMatchObject({
        ok: true,
        value: { name: expect.not.stringMatching('Patched') },
      });
    }
    expect(tenants.storedItems).toBeLessThanOrEqual(10);
  });

  it('refuses creates past the server’s bytes', () => {
    const tenants = createTenants({ baseline, maxStoredBytes: 3_000, maxTenants: 1 });
    const owner = ownerOf(tenants.get('a'));
    const account = (id: string) => ({ id, name: id, customerId: owner, metadata: bigMetadata(1_000) });
    expect(tenants.get('a').createAccount(account('ONE')).ok).toBe(true);
    expect(tenants.get('a').createAccount(account('TWO')).ok).toBe(true);
    expect(tenants.get('a').createAccount(account('THREE'))).toEqual({
      ok: false,
      error: {
        code: 'STORE_FULL',
        message: 'accounts: the server holds the maximum of 3000 bytes of stored data',
      },
    });
  });

  it('refuses a tenant past its own item cap, whatever the server has left', () => {
    const tenants = createTenants({ baseline, maxTenantItems: 2 });
    expect(create(tenants, 'a', 'A1').ok).toBe(true);
    expect(create(tenants, 'a', 'A2').ok).toBe(true);
    expect(create(tenants, 'a', 'A3')).toEqual({
      ok: false,
      error: { code: 'STORE_FULL', message: 'accounts: this tenant holds the maximum of 2 stored items' },
    });
    expect(create(tenants, 'b', 'B1').ok).toBe(true);
  });
});

describe('a fair share of the server for every tenant', () => {
  // 4 tenants may hold data: each is guaranteed 40,000 / 8 = 5,000 bytes; 20,000 bytes are shared.
  const options = { baseline, maxTenants: 4, maxStoredBytes: 40_000, maxTenantBytes: 15_000 };
  const fill = (tenants: Tenants, key: string): number => {
    const owner = ownerOf(tenants.get(key));
    let made = 0;
    while (
      tenants.get(key).createAccount({
        id: `${key}_${made}_${tenants.storedBytes}`,
        name: 'Filler',
        customerId: owner,
        metadata: bigMetadata(900),
      }).ok
    )
      made++;
    return made;
  };

  it('keeps a guaranteed share for every tenant when a few fill the server', () => {
    const tenants = createTenants(options);
    fill(tenants, 'a');
    fill(tenants, 'b');
    fill(tenants, 'c');
    const owner = ownerOf(tenants.get('a'));
    const one = (key: string, id: string) =>
      tenants.get(key).createAccount({ id, name: 'One', customerId: owner, metadata: bigMetadata(900) });
    // a and b hit their own cap; c the end of the shared room: each is told which.
    expect(one('a', 'MORE')).toMatchObject({
      error: { message: expect.stringMatching(/this tenant holds the maximum of 15000 bytes/) },
    });
    expect(one('c', 'MORE')).toMatchObject({
      error: {
        message: expect.stringMatching(
          /server is full, and this tenant holds more than its guaranteed share of 5000 bytes/,
        ),
      },
    });
    expect(tenants.storedBytes).toBeLessThanOrEqual(40_000);
    // A fourth tenant still writes its guaranteed share.
    expect(fill(tenants, 'd')).toBeGreaterThanOrEqual(4);
    expect(tenants.storedBytes).toBeLessThanOrEqual(40_000);
  });

  it('gives the shared room back when a heavy tenant is reset', () => {
    const tenants = createTenants(options);
    fill(tenants, 'a');
    fill(tenants, 'b');
    fill(tenants, 'c');
    const before = fill(tenants, 'c');
    tenants.reset('a');
    expect(before).toBe(0);
    expect(fill(tenants, 'c')).toBeGreaterThan(0);
  });
});

describe('the starting data of a fixture', () => {
  it('is held once for every tenant, so it does not count against the tenants that write', () => {
    let start: AccountStore | undefined;
    const tenants = createTenants({
      baseline,
      maxTenantBytes: 6_000,
      template: (base) => {
        if (start) return start;
        const draft = base.fork();
        const owner = ownerOf(base);
        for (const id of ['FIX_1', 'FIX_2', 'FIX_3', 'FIX_4'])
          draft.createAccount({
            id,
            name: 'From the fixture',
            customerId: owner,
            metadata: bigMetadata(1_000),
          });
        start = draft;
        return start;
      },
    });
    const owner = ownerOf(tenants.get('a'));
    const mine = { name: 'Mine', customerId: owner, metadata: bigMetadata(1_000) };
    expect(tenants.get('a').createAccount({ id: 'A1', ...mine }).ok).toBe(true);
    expect(tenants.get('a').createAccount({ id: 'A2', ...mine }).ok).toBe(true);
    expect(tenants.get('a').getAccount('FIX_4').ok).toBe(true);
    expect(tenants.storedBytes).toBeGreaterThan(2_000);
    expect(tenants.storedBytes).toBeLessThan(3_000);
    expect(tenants.get('b').createAccount({ id: 'B1', ...mine }).ok).toBe(true);
    expect(tenants.storedBytes).toBeLessThan(4_500);
  });
});

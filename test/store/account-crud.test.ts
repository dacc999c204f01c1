import { describe, expect, it } from 'vitest';
import { type AccountStore, createAccountStore } from '../../src/store/account-store.ts';
import { createBaseline } from '../../src/store/baseline.ts';

const NOW = new Date('2025-06-01T12:00:00.000Z');

function setup(maxAccounts?: number): { store: AccountStore; customerId: string; seededId: string } {
  let n = 0;
  const baseline = createBaseline({
    seed: 5,
    accounts: 20,
    customers: 2,
    ...(maxAccounts ? { maxAccounts } : {}),
  });
  const store = createAccountStore(baseline, {
    now: () => NOW,
    randomUUID: () => `00000000-0000-4000-8000-${String(n++).padStart(12, '0')}`,
  });
  const customerId = store.listCustomers({ order: 'ASC', limit: 1 }).items[0]?.id as string;
  const seededId = store.listAccounts({ order: 'ASC', limit: 1 }).items[0]?.id as string;
  return { store, customerId, seededId };
}

describe('accounts', () => {
  it('creates an account with defaults, lowercased unique tags and alias records', () => {
    const { store, customerId } = setup();
    const created = store.createAccount({
      id: 'ACME_1',
      name: 'ACME One',
      customerId,
      tags: ['Enterprise', 'enterprise', 'EMEA'],
      aliases: ['one@acme.com'],
      accountAliases: [{ value: '+1234567890', effectiveFrom: '2025-01-01T00:00:00Z' }],
    });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect(created.value).toMatchObject({
      id: 'ACME_1',
      customerId,
      status: 'ACTIVE',
      tags: ['enterprise', 'emea'],
      aliases: [{ alias: 'one@acme.com' }, { alias: '+1234567890' }],
    });
    const aliases = store.listAccountAliases('ACME_1', { order: 'ASC', limit: 10 });
    expect(aliases.ok && aliases.value.items).toEqual([
      {
        id: '00000000-0000-4000-8000-000000000000',
        value: 'one@acme.com',
        effectiveFrom: '2025-06-01T12:00:00.000Z',
        effectiveUntil: '9999-12-31T23:59:59.999Z',
        createdAt: '2025-06-01T12:00:00.000Z',
      },
      {
        id: '00000000-0000-4000-8000-000000000001',
        value: '+1234567890',
        effectiveFrom: '2025-01-01T00:00:00Z',
        effectiveUntil: '9999-12-31T23:59:59.999Z',
        createdAt: '2025-06-01T12:00:00.000Z',
      },
    ]);
    expect(store.getAccount('ACME_1')).toEqual(created);
    expect(store.countAccounts()).toBe(21);
  });

  it('answers 409 DUPLICATE_ID for an existing id, seeded or created', () => {
    const { store, customerId, seededId } = setup();
    expect(store.createAccount({ id: seededId, name: 'Again', customerId })).toEqual({
      ok: false,
      error: { code: 'DUPLICATE_ID', message: `id: an account with id ${seededId} already exists` },
    });
  });

  it('answers CUSTOMER_NOT_FOUND for an unknown customerId and changes nothing', () => {
    const { store } = setup();
    const result = store.createAccount({ id: 'X', name: 'Orphan', customerId: 'NOPE' });
    expect(!result.ok && result.error.code).toBe('CUSTOMER_NOT_FOUND');
    expect(!result.ok && result.error.message).toMatch(/^customerId: /);
    expect(store.countAccounts()).toBe(20);
  });

  it('answers ACCOUNT_NOT_FOUND for get, patch, delete and aliases of an unknown id', () => {
    const { store } = setup();
    const results = [
      store.getAccount('NOPE'),
      store.updateAccount('NOPE', { name: 'abc' }),
      store.deleteAccount('NOPE'),
      store.addAliases('NOPE', { aliases: ['abc'] }),
      store.removeAliases('NOPE', { aliases: ['abc'] }),
      store.listAccountAliases('NOPE', { order: 'ASC', limit: 1 }),
    ];
    for (const result of results) {
      expect(result.ok).toBe(false);
      if (!result.ok)
        expect(result.error).toEqual({
          code: 'ACCOUNT_NOT_FOUND',
          message: 'account_id: no account with id NOPE',
        });
    }
  });

  it('patches only the fields sent; metadata and tags replace', () => {
    const { store, seededId } = setup();
    const before = store.getAccount(seededId);
    if (!before.ok) throw new Error('seeded account missing');
    const patched = store.updateAccount(seededId, {
      name: 'Renamed',
      tags: ['VIP'],
      metadata: { gstn: '29ABC' },
    });
    expect(patched.ok && patched.value).toEqual({
      ...before.value,
      name: 'Renamed',
      tags: ['vip'],
      metadata: { gstn: '29ABC' },
    });
    const cleared = store.updateAccount(seededId, { metadata: {} });
    expect(cleared.ok && cleared.value.metadata).toEqual({});
    expect(cleared.ok && cleared.value.name).toBe('Renamed');
  });

  it('deletes permanently', () => {
    const { store, seededId } = setup();
    expect(store.deleteAccount(seededId)).toEqual({ ok: true, value: true });
    expect(store.getAccount(seededId).ok).toBe(false);
    expect(store.deleteAccount(seededId).ok).toBe(false);
    expect(store.countAccounts()).toBe(19);
  });

  it('returns frozen values that cannot change the store', () => {
    const { store, seededId } = setup();
    const account = store.getAccount(seededId);
    if (!account.ok) throw new Error('seeded account missing');
    expect(() => {
      account.value.name = 'hacked';
    }).toThrow(TypeError);
    expect(() => account.value.tags?.push('x')).toThrow(TypeError);
    const input = {
      id: 'MUT',
      name: 'Mutable',
      customerId: account.value.customerId,
      tags: ['a'],
      metadata: { k: 'v' },
    };
    store.createAccount(input);
    input.tags.push('b');
    input.metadata.k = 'changed';
    const stored = store.getAccount('MUT');
    expect(stored.ok && stored.value.tags).toEqual(['a']);
    expect(stored.ok && stored.value.metadata).toEqual({ k: 'v' });
  });

  it('keeps __proto__ and constructor metadata keys as data without polluting prototypes', () => {
    const { store, customerId } = setup();
    const metadata = JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":"c","polluted":"p"}');
    const created = store.createAccount({ id: 'P1', name: 'Proto', customerId, metadata });
    expect(created.ok).toBe(true);
    const patched = store.updateAccount('P1', {
      metadata: JSON.parse('{"__proto__":"again","toString":"t"}'),
    });
    expect(patched.ok && JSON.stringify(patched.value.metadata)).toBe('{"__proto__":"again","toString":"t"}');
    expect(patched.ok && Object.getPrototypeOf(patched.value.metadata)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const fetched = store.getAccount('P1');
    expect(fetched.ok && Object.keys(fetched.value.metadata ?? {})).toEqual(['__proto__', 'toString']);
  });

  it('answers STORE_FULL at the cap and accepts again after a delete', () => {
    const { store, customerId, seededId } = setup(21);
    expect(store.createAccount({ id: 'A', name: 'Fits', customerId }).ok).toBe(true);
    expect(store.createAccount({ id: 'B', name: 'Full', customerId })).toEqual({
      ok: false,
      error: { code: 'STORE_FULL', message: 'accounts: the store holds the maximum of 21 accounts' },
    });
    store.deleteAccount(seededId);
    expect(store.createAccount({ id: 'B', name: 'Fits now', customerId }).ok).toBe(true);
  });
});

describe('aliases', () => {
  it('does not add a value the account already has', () => {
    const { store, customerId } = setup();
    store.createAccount({ id: 'A', name: 'Aliased', customerId, aliases: ['one@a.com'] });
    const added = store.addAliases('A', { aliases: ['one@a.com', 'two@a.com', 'two@a.com'] });
    expect(added.ok && added.value.aliases).toEqual([{ alias: 'one@a.com' }, { alias: 'two@a.com' }]);
  });

  it('answers TOO_MANY_ALIASES past 10 and changes nothing', () => {
    const { store, customerId } = setup();
    const nine = Array.from({ length: 9 }, (_, i) => `alias-${i}`);
    store.createAccount({ id: 'A', name: 'Aliased', customerId, aliases: nine });
    const result = store.addAliases('A', { aliases: ['x-10', 'x-11'] });
    expect(!result.ok && result.error.code).toBe('TOO_MANY_ALIASES');
    expect(!result.ok && result.error.message).toMatch(/^aliases: /);
    const after = store.getAccount('A');
    expect(after.ok && after.value.aliases).toHaveLength(9);
    expect(store.addAliases('A', { aliases: ['x-10'] }).ok).toBe(true);
  });

  it('removes by value, by id, and ends an alias at `from` instead of removing it', () => {
    const { store, customerId } = setup();
    store.createAccount({ id: 'A', name: 'Aliased', customerId, aliases: ['aaa', 'bbb', 'ccc'] });
    const [first, second] = (() => {
      const page = store.listAccountAliases('A', { order: 'ASC', limit: 10 });
      return page.ok ? page.value.items : [];
    })();
    const removed = store.removeAliases('A', {
      aliases: ['ccc', 'not-there'],
      accountAliases: [
        { id: first?.id as string },
        { id: second?.id as string, from: '2026-01-01T00:00:00Z' },
      ],
    });
    expect(removed.ok && removed.value.aliases).toEqual([{ alias: 'bbb' }]);
    const left = store.listAccountAliases('A', { order: 'ASC', limit: 10 });
    expect(left.ok && left.value.items).toEqual([
      { ...second, effectiveUntil: '2026-01-01T00:00:00Z', updatedAt: '2025-06-01T12:00:00.000Z' },
    ]);
  });

  it('stores 1- and 2-character aliases, which the published create schema allows, but lists only those of 3 or more', () => {
    const { store, customerId } = setup();
    const result = store.createAccount({
      id: 'A',
      name: 'Short',
      customerId,
      accountAliases: [{ value: 'long-enough' }, { value: 'x' }, { value: '𝕿𝕿' }],
    });
    expect(result.ok && result.value.aliases).toEqual([
      { alias: 'long-enough' },
      { alias: 'x' },
      { alias: '𝕿𝕿' },
    ]);
    const listed = store.listAccountAliases('A', { order: 'ASC', limit: 50 });
    expect(listed.ok && listed.value.items.map((alias) => alias.value)).toEqual(['long-enough']);
    const removed = store.removeAliases('A', { aliases: ['x'] });
    expect(removed.ok && removed.value.aliases).toEqual([{ alias: 'long-enough' }, { alias: '𝕿𝕿' }]);
  });

  it('counts alias lengths in code points, as JSON Schema does', () => {
    const { store, customerId } = setup();
    const astral = '𝕿'.repeat(26);
    const created = store.createAccount({
      id: 'B',
      name: 'Astral',
      customerId,
      accountAliases: [{ value: astral }],
    });
    expect(created.ok && created.value.aliases).toEqual([{ alias: astral }]);
    const listed = store.listAccountAliases('B', { order: 'ASC', limit: 50 });
    expect(listed.ok && listed.value.items.map((alias) => alias.value)).toEqual([astral]);
    const tooLong = store.addAliases('B', { accountAliases: [{ value: '𝕿'.repeat(51) }] });
    expect(!tooLong.ok && tooLong.error.message).toBe(
      'accountAliases[0].value: must NOT have more than 50 characters',
    );
    expect(store.addAliases('B', { accountAliases: [{ value: '𝕿'.repeat(50) }] }).ok).toBe(true);
  });

  it('names the exact alias that is too long, in aliases or in a nested account', () => {
    const { store, customerId } = setup();
    const result = store.addAliases(store.listAccounts({ order: 'ASC', limit: 1 }).items[0]?.id as string, {
      aliases: ['fine', 'y'.repeat(51)],
    });
    expect(!result.ok && result.error.message).toBe('aliases[1]: must NOT have more than 50 characters');
    const nested = store.createCustomer({
      id: 'WITH_ACCOUNT',
      name: 'With account',
      primaryEmail: 'a@b.co',
      address: {},
      account: { id: 'NESTED', name: 'Nested', accountAliases: [{ value: 'y'.repeat(51) }] },
    });
    expect(!nested.ok && nested.error.message).toBe(
      'account.accountAliases[0].value: must NOT have more than 50 characters',
    );
    expect(store.getCustomer('WITH_ACCOUNT').ok).toBe(false);
    expect(customerId).toBeDefined();
  });
});

import { describe, expect, it } from 'vitest';
import { type CaseStore, firstCustomerOf, type StoreCaseSuite, type StoreRunner } from './store-runner.ts';

const NOW = new Date('2025-06-01T12:00:00.000Z');

/** A store over 20 seeded accounts and 2 customers, stamping NOW and numbered alias ids. */
export async function openAccountsStore(
  runner: StoreRunner,
  maxAccounts?: number,
): Promise<{ store: CaseStore; customerId: string; seededId: string }> {
  let n = 0;
  const store = runner.openStore(
    { seed: 5, accounts: 20, customers: 2, ...(maxAccounts ? { maxAccounts } : {}) },
    {
      now: () => NOW,
      randomUUID: () => `00000000-0000-4000-8000-${String(n++).padStart(12, '0')}`,
    },
  );
  const customerId = await firstCustomerOf(store);
  const seededId = (await store.listAccounts({ order: 'ASC', limit: 1 })).items[0]?.id as string;
  return { store, customerId, seededId };
}

/** Shared cases (from test/store/account-crud.test.ts): run against every store. */
export const accountsCases: StoreCaseSuite = {
  name: 'accounts',
  define(runner) {
    const setup = (maxAccounts?: number) => openAccountsStore(runner, maxAccounts);

    describe('accounts', () => {
      it('creates an account with defaults, lowercased unique tags and alias records', async () => {
        const { store, customerId } = await setup();
        const created = await store.createAccount({
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
        const aliases = await store.listAccountAliases('ACME_1', { order: 'ASC', limit: 10 });
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
        expect(await store.getAccount('ACME_1')).toEqual(created);
        expect(await store.countAccounts()).toBe(21);
      });

      it('answers 409 DUPLICATE_ID for an existing id, seeded or created', async () => {
        const { store, customerId, seededId } = await setup();
        expect(await store.createAccount({ id: seededId, name: 'Again', customerId })).toEqual({
          ok: false,
          error: { code: 'DUPLICATE_ID', message: `id: an account with id ${seededId} already exists` },
        });
      });

      it('answers CUSTOMER_NOT_FOUND for an unknown customerId and changes nothing', async () => {
        const { store } = await setup();
        const result = await store.createAccount({ id: 'X', name: 'Orphan', customerId: 'NOPE' });
        expect(!result.ok && result.error.code).toBe('CUSTOMER_NOT_FOUND');
        expect(!result.ok && result.error.message).toMatch(/^customerId: /);
        expect(await store.countAccounts()).toBe(20);
      });

      it('answers ACCOUNT_NOT_FOUND for get, patch, delete and aliases of an unknown id', async () => {
        const { store } = await setup();
        const results = [
          await store.getAccount('NOPE'),
          await store.updateAccount('NOPE', { name: 'abc' }),
          await store.deleteAccount('NOPE'),
          await store.addAliases('NOPE', { aliases: ['abc'] }),
          await store.removeAliases('NOPE', { aliases: ['abc'] }),
          await store.listAccountAliases('NOPE', { order: 'ASC', limit: 1 }),
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

      it('patches only the fields sent; metadata and tags replace', async () => {
        const { store, seededId } = await setup();
        const before = await store.getAccount(seededId);
        if (!before.ok) throw new Error('seeded account missing');
        const patched = await store.updateAccount(seededId, {
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
        const cleared = await store.updateAccount(seededId, { metadata: {} });
        expect(cleared.ok && cleared.value.metadata).toEqual({});
        expect(cleared.ok && cleared.value.name).toBe('Renamed');
      });

      it('deletes permanently', async () => {
        const { store, seededId } = await setup();
        expect(await store.deleteAccount(seededId)).toEqual({ ok: true, value: true });
        expect((await store.getAccount(seededId)).ok).toBe(false);
        expect((await store.deleteAccount(seededId)).ok).toBe(false);
        expect(await store.countAccounts()).toBe(19);
      });

      it('returns frozen values that cannot change the store', async () => {
        const { store, seededId } = await setup();
        const account = await store.getAccount(seededId);
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
        await store.createAccount(input);
        input.tags.push('b');
        input.metadata.k = 'changed';
        const stored = await store.getAccount('MUT');
        expect(stored.ok && stored.value.tags).toEqual(['a']);
        expect(stored.ok && stored.value.metadata).toEqual({ k: 'v' });
      });

      it('keeps __proto__ and constructor metadata keys as data without polluting prototypes', async () => {
        const { store, customerId } = await setup();
        const metadata = JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":"c","polluted":"p"}');
        const created = await store.createAccount({ id: 'P1', name: 'Proto', customerId, metadata });
        expect(created.ok).toBe(true);
        const patched = await store.updateAccount('P1', {
          metadata: JSON.parse('{"__proto__":"again","toString":"t"}'),
        });
        expect(patched.ok && JSON.stringify(patched.value.metadata)).toBe(
          '{"__proto__":"again","toString":"t"}',
        );
        expect(patched.ok && Object.getPrototypeOf(patched.value.metadata)).toBe(Object.prototype);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        const fetched = await store.getAccount('P1');
        expect(fetched.ok && Object.keys(fetched.value.metadata ?? {})).toEqual(['__proto__', 'toString']);
      });

      it('answers STORE_FULL at the cap and accepts again after a delete', async () => {
        const { store, customerId, seededId } = await setup(21);
        expect((await store.createAccount({ id: 'A', name: 'Fits', customerId })).ok).toBe(true);
        expect(await store.createAccount({ id: 'B', name: 'Full', customerId })).toEqual({
          ok: false,
          error: { code: 'STORE_FULL', message: 'accounts: the store holds the maximum of 21 accounts' },
        });
        await store.deleteAccount(seededId);
        expect((await store.createAccount({ id: 'B', name: 'Fits now', customerId })).ok).toBe(true);
      });
    });
  },
};

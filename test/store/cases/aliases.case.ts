import { describe, expect, it } from 'vitest';
import { openAccountsStore } from './accounts.case.ts';
import type { StoreCaseSuite } from './store-runner.ts';

/** Shared cases (from test/store/account-crud.test.ts): run against every store. */
export const aliasesCases: StoreCaseSuite = {
  name: 'account aliases',
  define(runner) {
    const setup = () => openAccountsStore(runner);

    describe('aliases', () => {
      it('does not add a value the account already has', async () => {
        const { store, customerId } = await setup();
        await store.createAccount({ id: 'A', name: 'Aliased', customerId, aliases: ['one@a.com'] });
        const added = await store.addAliases('A', { aliases: ['one@a.com', 'two@a.com', 'two@a.com'] });
        expect(added.ok && added.value.aliases).toEqual([{ alias: 'one@a.com' }, { alias: 'two@a.com' }]);
      });

      it('answers TOO_MANY_ALIASES past 10 and changes nothing', async () => {
        const { store, customerId } = await setup();
        const nine = Array.from({ length: 9 }, (_, i) => `alias-${i}`);
        await store.createAccount({ id: 'A', name: 'Aliased', customerId, aliases: nine });
        const result = await store.addAliases('A', { aliases: ['x-10', 'x-11'] });
        expect(!result.ok && result.error.code).toBe('TOO_MANY_ALIASES');
        expect(!result.ok && result.error.message).toMatch(/^aliases: /);
        const after = await store.getAccount('A');
        expect(after.ok && after.value.aliases).toHaveLength(9);
        expect((await store.addAliases('A', { aliases: ['x-10'] })).ok).toBe(true);
      });

      it('removes by value, by id, and ends an alias at `from` instead of removing it', async () => {
        const { store, customerId } = await setup();
        await store.createAccount({ id: 'A', name: 'Aliased', customerId, aliases: ['aaa', 'bbb', 'ccc'] });
        const [first, second] = await (async () => {
          const page = await store.listAccountAliases('A', { order: 'ASC', limit: 10 });
          return page.ok ? page.value.items : [];
        })();
        const removed = await store.removeAliases('A', {
          aliases: ['ccc', 'not-there'],
          accountAliases: [
            { id: first?.id as string },
            { id: second?.id as string, from: '2026-01-01T00:00:00Z' },
          ],
        });
        expect(removed.ok && removed.value.aliases).toEqual([{ alias: 'bbb' }]);
        const left = await store.listAccountAliases('A', { order: 'ASC', limit: 10 });
        expect(left.ok && left.value.items).toEqual([
          { ...second, effectiveUntil: '2026-01-01T00:00:00Z', updatedAt: '2025-06-01T12:00:00.000Z' },
        ]);
      });

      it('stores 1- and 2-character aliases, which the published create schema allows, but lists only those of 3 or more', async () => {
        const { store, customerId } = await setup();
        const result = await store.createAccount({
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
        const listed = await store.listAccountAliases('A', { order: 'ASC', limit: 50 });
        expect(listed.ok && listed.value.items.map((alias) => alias.value)).toEqual(['long-enough']);
        const removed = await store.removeAliases('A', { aliases: ['x'] });
        expect(removed.ok && removed.value.aliases).toEqual([{ alias: 'long-enough' }, { alias: '𝕿𝕿' }]);
      });

      it('counts alias lengths in code points, as JSON Schema does', async () => {
        const { store, customerId } = await setup();
        const astral = '𝕿'.repeat(26);
        const created = await store.createAccount({
          id: 'B',
          name: 'Astral',
          customerId,
          accountAliases: [{ value: astral }],
        });
        expect(created.ok && created.value.aliases).toEqual([{ alias: astral }]);
        const listed = await store.listAccountAliases('B', { order: 'ASC', limit: 50 });
        expect(listed.ok && listed.value.items.map((alias) => alias.value)).toEqual([astral]);
        const tooLong = await store.addAliases('B', { accountAliases: [{ value: '𝕿'.repeat(51) }] });
        expect(!tooLong.ok && tooLong.error.message).toBe(
          'accountAliases[0].value: must NOT have more than 50 characters',
        );
        expect((await store.addAliases('B', { accountAliases: [{ value: '𝕿'.repeat(50) }] })).ok).toBe(true);
      });

      it('names the exact alias that is too long, in aliases or in a nested account', async () => {
        const { store, customerId } = await setup();
        const first = (await store.listAccounts({ order: 'ASC', limit: 1 })).items[0]?.id as string;
        const result = await store.addAliases(first, { aliases: ['fine', 'y'.repeat(51)] });
        expect(!result.ok && result.error.message).toBe('aliases[1]: must NOT have more than 50 characters');
        const nested = await store.createCustomer({
          id: 'WITH_ACCOUNT',
          name: 'With account',
          primaryEmail: 'a@b.co',
          address: {},
          account: { id: 'NESTED', name: 'Nested', accountAliases: [{ value: 'y'.repeat(51) }] },
        });
        expect(!nested.ok && nested.error.message).toBe(
          'account.accountAliases[0].value: must NOT have more than 50 characters',
        );
        expect((await store.getCustomer('WITH_ACCOUNT')).ok).toBe(false);
        expect(customerId).toBeDefined();
      });
    });
  },
};

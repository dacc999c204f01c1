import { expect, it } from 'vitest';
import { compareIds } from '../../../src/store/ids.ts';
import type { SortOrder } from '../../../src/store/types.ts';
import { type CaseOps, firstCustomerOf, type StoreCaseSuite } from './store-runner.ts';

const byCodePoint = (order: SortOrder) => (a: string, b: string) =>
  compareIds(a, b) * (order === 'ASC' ? 1 : -1);

/** Every account id in `order`, page by page; `between` runs after each page with its cursor. */
export async function walkIds(
  store: CaseOps,
  order: SortOrder,
  limit: number,
  between?: (after: string) => Promise<void>,
): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.listAccounts({ order, limit, ...(after !== undefined ? { after } : {}) });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((a) => a.id));
    const last = page.items.at(-1);
    if (!page.hasMore || last === undefined) return ids;
    after = last.id;
    await between?.(after);
  }
}

/** Shared cases (from test/store/pagination.test.ts): run against every store. */
export const paginationCases: StoreCaseSuite = {
  name: 'keyset pagination',
  define(runner) {
    const freshStore = () => runner.openStore({ seed: 11, accounts: 257, customers: 5 });

    for (const order of ['ASC', 'DESC'] as const) {
      it(`walks every account exactly once in ${order} order at any page size`, async () => {
        const store = freshStore();
        const expected = await walkIds(store, order, 1000);
        expect(expected).toHaveLength(257);
        expect([...expected].sort(byCodePoint(order))).toEqual(expected);
        for (const limit of [1, 7, 50, 100, 256, 257])
          expect(await walkIds(store, order, limit)).toEqual(expected);
      });
    }

    it('answers hasMore false on an exactly full last page', async () => {
      const store = freshStore();
      const all = await walkIds(store, 'ASC', 1000);
      const page = await store.listAccounts({ order: 'ASC', limit: 7, after: all.at(-8) as string });
      expect(page.items).toHaveLength(7);
      expect(page.hasMore).toBe(false);
    });

    it('resumes after an id that was deleted, in both orders', async () => {
      const store = freshStore();
      const all = await walkIds(store, 'ASC', 1000);
      const gone = all[100] as string;
      expect((await store.deleteAccount(gone)).ok).toBe(true);
      const ascending = await store.listAccounts({ order: 'ASC', limit: 2, after: gone });
      expect(ascending.items.map((a) => a.id)).toEqual(all.slice(101, 103));
      const descending = await store.listAccounts({ order: 'DESC', limit: 2, after: gone });
      expect(descending.items.map((a) => a.id)).toEqual([all[99], all[98]]);
    });

    it('resumes after an id that never existed', async () => {
      const store = freshStore();
      const all = await walkIds(store, 'ASC', 1000);
      const between = `${all[10]}0`;
      expect((await store.listAccounts({ order: 'ASC', limit: 1, after: between })).items[0]?.id).toBe(
        all[11],
      );
    });

    for (const order of ['ASC', 'DESC'] as const) {
      it(`never repeats or skips a surviving account while pages are interleaved with writes (${order})`, async () => {
        const store = freshStore();
        const before = new Set(await walkIds(store, order, 1000));
        const deleted = new Set<string>();
        let n = 0;
        const seen = await walkIds(store, order, 9, async (cursor) => {
          n++;
          // Delete the item the cursor points at, one item further on, and create new ones.
          await store.deleteAccount(cursor);
          deleted.add(cursor);
          const ahead = (await store.listAccounts({ order, limit: 3, after: cursor })).items[2]?.id;
          if (ahead !== undefined && n % 2 === 0) {
            await store.deleteAccount(ahead);
            deleted.add(ahead);
          }
          const customerId = await firstCustomerOf(store);
          await store.createAccount({ id: `NEW_${n}`, name: 'Interleaved', customerId });
          await store.createAccount({ id: `0NEW_${n}`, name: 'Interleaved', customerId });
        });
        expect(new Set(seen).size).toBe(seen.length);
        const survivors = [...before].filter((id) => !deleted.has(id));
        const seenSet = new Set(seen);
        for (const id of survivors) expect(seenSet.has(id)).toBe(true);
        expect([...seen].sort(byCodePoint(order))).toEqual(seen);
      });
    }

    it('pages customers, and an account’s aliases by alias id', async () => {
      const store = freshStore();
      const customers = await store.listCustomers({ order: 'DESC', limit: 2 });
      expect(customers.items).toHaveLength(2);
      expect(customers.hasMore).toBe(true);
      const rest = await store.listCustomers({
        order: 'DESC',
        limit: 10,
        after: customers.items[1]?.id as string,
      });
      expect(rest.items).toHaveLength(3);
      let uuid = 0;
      const uuidStore = runner.openStore(
        { seed: 11, accounts: 0, customers: 1 },
        { randomUUID: () => `00000000-0000-4000-8000-00000000000${uuid++}` },
      );
      const owner = await firstCustomerOf(uuidStore);
      await uuidStore.createAccount({
        id: 'A1',
        name: 'Aliased',
        customerId: owner,
        aliases: ['ccc', 'aaa', 'bbb'],
      });
      const page = await uuidStore.listAccountAliases('A1', {
        order: 'DESC',
        limit: 2,
        after: '00000000-0000-4000-8000-000000000002',
      });
      expect(page.ok && page.value.items.map((a) => a.value)).toEqual(['aaa', 'ccc']);
      expect(page.ok && page.value.hasMore).toBe(false);
    });
  },
};

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AccountStore, createAccountStore } from '../../src/store/account-store.ts';
import { createBaseline } from '../../src/store/baseline.ts';
import { compareIds } from '../../src/store/ids.ts';
import type { SortOrder } from '../../src/store/types.ts';

const byCodePoint = (order: SortOrder) => (a: string, b: string) =>
  compareIds(a, b) * (order === 'ASC' ? 1 : -1);

function walkIds(
  store: AccountStore,
  order: SortOrder,
  limit: number,
  between?: (after: string) => void,
): string[] {
  const ids: string[] = [];
  let after: string | undefined;
  for (;;) {
    const page = store.listAccounts({ order, limit, ...(after !== undefined ? { after } : {}) });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((a) => a.id));
    const last = page.items.at(-1);
    if (!page.hasMore || last === undefined) return ids;
    after = last.id;
    between?.(after);
  }
}

const freshStore = () => createAccountStore(createBaseline({ seed: 11, accounts: 257, customers: 5 }));

describe('keyset pagination', () => {
  for (const order of ['ASC', 'DESC'] as const) {
    it(`walks every account exactly once in ${order} order at any page size`, () => {
      const store = freshStore();
      const expected = walkIds(store, order, 1000);
      expect(expected).toHaveLength(257);
      expect([...expected].sort(byCodePoint(order))).toEqual(expected);
      for (const limit of [1, 7, 50, 100, 256, 257]) expect(walkIds(store, order, limit)).toEqual(expected);
    });
  }

  it('answers hasMore false on an exactly full last page', () => {
    const store = freshStore();
    const all = walkIds(store, 'ASC', 1000);
    const page = store.listAccounts({ order: 'ASC', limit: 7, after: all.at(-8) as string });
    expect(page.items).toHaveLength(7);
    expect(page.hasMore).toBe(false);
  });

  it('resumes after an id that was deleted, in both orders', () => {
    const store = freshStore();
    const all = walkIds(store, 'ASC', 1000);
    const gone = all[100] as string;
    expect(store.deleteAccount(gone).ok).toBe(true);
    expect(store.listAccounts({ order: 'ASC', limit: 2, after: gone }).items.map((a) => a.id)).toEqual(
      all.slice(101, 103),
    );
    expect(store.listAccounts({ order: 'DESC', limit: 2, after: gone }).items.map((a) => a.id)).toEqual([
      all[99],
      all[98],
    ]);
  });

  it('resumes after an id that never existed', () => {
    const store = freshStore();
    const all = walkIds(store, 'ASC', 1000);
    const between = `${all[10]}0`;
    expect(store.listAccounts({ order: 'ASC', limit: 1, after: between }).items[0]?.id).toBe(all[11]);
  });

  for (const order of ['ASC', 'DESC'] as const) {
    it(`never repeats or skips a surviving account while pages are interleaved with writes (${order})`, () => {
      const store = freshStore();
      const before = new Set(walkIds(store, order, 1000));
      const deleted = new Set<string>();
      let n = 0;
      const seen = walkIds(store, order, 9, (cursor) => {
        n++;
        // Delete the item the cursor points at, one item further on, and create new ones.
        store.deleteAccount(cursor);
        deleted.add(cursor);
        const ahead = store.listAccounts({ order, limit: 3, after: cursor }).items[2]?.id;
        if (ahead !== undefined && n % 2 === 0) {
          store.deleteAccount(ahead);
          deleted.add(ahead);
        }
        const customerId = store.listCustomers({ order: 'ASC', limit: 1 }).items[0]?.id ?? '';
        store.createAccount({ id: `NEW_${n}`, name: 'Interleaved', customerId });
        store.createAccount({ id: `0NEW_${n}`, name: 'Interleaved', customerId });
      });
      expect(new Set(seen).size).toBe(seen.length);
      const survivors = [...before].filter((id) => !deleted.has(id));
      const seenSet = new Set(seen);
      for (const id of survivors) expect(seenSet.has(id)).toBe(true);
      expect([...seen].sort(byCodePoint(order))).toEqual(seen);
    });
  }

  it('pages customers, and an account’s aliases by alias id', () => {
    const store = freshStore();
    const customers = store.listCustomers({ order: 'DESC', limit: 2 });
    expect(customers.items).toHaveLength(2);
    expect(customers.hasMore).toBe(true);
    const rest = store.listCustomers({ order: 'DESC', limit: 10, after: customers.items[1]?.id as string });
    expect(rest.items).toHaveLength(3);
    let uuid = 0;
    const uuidStore = createAccountStore(createBaseline({ seed: 11, accounts: 0, customers: 1 }), {
      randomUUID: () => `00000000-0000-4000-8000-00000000000${uuid++}`,
    });
    const owner = uuidStore.listCustomers({ order: 'ASC', limit: 1 }).items[0]?.id as string;
    uuidStore.createAccount({ id: 'A1', name: 'Aliased', customerId: owner, aliases: ['ccc', 'aaa', 'bbb'] });
    const page = uuidStore.listAccountAliases('A1', {
      order: 'DESC',
      limit: 2,
      after: '00000000-0000-4000-8000-000000000002',
    });
    expect(page.ok && page.value.items.map((a) => a.value)).toEqual(['aaa', 'ccc']);
    expect(page.ok && page.value.hasMore).toBe(false);
  });
});

describe('store against a model', () => {
  it('lists exactly the model’s ids after any sequence of creates and deletes', () => {
    const baseline = createBaseline({ seed: 21, accounts: 60, customers: 2 });
    const command = fc.oneof(
      fc.record({ kind: fc.constant('create' as const), id: fc.string({ minLength: 1, maxLength: 6 }) }),
      fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
      fc.record({
        kind: fc.constant('list' as const),
        pick: fc.nat(),
        limit: fc.integer({ min: 1, max: 20 }),
        order: fc.constantFrom<SortOrder>('ASC', 'DESC'),
      }),
    );
    fc.assert(
      fc.property(fc.array(command, { maxLength: 60 }), (commands) => {
        const store = createAccountStore(baseline);
        const customerId = store.listCustomers({ order: 'ASC', limit: 1 }).items[0]?.id as string;
        const model = new Set(walkIds(store, 'ASC', 1000));
        for (const c of commands) {
          const sorted = [...model].sort(compareIds);
          if (c.kind === 'create') {
            const created = store.createAccount({ id: c.id, name: 'Model', customerId });
            expect(created.ok).toBe(!model.has(c.id));
            model.add(c.id);
          } else if (c.kind === 'delete') {
            const id = sorted[c.pick % Math.max(sorted.length, 1)];
            if (id === undefined) continue;
            expect(store.deleteAccount(id).ok).toBe(true);
            model.delete(id);
          } else {
            const ordered = c.order === 'ASC' ? sorted : [...sorted].reverse();
            const after = ordered[c.pick % Math.max(ordered.length, 1)];
            const expected = after === undefined ? ordered : ordered.slice(ordered.indexOf(after) + 1);
            const page = store.listAccounts({ order: c.order, limit: c.limit, ...(after ? { after } : {}) });
            expect(page.items.map((a) => a.id)).toEqual(expected.slice(0, c.limit));
            expect(page.hasMore).toBe(expected.length > c.limit);
          }
          expect(store.countAccounts()).toBe(model.size);
        }
      }),
      { seed: 20240101, numRuns: 150 },
    );
  });
});

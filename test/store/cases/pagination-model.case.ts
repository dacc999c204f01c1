import fc from 'fast-check';
import { expect, it } from 'vitest';
import { compareIds } from '../../../src/store/ids.ts';
import type { SortOrder } from '../../../src/store/types.ts';
import { walkIds } from './pagination.case.ts';
import { firstCustomerOf, type StoreCaseSuite } from './store-runner.ts';

/** Shared cases (from test/store/pagination.test.ts): run against every store. */
export const paginationModelCases: StoreCaseSuite = {
  name: 'store against a model',
  define(runner) {
    it('lists exactly the model’s ids after any sequence of creates and deletes', async () => {
      const baseline = { seed: 21, accounts: 60, customers: 2 };
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
      await fc.assert(
        fc.asyncProperty(fc.array(command, { maxLength: 60 }), async (commands) => {
          const store = runner.openStore(baseline);
          const customerId = await firstCustomerOf(store);
          const model = new Set(await walkIds(store, 'ASC', 1000));
          for (const c of commands) {
            const sorted = [...model].sort(compareIds);
            if (c.kind === 'create') {
              const created = await store.createAccount({ id: c.id, name: 'Model', customerId });
              expect(created.ok).toBe(!model.has(c.id));
              model.add(c.id);
            } else if (c.kind === 'delete') {
              const id = sorted[c.pick % Math.max(sorted.length, 1)];
              if (id === undefined) continue;
              expect((await store.deleteAccount(id)).ok).toBe(true);
              model.delete(id);
            } else {
              const ordered = c.order === 'ASC' ? sorted : [...sorted].reverse();
              const after = ordered[c.pick % Math.max(ordered.length, 1)];
              const expected = after === undefined ? ordered : ordered.slice(ordered.indexOf(after) + 1);
              const page = await store.listAccounts({
                order: c.order,
                limit: c.limit,
                ...(after ? { after } : {}),
              });
              expect(page.items.map((a) => a.id)).toEqual(expected.slice(0, c.limit));
              expect(page.hasMore).toBe(expected.length > c.limit);
            }
            expect(await store.countAccounts()).toBe(model.size);
          }
        }),
        { seed: 20240101, numRuns: 150 },
      );
    });
  },
};

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MaybePromise } from '../../src/core/types.ts';
import { createAccountStore } from '../../src/store/account-store.ts';
import { createBaseline } from '../../src/store/baseline.ts';
import { compareIds } from '../../src/store/ids.ts';
import { createRedisTenants } from '../../src/store/redis/redis-tenants.ts';
import { EXAMPLE_ACCOUNTS, EXAMPLE_CUSTOMERS, EXAMPLES_NEED } from '../../src/store/seed-examples.ts';
import type { SortOrder } from '../../src/store/types.ts';
import { hasRedisServer, startRedisConnection } from '../helpers/redis-server.ts';

const baseline = createBaseline({ seed: 4, accounts: 120, customers: 30 });
const exampleIds = EXAMPLE_ACCOUNTS.map((example) => example.record.account.id);

/** What the tests below need of a store, in memory (sync) or on Redis (async). */
interface Reads {
  listAccounts(query: { order: SortOrder; limit: number; after?: string }): MaybePromise<{
    items: { id: string; customerId: string }[];
    hasMore: boolean;
  }>;
  getAccount(id: string): MaybePromise<{ ok: boolean }>;
  deleteCustomer(id: string): MaybePromise<{ ok: boolean }>;
  countAccounts(): MaybePromise<number>;
}

async function walk(
  store: Reads,
  order: SortOrder,
  limit: number,
): Promise<{ id: string; customerId: string }[]> {
  const all: { id: string; customerId: string }[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.listAccounts({ order, limit, ...(after === undefined ? {} : { after }) });
    all.push(...page.items);
    const last = page.items.at(-1);
    if (!page.hasMore || last === undefined) return all;
    after = last.id;
  }
}

/** The same checks against both stores: examples interleave in id order and go with their customer. */
function describeExamples(name: string, open: () => Reads) {
  describe(name, () => {
    it('lists the example accounts in id order among the generated ones, in both orders and any page size', async () => {
      const store = open();
      for (const limit of [1, 7, 500]) {
        const ascending = (await walk(store, 'ASC', limit)).map((account) => account.id);
        expect(ascending).toHaveLength(120);
        expect([...ascending].sort(compareIds)).toEqual(ascending);
        for (const id of exampleIds) expect(ascending).toContain(id);
        expect((await walk(store, 'DESC', limit)).map((account) => account.id)).toEqual(ascending.reverse());
      }
    });

    it('reads each example account by id, and resumes a page right after one', async () => {
      const store = open();
      const ids = (await walk(store, 'ASC', 500)).map((account) => account.id);
      for (const id of exampleIds) {
        expect((await store.getAccount(id)).ok).toBe(true);
        const next = await store.listAccounts({ order: 'ASC', limit: 2, after: id });
        expect(next.items.map((account) => account.id)).toEqual(
          ids.slice(ids.indexOf(id) + 1, ids.indexOf(id) + 3),
        );
      }
    });

    it("deletes an example customer's example accounts with it, and only those", async () => {
      const store = open();
      const owner = EXAMPLE_CUSTOMERS[0]?.id as string;
      const owned = exampleIds.filter((_, i) => EXAMPLE_ACCOUNTS[i]?.owner === 0);
      expect(owned).toEqual(['ACC00001', 'G234DZZKBKACATFFGVGEMERFH']);
      expect((await store.deleteCustomer(owner)).ok).toBe(true);
      for (const id of owned) expect((await store.getAccount(id)).ok).toBe(false);
      expect((await store.getAccount('G234DZZKBKACATFFGVGEMERFI')).ok).toBe(true);
      expect(await store.countAccounts()).toBe(120 - owned.length);
      expect((await walk(store, 'DESC', 9)).some((account) => account.customerId === owner)).toBe(false);
    });
  });
}

describe('the published examples in the seeded baseline', () => {
  it(`are there from ${EXAMPLES_NEED.customers} customers on, and not in smaller data sets`, () => {
    const ids = (accounts: number, customers: number) => {
      const store = createAccountStore(createBaseline({ seed: 4, accounts, customers }));
      return store.listAccounts({ order: 'ASC', limit: accounts }).items.map((account) => account.id);
    };
    expect(ids(40, EXAMPLES_NEED.customers)).toEqual(expect.arrayContaining(exampleIds));
    expect(ids(40, EXAMPLES_NEED.customers - 1).some((id) => exampleIds.includes(id))).toBe(false);
    expect(baseline.accountIdOf(0)).toBe('ACC00001');
  });

  it('are the same records whatever the seed', () => {
    const other = createAccountStore(createBaseline({ seed: 99, accounts: 120, customers: 30 }));
    const store = createAccountStore(baseline);
    for (const id of exampleIds) expect(other.getAccount(id)).toEqual(store.getAccount(id));
  });

  describeExamples('in memory', () => createAccountStore(baseline));
});

describe.skipIf(!hasRedisServer())('the published examples on Redis tenants', () => {
  let redis: Awaited<ReturnType<typeof startRedisConnection>>;
  let tenant = 0;

  beforeAll(async () => {
    redis = await startRedisConnection();
  });
  afterAll(() => redis?.close());

  describeExamples('on Redis', () =>
    createRedisTenants({ port: redis.connection, baseline }).get(`t${tenant++}`),
  );
});

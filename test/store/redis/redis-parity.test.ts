import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountStore } from '../../../src/store/account-store.ts';
import { createBaseline } from '../../../src/store/baseline.ts';
import { connectRedis, type RedisConnection } from '../../../src/store/redis/connect-redis.ts';
import { createRedisTenants } from '../../../src/store/redis/redis-tenants.ts';
import { createTenants } from '../../../src/store/tenants.ts';
import type { PageQuery } from '../../../src/store/types.ts';
import { hasRedisServer, type RedisServer, startRedisServer } from '../../helpers/redis-server.ts';

/**
 * Model-based: random sequences of operations run against the in-memory store (the model) and
 * the Redis store, which must answer every one identically (results, errors, messages, pages)
 * and agree on counts and the budget at the end.
 */

const NOW = new Date('2025-06-01T12:00:00.000Z');
const baseline = createBaseline({ seed: 5, accounts: 24, customers: 3, maxAccounts: 30, maxCustomers: 6 });
const seededAccounts = Array.from({ length: 24 }, (_, i) => baseline.accountIdOf(i));
const seededCustomers = Array.from({ length: 3 }, (_, i) => baseline.customers.keyAt(i));
const accountIds = [...seededAccounts.slice(0, 8), 'N1', 'N2', 'N3', 'N4', 'N5', 'N6', 'N7', 'é', '😀x'];
const customerIds = [...seededCustomers, 'C1', 'C2', 'missing'];

/** Budgets small enough for a run to reach each limit: the share, a tenant's bytes, the server's items. */
const LIMITS = [
  { maxStoredItems: 16, maxTenants: 2 },
  { maxTenantBytes: 2500 },
  { maxStoredItems: 10, maxStoredBytes: 3000 },
  {},
];

const uuids = () => {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String(n++).padStart(12, '0')}`;
};

type Op = { name: string; run: (store: AsyncStore) => unknown };
type AsyncStore = { [K in keyof AccountStore]: (...args: never[]) => unknown };

const query = fc.record({
  after: fc.option(fc.constantFrom(...accountIds, ...customerIds, 'A', 'zzz'), { nil: undefined }),
  order: fc.constantFrom<'ASC' | 'DESC'>('ASC', 'DESC'),
  limit: fc.integer({ min: 1, max: 6 }),
});
const clean = (q: { after: string | undefined; order: 'ASC' | 'DESC'; limit: number }): PageQuery =>
  q.after === undefined ? { order: q.order, limit: q.limit } : q;
const aliasValues = fc.array(fc.constantFrom('abc', 'def', 'ghi', 'x'), { maxLength: 3 });

const op: fc.Arbitrary<Op> = fc.oneof(
  fc
    .record({
      id: fc.constantFrom(...accountIds),
      customerId: fc.constantFrom(...customerIds),
      aliases: aliasValues,
    })
    .map((input) => ({
      name: `createAccount ${JSON.stringify(input)}`,
      run: (s: AsyncStore) => (s.createAccount as (i: unknown) => unknown)({ ...input, name: 'New' }),
    })),
  fc
    .record({ id: fc.constantFrom(...accountIds), name: fc.string({ maxLength: 4 }) })
    .map(({ id, name }) => ({
      name: `updateAccount ${id}`,
      run: (s: AsyncStore) =>
        (s.updateAccount as (i: string, p: unknown) => unknown)(id, { name, tags: ['A', 'a'] }),
    })),
  fc.constantFrom(...accountIds).map((id) => ({
    name: `deleteAccount ${id}`,
    run: (s: AsyncStore) => (s.deleteAccount as (i: string) => unknown)(id),
  })),
  fc.record({ id: fc.constantFrom(...accountIds), aliases: aliasValues }).map(({ id, aliases }) => ({
    name: `addAliases ${id} ${aliases}`,
    run: (s: AsyncStore) => (s.addAliases as (i: string, p: unknown) => unknown)(id, { aliases }),
  })),
  fc.record({ id: fc.constantFrom(...accountIds), aliases: aliasValues }).map(({ id, aliases }) => ({
    name: `removeAliases ${id} ${aliases}`,
    run: (s: AsyncStore) => (s.removeAliases as (i: string, p: unknown) => unknown)(id, { aliases }),
  })),
  fc
    .record({
      id: fc.constantFrom(...customerIds),
      account: fc.option(fc.constantFrom(...accountIds), { nil: undefined }),
    })
    .map(({ id, account }) => ({
      name: `createCustomer ${id} ${account}`,
      run: (s: AsyncStore) =>
        (s.createCustomer as (i: unknown) => unknown)({
          id,
          name: 'Cust',
          primaryEmail: 'a@b.co',
          address: { city: 'X' },
          ...(account ? { account: { id: account, name: 'Nested' } } : {}),
        }),
    })),
  fc.constantFrom(...customerIds).map((id) => ({
    name: `updateCustomer ${id}`,
    run: (s: AsyncStore) => (s.updateCustomer as (i: string, p: unknown) => unknown)(id, { name: 'Renamed' }),
  })),
  fc.constantFrom(...customerIds).map((id) => ({
    name: `deleteCustomer ${id}`,
    run: (s: AsyncStore) => (s.deleteCustomer as (i: string) => unknown)(id),
  })),
  fc.constantFrom(...accountIds).map((id) => ({
    name: `getAccount ${id}`,
    run: (s: AsyncStore) => (s.getAccount as (i: string) => unknown)(id),
  })),
  query.map((q) => ({
    name: `listAccounts ${JSON.stringify(q)}`,
    run: (s: AsyncStore) => (s.listAccounts as (q: PageQuery) => unknown)(clean(q)),
  })),
  query.map((q) => ({
    name: `listCustomers ${JSON.stringify(q)}`,
    run: (s: AsyncStore) => (s.listCustomers as (q: PageQuery) => unknown)(clean(q)),
  })),
  fc.record({ id: fc.constantFrom(...accountIds), q: query }).map(({ id, q }) => ({
    name: `listAccountAliases ${id}`,
    run: (s: AsyncStore) =>
      (s.listAccountAliases as (i: string, q: PageQuery) => unknown)(id, { order: q.order, limit: q.limit }),
  })),
);

const walk = async (store: AsyncStore, which: 'listAccounts' | 'listCustomers', order: 'ASC' | 'DESC') => {
  const ids: string[] = [];
  let after: string | undefined;
  for (;;) {
    const page = (await (store[which] as (q: PageQuery) => unknown)({
      ...(after !== undefined ? { after } : {}),
      order,
      limit: 7,
    })) as { items: { id: string }[]; hasMore: boolean };
    ids.push(...page.items.map((item) => item.id));
    if (!page.hasMore) return ids;
    after = ids[ids.length - 1];
  }
};

describe.skipIf(!hasRedisServer())('Redis store answers exactly like the in-memory store', () => {
  let server: RedisServer;
  let connection: RedisConnection;

  beforeAll(async () => {
    server = await startRedisServer();
    const connected = await connectRedis(server.url);
    if (!connected.ok) throw new Error(connected.error);
    connection = connected.value;
  });

  afterAll(async () => {
    await connection?.close();
    await server?.dispose();
  });

  it('on random sequences of operations, with caps and a budget that are reached', async () => {
    let run = 0;
    const limitsHit = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...LIMITS),
        fc.array(op, { minLength: 1, maxLength: 60 }),
        async (limits, ops) => {
          run++;
          const model = createTenants({ baseline, now: () => NOW, randomUUID: uuids(), ...limits });
          const redis = createRedisTenants({
            port: connection,
            baseline,
            prefix: `parity${run}:`,
            now: () => NOW,
            randomUUID: uuids(),
            ...limits,
          });
          const expected = model.get('t') as unknown as AsyncStore;
          const actual = redis.get('t') as unknown as AsyncStore;
          for (const step of ops) {
            const want = await step.run(expected);
            const message = (want as { error?: { message?: string } }).error?.message ?? '';
            if (/maximum|guaranteed/.test(message)) limitsHit.add(message);
            const got = await step.run(actual);
            expect(JSON.parse(JSON.stringify(got)), step.name).toEqual(JSON.parse(JSON.stringify(want)));
          }
          for (const which of ['listAccounts', 'listCustomers'] as const) {
            for (const order of ['ASC', 'DESC'] as const) {
              expect(await walk(actual, which, order)).toEqual(await walk(expected, which, order));
            }
          }
          expect(await actual.countAccounts()).toBe(await expected.countAccounts());
          expect(await actual.countCustomers()).toBe(await expected.countCustomers());
          expect(await redis.stored()).toEqual({ items: model.storedItems, bytes: model.storedBytes });
        },
      ),
      { numRuns: 200, seed: 14 },
    );
    // The runs reach a tenant's limit and a server-wide one, so those answers were compared too.
    const hits = [...limitsHit];
    expect(hits.some((m) => /this tenant holds the maximum of \d+ bytes/.test(m))).toBe(true);
    expect(hits.some((m) => /: the server (holds the maximum|is full)/.test(m))).toBe(true);
  }, 120_000);
});

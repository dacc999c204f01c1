import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBaseline } from '../../../src/store/baseline.ts';
import { connectRedis, type RedisConnection } from '../../../src/store/redis/connect-redis.ts';
import { createRedisTenants, type RedisTenants } from '../../../src/store/redis/redis-tenants.ts';
import { hasRedisServer, type RedisServer, startRedisServer } from '../../helpers/redis-server.ts';

/**
 * Two "instances" (two connections, two tenant registries) over one real Redis, racing: each
 * outcome must be one the in-memory store could give for some order of the same requests.
 */

const baseline = createBaseline({ seed: 9, accounts: 60, customers: 4 });
const seededCustomer = baseline.customers.keyAt(0);

describe.skipIf(!hasRedisServer())('Redis store under concurrent instances', () => {
  let server: RedisServer;
  const connections: RedisConnection[] = [];
  let one: RedisTenants;
  let two: RedisTenants;

  beforeAll(async () => {
    server = await startRedisServer();
    for (let i = 0; i < 2; i++) {
      const connected = await connectRedis(server.url);
      if (!connected.ok) throw new Error(connected.error);
      connections.push(connected.value);
    }
    const [a, b] = connections as [RedisConnection, RedisConnection];
    one = createRedisTenants({ port: a, baseline });
    two = createRedisTenants({ port: b, baseline });
  });

  afterAll(async () => {
    for (const connection of connections) await connection.close();
    await server?.dispose();
  });

  it('gives exactly one success to same-id creates racing from two instances', async () => {
    for (let round = 0; round < 20; round++) {
      const id = `RACE_${round}`;
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          (i % 2 ? one : two).get('race').createAccount({ id, name: `n${i}`, customerId: seededCustomer }),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(
        Array(7).fill('DUPLICATE_ID'),
      );
    }
    expect(await one.get('race').countAccounts()).toBe(60 + 20);
  });

  it('never resurrects an account when a delete and updates race', async () => {
    for (let round = 0; round < 20; round++) {
      const id = round % 2 ? `UPD_${round}` : baseline.accountIdOf(round);
      if (round % 2) await one.get('upd').createAccount({ id, name: 'before', customerId: seededCustomer });
      const [deleted, ...updates] = await Promise.all([
        two.get('upd').deleteAccount(id),
        one.get('upd').updateAccount(id, { name: 'after' }),
        two.get('upd').updateAccount(id, { tags: ['x'] }),
      ]);
      expect(deleted.ok).toBe(true);
      for (const update of updates) if (!update.ok) expect(update.error.code).toBe('ACCOUNT_NOT_FOUND');
      const after = await one.get('upd').getAccount(id);
      expect(after.ok).toBe(false);
    }
  });

  it("deletes a customer's accounts atomically, even with creates for it racing", async () => {
    const owner = 'OWNER';
    const seededOwned = (await one.get('cascade').listAccounts({ order: 'ASC', limit: 100 })).items.filter(
      (account) => account.customerId === seededCustomer,
    ).length;
    await one.get('cascade').createCustomer({ id: owner, name: 'O', primaryEmail: 'o@x.co', address: {} });
    const creates = Array.from({ length: 10 }, (_, i) =>
      (i % 2 ? one : two).get('cascade').createAccount({ id: `OWNED_${i}`, name: 'a', customerId: owner }),
    );
    const [deleted, ...created] = await Promise.all([
      two.get('cascade').deleteCustomer(owner),
      ...creates,
      two.get('cascade').deleteCustomer(seededCustomer),
    ]);
    expect(deleted.ok).toBe(true);
    for (const result of created.slice(0, 10))
      if (!result.ok) expect(result.error.code).toBe('CUSTOMER_NOT_FOUND');
    const page = await one.get('cascade').listAccounts({ order: 'ASC', limit: 100 });
    const owners = new Set(page.items.map((account) => account.customerId));
    expect(owners.has(owner)).toBe(false);
    expect(owners.has(seededCustomer)).toBe(false);
    expect(page.items).toHaveLength(await one.get('cascade').countAccounts());
    expect(seededOwned).toBeGreaterThan(0);
    expect(page.items).toHaveLength(60 - seededOwned);
  });

  it('keeps the server-wide budget across instances', async () => {
    const port = connections[0] as RedisConnection;
    const small = [
      createRedisTenants({ port, baseline, prefix: 'budget:', maxStoredItems: 5 }),
      createRedisTenants({
        port: connections[1] as RedisConnection,
        baseline,
        prefix: 'budget:',
        maxStoredItems: 5,
      }),
    ];
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        (small[i % 2] as RedisTenants)
          .get(`tenant-${i % 3}`)
          .createAccount({ id: `B_${i}`, name: 'b', customerId: seededCustomer }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    for (const r of results)
      if (!r.ok) expect(r.error.message).toBe('accounts: the server holds the maximum of 5 created items');
    expect((await small[0]?.stored())?.items).toBe(5);
  });

  it('serves one store to every token with shared, from either instance', async () => {
    const [a, b] = connections.map((port) =>
      createRedisTenants({ port, baseline, prefix: 'shared:', shared: true }),
    );
    expect(
      (await a?.get('alice').createAccount({ id: 'SHARED', name: 's', customerId: seededCustomer }))?.ok,
    ).toBe(true);
    expect((await b?.get('bob').getAccount('SHARED'))?.ok).toBe(true);
    await b?.reset('carol');
    expect((await a?.get('alice').getAccount('SHARED'))?.ok).toBe(false);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../../../src/shared/result.ts';
import { createBaseline } from '../../../src/store/baseline.ts';
import { connectRedis, type RedisConnection } from '../../../src/store/redis/connect-redis.ts';
import type { FixtureApplier } from '../../../src/store/redis/redis-store.ts';
import { createRedisTenants } from '../../../src/store/redis/redis-tenants.ts';
import { hasRedisServer, type RedisServer, startRedisServer } from '../../helpers/redis-server.ts';

const baseline = createBaseline({ seed: 8, accounts: 12, customers: 2 });

/** The fixture: one customer with one account, on top of the seeded data. */
const fixture: FixtureApplier = async (store) => {
  const draft = store.fork();
  const customer = await draft.createCustomer({
    id: 'FIX_C',
    name: 'Fixture',
    primaryEmail: 'f@x.co',
    address: {},
  });
  if (!customer.ok) return customer;
  const account = await draft.createAccount({ id: 'FIX_A', name: 'Fixture account', customerId: 'FIX_C' });
  return account.ok ? ok(draft) : account;
};

describe.skipIf(!hasRedisServer())('the server fixture on Redis tenants', () => {
  let server: RedisServer;
  const connections: RedisConnection[] = [];

  beforeAll(async () => {
    server = await startRedisServer();
    for (let i = 0; i < 2; i++) {
      const connected = await connectRedis(server.url);
      if (!connected.ok) throw new Error(connected.error);
      connections.push(connected.value);
    }
  });
  afterAll(async () => {
    for (const connection of connections) await connection.close();
    await server?.dispose();
  });

  const instances = (prefix: string, errors: string[] = []) =>
    connections.map((port) =>
      createRedisTenants({
        port,
        baseline,
        prefix,
        fixture: () => fixture,
        onFixtureError: (m) => errors.push(m),
      }),
    );

  it('applies it once on first use, even when instances race to use the tenant first', async () => {
    const [one, two] = instances('fx1:');
    const reads = await Promise.all(
      Array.from({ length: 6 }, (_, i) => ((i % 2 ? one : two) ?? one)?.get('t').getAccount('FIX_A')),
    );
    for (const read of reads) expect(read?.ok).toBe(true);
    expect(await one?.get('t').countAccounts()).toBe(13);
    expect(await two?.get('t').countCustomers()).toBe(3);
    const page = await two?.get('t').listCustomers({ order: 'ASC', limit: 10 });
    expect(page?.items.map((c) => c.id)).toContain('FIX_C');
  });

  it('applies it again after a reset, and under an import', async () => {
    const [one, two] = instances('fx2:');
    expect((await one?.get('t').deleteAccount('FIX_A'))?.ok).toBe(true);
    await two?.reset('t');
    expect((await one?.get('t').getAccount('FIX_A'))?.ok).toBe(true);
    await one?.reset('t');
    const draft = two?.get('t').fork();
    expect((await draft?.createAccount({ id: 'IMPORTED', name: 'Imported', customerId: 'FIX_C' }))?.ok).toBe(
      true,
    );
    expect((await draft?.commit())?.ok).toBe(true);
    expect(await one?.get('t').countAccounts()).toBe(14);
  });

  it('reports a fixture that does not apply and starts the tenant without it, once', async () => {
    const errors: string[] = [];
    const [one] = instances('fx3:', errors);
    expect(
      (await one?.get('t').createCustomer({ id: 'X', name: 'X', primaryEmail: 'x@x.co', address: {} }))?.ok,
    ).toBe(true);
    await one?.get('t').getAccount('FIX_A');
    expect(errors).toEqual([]);
    const failing: FixtureApplier = async (store) => {
      const draft = store.fork();
      const again = await draft.createCustomer({
        id: 'FIX_C',
        name: 'F',
        primaryEmail: 'f@x.co',
        address: {},
      });
      return again.ok ? ok(draft) : again;
    };
    const strict = createRedisTenants({
      port: connections[0] as RedisConnection,
      baseline,
      prefix: 'fx3:',
      fixture: () => failing,
      onFixtureError: (m) => errors.push(m),
    });
    // The tenant already holds the fixture's mark: nothing is applied, nothing reported.
    expect((await strict.get('t').getCustomer('FIX_C')).ok).toBe(true);
    expect(errors).toEqual([]);
    await strict.reset('t');
    const other = await strict.get('t').getCustomer('FIX_C');
    expect(other.ok).toBe(true);
    expect(errors).toEqual([]);
    const fresh = createRedisTenants({
      port: connections[0] as RedisConnection,
      baseline,
      prefix: 'fx4:',
      fixture: () => async (store) => {
        const draft = store.fork();
        const bad = await draft.createCustomer({
          id: baseline.customers.keyAt(0),
          name: 'D',
          primaryEmail: 'd@x.co',
          address: {},
        });
        return bad.ok ? ok(draft) : bad;
      },
      onFixtureError: (m) => errors.push(m),
    });
    expect(await fresh.get('t').countCustomers()).toBe(2);
    expect(await fresh.get('t').countCustomers()).toBe(2);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^fixture not applied: id: a customer with id .* already exists$/);
  });
});

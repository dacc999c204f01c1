import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createBaseline } from '../../../src/store/baseline.ts';
import { DomainException } from '../../../src/store/errors.ts';
import { connectRedis, type RedisConnection } from '../../../src/store/redis/connect-redis.ts';
import { claimFingerprint, fingerprintOf } from '../../../src/store/redis/fingerprint.ts';
import { createRedisTenants } from '../../../src/store/redis/redis-tenants.ts';
import { hasRedisServer, type RedisServer, startRedisServer } from '../../helpers/redis-server.ts';

const baseline = createBaseline({ seed: 3, accounts: 30, customers: 3 });
const customerId = baseline.customers.keyAt(0);

/** Polls `probe` until it holds: recovery takes real time (Redis's own), bounded here. */
async function eventually(probe: () => Promise<boolean>, ms = 5000): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < ms) {
    if (await probe().catch(() => false)) return Date.now() - start;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`did not recover within ${ms} ms`);
}

async function unavailable(work: Promise<unknown>): Promise<{ code: string; ms: number }> {
  const start = Date.now();
  try {
    await work;
  } catch (error) {
    if (error instanceof DomainException) return { code: error.error.code, ms: Date.now() - start };
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe.skipIf(!hasRedisServer())('Redis faults', () => {
  let server: RedisServer | undefined;
  let connection: RedisConnection | undefined;
  afterEach(async () => {
    await connection?.close();
    await server?.dispose();
    connection = undefined;
    server = undefined;
  });

  const start = async (appendonly = false) => {
    server = await startRedisServer({ appendonly });
    const connected = await connectRedis(server.url, { commandTimeoutMs: 500 });
    if (!connected.ok) throw new Error(connected.error);
    connection = connected.value;
    return { server, tenants: createRedisTenants({ port: connection, baseline }) };
  };

  it('refuses to start on an unreachable Redis, quickly and with a clear message', async () => {
    const begun = Date.now();
    const connected = await connectRedis('redis://127.0.0.1:1', { connectTimeoutMs: 500 });
    expect(connected.ok).toBe(false);
    if (!connected.ok) expect(connected.error).toMatch(/^redis: cannot reach redis:\/\/127\.0\.0\.1:1/);
    expect(Date.now() - begun).toBeLessThan(2000);
  });

  it('answers SERVICE_UNAVAILABLE within the timeout while Redis hangs, and heals when it returns', async () => {
    const { server, tenants } = await start();
    const store = tenants.get('t');
    await store.createAccount({ id: 'KEPT', name: 'k', customerId });
    server.pause();
    const hung = await unavailable(store.getAccount('KEPT'));
    expect(hung.code).toBe('SERVICE_UNAVAILABLE');
    expect(hung.ms).toBeLessThan(2000);
    const listing = await unavailable(store.listAccounts({ order: 'ASC', limit: 5 }));
    expect(listing.code).toBe('SERVICE_UNAVAILABLE');
    server.resume();
    await eventually(async () => (await store.getAccount('KEPT')).ok);
  });

  it('answers at once while Redis is down, and heals when it is back', async () => {
    const { server, tenants } = await start(true);
    const store = tenants.get('t');
    expect((await store.createAccount({ id: 'ACKED', name: 'a', customerId })).ok).toBe(true);
    await server.kill();
    const down = await unavailable(store.createAccount({ id: 'LOST', name: 'l', customerId }));
    expect(down.code).toBe('SERVICE_UNAVAILABLE');
    expect(down.ms).toBeLessThan(2000);
    await server.restart();
    await eventually(async () => (await store.getAccount('ACKED')).ok);
    // Killed with SIGKILL: the acknowledged write survived through the append-only file.
    const acked = await store.getAccount('ACKED');
    expect(acked.ok && acked.value.name).toBe('a');
  });

  it('keeps keys free of the token, namespaced per tenant with a hash tag, with an idle expiry', async () => {
    const { server } = await start();
    const tenants = createRedisTenants({ port: connection as RedisConnection, baseline, idleMs: 60_000 });
    const token = 'secret-token-that-must-not-leak';
    await tenants.get(token).createAccount({ id: 'X1', name: 'x', customerId, aliases: ['alias-1'] });
    await tenants.get(token).deleteAccount(baseline.accountIdOf(0));
    const inspect = new Redis(server.url);
    try {
      const keys = await inspect.keys('*');
      expect(keys.join(' ')).not.toContain(token);
      const tenantKeys = keys.filter((key) => key.includes('{t:'));
      expect(tenantKeys.length).toBeGreaterThan(3);
      for (const key of tenantKeys) {
        expect(key).toMatch(/^togai:\{t:[0-9a-f]{32}\}:[a-z]+$/);
        const ttl = await inspect.pttl(key);
        expect(ttl).toBeGreaterThan(50_000);
        expect(ttl).toBeLessThanOrEqual(60_000);
      }
      expect(await tenants.size()).toBe(1);
      expect((await tenants.stored()).items).toBe(3);
      await tenants.reset(token);
      expect((await inspect.keys('*{t:*')).length).toBe(0);
      expect(await tenants.stored()).toEqual({ items: 0, bytes: 0 });
      expect(await tenants.get(token).countAccounts()).toBe(30);
    } finally {
      inspect.disconnect();
    }
  });

  it('frees the budget of a tenant Redis expired for idleness', async () => {
    await start();
    const tenants = createRedisTenants({
      port: connection as RedisConnection,
      baseline,
      idleMs: 30,
      maxStoredItems: 2,
    });
    expect(
      (await tenants.get('idle').createAccount({ id: 'I1', name: 'i', customerId, aliases: ['abc'] })).ok,
    ).toBe(true);
    expect((await tenants.get('busy').createAccount({ id: 'B1', name: 'b', customerId })).ok).toBe(false);
    // Redis's own clock expires the keys (it cannot be injected); the wait is bounded.
    await eventually(
      async () => (await tenants.get('busy').createAccount({ id: 'B1', name: 'b', customerId })).ok,
    );
    expect(await tenants.get('idle').countAccounts()).toBe(30);
  });

  it('refuses a Redis that holds another data set', async () => {
    await start();
    const port = connection as RedisConnection;
    const identity = { spec: 'spec', seed: 1, accounts: 10, customers: 2, maxAccounts: 20, maxCustomers: 5 };
    expect(await claimFingerprint(port, 'fp', fingerprintOf(identity))).toEqual({
      ok: true,
      value: 'recorded',
    });
    expect(await claimFingerprint(port, 'fp', fingerprintOf(identity))).toEqual({
      ok: true,
      value: 'matched',
    });
    const other = await claimFingerprint(port, 'fp', fingerprintOf({ ...identity, seed: 2 }));
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.error).toContain('another data set (seed=1');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountStore } from '../../../src/store/account-store.ts';
import { createBaseline } from '../../../src/store/baseline.ts';
import { connectRedis, type RedisConnection } from '../../../src/store/redis/connect-redis.ts';
import type { RedisPort } from '../../../src/store/redis/redis-port.ts';
import { createRedisTenants } from '../../../src/store/redis/redis-tenants.ts';
import { hasRedisServer, type RedisServer, startRedisServer } from '../../helpers/redis-server.ts';

const baseline = createBaseline({ seed: 21, accounts: 2000, customers: 5 });
const customerId = baseline.customers.keyAt(1);

/** A port that counts the scripts it runs: the cost model of a page is round trips. */
function counting(port: RedisPort) {
  const calls = new Map<string, number>();
  const counted: RedisPort = {
    ...port,
    run: (script, keys, args) => {
      calls.set(script, (calls.get(script) ?? 0) + 1);
      return port.run(script, keys, args);
    },
  };
  return { counted, calls };
}

describe.skipIf(!hasRedisServer())('Redis store pages and drafts', () => {
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

  it('pages past a long run of deleted seeded accounts in a few round trips', async () => {
    const { counted, calls } = counting(connection);
    const tenants = createRedisTenants({ port: counted, baseline, prefix: 'runs:' });
    const store = tenants.get('t');
    const model = createAccountStore(baseline);
    const ids = Array.from({ length: 300 }, (_, i) => baseline.accounts.keyAt(100 + i));
    for (const id of ids) {
      expect((await store.deleteAccount(id)).ok).toBe(true);
      model.deleteAccount(id);
    }
    const after = baseline.accounts.keyAt(99);
    for (const order of ['ASC', 'DESC'] as const) {
      const from = order === 'ASC' ? after : baseline.accounts.keyAt(400);
      calls.clear();
      const page = await store.listAccounts({ after: from, order, limit: 3 });
      expect(page).toEqual(model.listAccounts({ after: from, order, limit: 3 }));
      // 4 markers, then 16, 64, 256, 1024: five round trips for 300 deleted items in a row.
      expect(calls.get('page')).toBe(5);
    }
    calls.clear();
    const plain = await store.listAccounts({ order: 'ASC', limit: 50 });
    expect(plain).toEqual(model.listAccounts({ order: 'ASC', limit: 50 }));
    expect(calls.get('page')).toBe(1);
  });

  it('applies an import draft whole, and a failing one not at all', async () => {
    const tenants = createRedisTenants({ port: connection, baseline, prefix: 'drafts:' });
    const draft = tenants.get('t').fork();
    await draft.clear();
    expect(
      (await draft.createCustomer({ id: 'IMP', name: 'I', primaryEmail: 'i@x.co', address: {} })).ok,
    ).toBe(true);
    expect((await draft.createAccount({ id: 'IMP_A', name: 'a', customerId: 'IMP' })).ok).toBe(true);
    // After the clear, seeded ids are free again: an export of a tenant re-imports its seeded records.
    const seeded = baseline.accounts.keyAt(0);
    expect((await draft.createAccount({ id: seeded, name: 'again', customerId: 'IMP' })).ok).toBe(true);
    expect(
      (await draft.createCustomer({ id: customerId, name: 'C', primaryEmail: 'c@x.co', address: {} })).ok,
    ).toBe(true);
    // Nothing shows before the commit.
    expect(await tenants.get('t').countAccounts()).toBe(2000);
    expect(await tenants.set('t', draft)).toEqual({ ok: true, value: true });
    expect(await tenants.get('t').countAccounts()).toBe(2);
    expect(await tenants.get('t').countCustomers()).toBe(2);
    const page = await tenants.get('t').listAccounts({ order: 'ASC', limit: 10 });
    expect(page.items.map((account) => account.id)).toEqual([seeded, 'IMP_A']);

    const failing = tenants.get('t').fork();
    expect((await failing.createAccount({ id: 'NEW', name: 'n', customerId: 'IMP' })).ok).toBe(true);
    const duplicate = await failing.createAccount({ id: 'IMP_A', name: 'n', customerId: 'IMP' });
    expect(!duplicate.ok && duplicate.error.code).toBe('DUPLICATE_ID');
    expect((await tenants.get('t').getAccount('NEW')).ok).toBe(false);
  });

  it('computes a draft again when the tenant changed before its commit', async () => {
    const tenants = createRedisTenants({ port: connection, baseline, prefix: 'replay:' });
    const draft = tenants.get('t').fork();
    expect((await draft.createAccount({ id: 'D1', name: 'd', customerId })).ok).toBe(true);
    // Another instance takes the id first: the replayed draft now fails, and applies nothing.
    expect((await tenants.get('t').createAccount({ id: 'D1', name: 'other', customerId })).ok).toBe(true);
    const committed = await tenants.set('t', draft);
    expect(!committed.ok && committed.error.code).toBe('DUPLICATE_ID');
    const kept = await tenants.get('t').getAccount('D1');
    expect(kept.ok && kept.value.name).toBe('other');

    const second = tenants.get('t').fork();
    expect((await second.createAccount({ id: 'D2', name: 'd', customerId })).ok).toBe(true);
    // The owner the draft read changes: its guard fails, and the draft is computed again and applied.
    const { counted, calls } = counting(connection);
    const watched = createRedisTenants({ port: counted, baseline, prefix: 'replay:' });
    const third = watched.get('t').fork();
    expect((await third.createAccount({ id: 'D3', name: 'd', customerId })).ok).toBe(true);
    expect((await tenants.get('t').updateCustomer(customerId, { name: 'Changed' })).ok).toBe(true);
    calls.clear();
    expect(await watched.set('t', third)).toEqual({ ok: true, value: true });
    expect(calls.get('commit')).toBe(2);
    expect(await tenants.set('t', second)).toEqual({ ok: true, value: true });
    expect((await tenants.get('t').getAccount('D2')).ok).toBe(true);
    expect((await tenants.get('t').getAccount('D3')).ok).toBe(true);
  });
});

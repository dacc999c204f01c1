import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer } from '../../src/adapters/node/create-mock-server.ts';
import { type RedisPair, startRedisPair } from '../helpers/redis-pair.ts';
import { hasRedisServer, type RedisServer, startRedisServer } from '../helpers/redis-server.ts';
import { startMock, type TestMock } from '../helpers/start-mock.ts';

interface ListBody {
  data: { id: string; customerId?: string }[];
  nextToken?: string;
}

// One token secret for every server here, so that their pages (tokens included) compare byte for byte.
const SIZES = { seed: 13, accounts: 45, customers: 3, tokenSecret: 'two-instances-test-secret' };

describe.skipIf(!hasRedisServer())('two mock instances on one Redis', () => {
  let redis: RedisServer;
  let pair: RedisPair;
  let memory: TestMock;
  let customerId: string;

  beforeAll(async () => {
    redis = await startRedisServer();
    pair = await startRedisPair(redis.url, SIZES);
    memory = await startMock(SIZES);
    customerId = ((await memory.call('GET', '/customers?pageSize=1')).body as ListBody).data[0]?.id ?? '';
  });

  afterAll(async () => {
    await pair?.close();
    await memory?.close();
    await redis?.dispose();
  });

  it('shares every write: created on one, read, changed and deleted through the other', async () => {
    const { a, b } = pair;
    const body = { id: 'SHARED_1', name: 'Shared', customerId, aliases: ['shared-alias'] };
    expect((await a.call('POST', '/accounts', { body })).status).toBe(201);
    expect((await b.call('GET', '/accounts/SHARED_1')).body).toMatchObject({
      id: 'SHARED_1',
      name: 'Shared',
    });
    expect((await b.call('POST', '/accounts', { body })).status).toBe(409);
    expect((await b.call('PATCH', '/accounts/SHARED_1', { body: { name: 'Renamed' } })).status).toBe(200);
    expect((await a.call('GET', '/accounts/SHARED_1')).body).toMatchObject({ name: 'Renamed' });
    const aliases = await a.call('GET', '/accounts/SHARED_1/account_aliases');
    expect((aliases.body as ListBody).data).toHaveLength(1);
    expect((await a.call('DELETE', '/accounts/SHARED_1')).status).toBe(200);
    expect((await b.call('GET', '/accounts/SHARED_1')).status).toBe(404);
    // Tenants stay apart across instances too.
    expect((await a.call('POST', '/accounts', { body, token: 'other' })).status).toBe(201);
    expect((await b.call('GET', '/accounts/SHARED_1')).status).toBe(404);
    expect((await b.call('GET', '/accounts/SHARED_1', { token: 'other' })).status).toBe(200);
  });

  it('walks pages switching instance every page, byte for byte like the in-memory mock', async () => {
    const walk = async (call: TestMock['call'], sortOrder: string) => {
      const pages: string[] = [];
      let url = `/accounts?pageSize=4&sortOrder=${sortOrder}`;
      for (let i = 0; i < 100; i++) {
        const res = await call('GET', url, { token: 'walker' });
        expect(res.status).toBe(200);
        pages.push(res.text);
        const next = (res.body as ListBody).nextToken;
        if (!next) return pages;
        url = `/accounts?nextToken=${encodeURIComponent(next)}`;
      }
      throw new Error('the walk did not end');
    };
    for (const order of ['ASC', 'DESC']) {
      const shared = await walk(pair.call, order);
      expect(shared).toEqual(await walk(memory.call, order));
      expect(shared.length).toBe(12);
    }
  });

  it('gives exactly one 201 to same-id creates racing across the instances', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        (i % 2 ? pair.a : pair.b).call('POST', '/accounts', {
          token: 'racer',
          body: { id: 'RACED', name: `Racer ${i}`, customerId },
        }),
      ),
    );
    expect(statuses.map((r) => r.status).sort()).toEqual([201, ...Array(11).fill(409)]);
  });

  it('resets, exports, imports and lists requests from either instance', async () => {
    const { a, b } = pair;
    const token = 'admin-user';
    expect(
      (await a.call('POST', '/accounts', { token, body: { id: 'EXP_1', name: 'Exported', customerId } }))
        .status,
    ).toBe(201);
    const exported = await b.call('GET', '/__admin/export', { token });
    expect(exported.status).toBe(200);
    const fixture = exported.body as { accounts: { id: string }[] };
    expect(fixture.accounts.map((account) => account.id)).toContain('EXP_1');
    const log = await b.call('GET', '/__admin/requests?limit=5', { token });
    expect((log.body as { data: { method: string; path: string; status: number }[] }).data).toContainEqual(
      expect.objectContaining({ method: 'POST', path: '/accounts', status: 201 }),
    );
    expect((await b.call('POST', '/__admin/reset', { token })).status).toBe(200);
    expect((await a.call('GET', '/accounts/EXP_1', { token })).status).toBe(404);
    const imported = await a.call('POST', '/__admin/import', { token, body: fixture });
    expect(imported.status).toBe(200);
    expect((await b.call('GET', '/accounts/EXP_1', { token })).status).toBe(200);
    const page = (await b.call('GET', '/accounts?pageSize=100', { token })).body as ListBody;
    expect(page.data).toHaveLength(46);
  });

  it('refuses to join a Redis holding another data set', async () => {
    await expect(
      createMockServer({ ...SIZES, seed: 14, redis: { url: redis.url, prefix: 'pair-fingerprint:' } }).then(
        async (first) => {
          await first.close();
          return createMockServer({ ...SIZES, redis: { url: redis.url, prefix: 'pair-fingerprint:' } });
        },
      ),
    ).rejects.toThrow(/this Redis holds tenants of another data set \(seed=14 accounts=45/);
  });
});

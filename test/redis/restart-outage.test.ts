import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockServer } from '../../src/adapters/node/create-mock-server.ts';
import { eventually } from '../helpers/eventually.ts';
import { type RedisPair, startRedisPair } from '../helpers/redis-pair.ts';
import { hasRedisServer, type RedisServer, startRedisServer } from '../helpers/redis-server.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin/togai-mock.mjs');
const SIZES = { seed: 4, accounts: 30, customers: 2 };

interface ListBody {
  data: { id: string }[];
  nextToken?: string;
}

describe.skipIf(!hasRedisServer())('Redis mode across restarts and outages', () => {
  let redis: RedisServer | undefined;
  let pair: RedisPair | undefined;
  afterEach(async () => {
    await pair?.close();
    await redis?.dispose();
    pair = undefined;
    redis = undefined;
  });

  it('keeps every acknowledged write when the mocks and Redis are killed and restarted', async () => {
    redis = await startRedisServer({ appendonly: true });
    const server = redis;
    pair = await startRedisPair(server.url, SIZES);
    const { prefix } = pair;
    const customer = ((await pair.call('GET', '/customers?pageSize=1')).body as ListBody).data[0]?.id;
    const created: string[] = [];
    for (let i = 0; i < 40; i++) {
      const res = await pair.call('POST', '/accounts', {
        body: { id: `KEEP_${i}`, name: 'Kept', customerId: customer },
      });
      if (res.status === 201) created.push(`KEEP_${i}`);
    }
    expect(created).toHaveLength(40);
    expect((await pair.call('DELETE', `/accounts/${created[0]}`)).status).toBe(200);
    const first = (await pair.call('GET', '/accounts?pageSize=7')).body as ListBody;
    await pair.close();
    pair = undefined;
    // SIGKILL: Redis keeps only what it had on disk (appendfsync always: every acknowledged write).
    await server.kill();
    await server.restart();
    pair = await startRedisPair(server.url, SIZES, prefix);
    for (const id of created.slice(1)) expect((await pair.call('GET', `/accounts/${id}`)).status).toBe(200);
    expect((await pair.call('GET', `/accounts/${created[0]}`)).status).toBe(404);
    // A token from before the restart continues in the same data, not in a fresh one.
    const next = await pair.call('GET', `/accounts?nextToken=${encodeURIComponent(first.nextToken ?? '')}`);
    const ids = [...first.data, ...(next.body as ListBody).data].map((account) => account.id);
    expect(ids).toEqual([...ids].sort());
    const all: string[] = [];
    let url = '/accounts?pageSize=50';
    for (let page = 0; page < 10; page++) {
      const body = (await pair.call('GET', url)).body as ListBody;
      all.push(...body.data.map((account) => account.id));
      if (!body.nextToken) break;
      url = `/accounts?nextToken=${encodeURIComponent(body.nextToken)}`;
    }
    expect(all).toHaveLength(30 + 39);
    expect(ids).toEqual(all.slice(0, 14));
  });

  it('answers 503 {message} within 2 s while Redis is down or hung, and heals by itself', async () => {
    redis = await startRedisServer();
    const server = redis;
    pair = await startRedisPair(server.url, SIZES);
    expect((await pair.call('GET', '/accounts?pageSize=2')).status).toBe(200);

    server.pause();
    for (const path of ['/accounts?pageSize=2', `/accounts/NOPE`]) {
      const started = Date.now();
      const hung = await pair.call('GET', path);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(hung.status).toBe(503);
      expect(Object.keys(hung.body as object)).toEqual(['message']);
      expect((hung.body as { message: string }).message).toMatch(/^store: Redis is unavailable/);
    }
    server.resume();
    await eventually(async () => (await pair?.a.call('GET', '/accounts?pageSize=2'))?.status === 200);
    await eventually(async () => (await pair?.b.call('GET', '/accounts?pageSize=2'))?.status === 200);

    await server.kill();
    const started = Date.now();
    const down = await pair.call('POST', '/accounts', {
      body: { id: 'DOWN', name: 'Down', customerId: 'x' },
    });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(down.status).toBe(503);
    await server.restart();
    await eventually(async () => (await pair?.a.call('GET', '/accounts?pageSize=2'))?.status === 200);
  });

  it('exits 2 with a clear message when Redis cannot be reached at start-up', () => {
    const run = spawnSync(process.execPath, [BIN, 'serve', '--port', '0', '--redis', 'redis://127.0.0.1:1'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('redis: cannot reach redis://127.0.0.1:1');
  });

  it('exits 2 when TOGAI_MOCK_REDIS names a Redis of another data set', async () => {
    redis = await startRedisServer();
    const other = await createMockServer({ ...SIZES, seed: 98, redis: redis.url });
    await other.close();
    const run = spawnSync(process.execPath, [BIN, 'serve', '--port', '0', '--seed', '97'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 20_000,
      env: { ...process.env, TOGAI_MOCK_REDIS: redis.url },
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/this Redis holds tenants of another data set \(seed=98 accounts=30/);
  });
});

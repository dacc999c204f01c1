import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.ts';
import { hasRedisServer, type RedisServer, startRedisServer } from '../helpers/redis-server.ts';
import { startMock, type TestMock } from '../helpers/start-mock.ts';

const TIMEOUT_MS = 1000;

describe.skipIf(!hasRedisServer())('a frozen Redis', () => {
  let redis: RedisServer;
  let mock: TestMock;
  beforeAll(async () => {
    redis = await startRedisServer();
    mock = await startMock({
      seed: 2,
      accounts: 10,
      customers: 1,
      redis: { url: redis.url, prefix: 'frozen:', commandTimeoutMs: TIMEOUT_MS },
    });
  });
  afterAll(async () => {
    redis.resume();
    await mock.close();
    await redis.dispose();
  });

  it('answers 503 within the time its message names, even behind commands already waiting on Redis', async () => {
    expect((await mock.call('GET', '/accounts?pageSize=1')).status).toBe(200);
    redis.pause();
    // A first request leaves commands in flight (its read, its request-log line): the next one
    // is queued behind them by the client's auto-pipelining.
    const first = mock.call('GET', '/accounts?pageSize=2');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    const second = await mock.call('GET', '/accounts?pageSize=3');
    const waited = performance.now() - started;
    expect(second.status).toBe(503);
    expect((second.body as { message: string }).message).toBe(
      `store: Redis is unavailable (no answer within ${TIMEOUT_MS} ms); try again`,
    );
    // Before the fix: about 2 × TIMEOUT_MS. The margin is for a loaded machine.
    expect(waited).toBeLessThan(TIMEOUT_MS * 1.5);
    expect((await first).status).toBe(503);
    redis.resume();
  });

  it('is not ready while Redis hangs, says so in /readyz and /metrics, and is ready again after', async () => {
    expect((await fetch(`${mock.url}/readyz`)).status).toBe(200);
    redis.pause();
    const hung = await fetch(`${mock.url}/readyz`);
    expect(hung.status).toBe(503);
    expect(await hung.json()).toMatchObject({ status: 'not ready' });
    const metrics = parsePrometheusTextFormat(await (await fetch(`${mock.url}/metrics`)).text());
    const value = (name: string) => Number(metrics.find((f) => f.name === name)?.metrics[0]?.value);
    expect(value('togai_mock_ready')).toBe(0);
    expect(value('togai_mock_redis_errors_total')).toBeGreaterThan(0);
    expect(value('togai_mock_redis_commands_total')).toBeGreaterThan(value('togai_mock_redis_errors_total'));
    redis.resume();
    await eventually(async () => (await fetch(`${mock.url}/readyz`)).status === 200);
  });
});

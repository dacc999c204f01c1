/**
 * The black-box behaviour suites, unchanged, against two mock instances on one real Redis: every
 * `startMock` in them starts a pair whose calls alternate between the instances (so state kept in
 * a process rather than in Redis fails them). Redis itself is never mocked; the helper is.
 */
import { afterAll, vi } from 'vitest';
import { startRedisPair } from '../helpers/redis-pair.ts';
import { hasRedisServer, startRedisServer } from '../helpers/redis-server.ts';

const redis = hasRedisServer() ? await startRedisServer() : undefined;

vi.mock('../helpers/start-mock.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../helpers/start-mock.ts')>();
  return {
    ...original,
    startMock: (options: Parameters<typeof original.startMock>[0]) =>
      redis ? startRedisPair(redis.url, options, undefined, original.startMock) : original.startMock(options),
  };
});

afterAll(async () => {
  await redis?.dispose();
});

if (redis) {
  await import('../mock/accounts-crud.test.ts');
  await import('../mock/pagination.test.ts');
  await import('../mock/sandbox.test.ts');
  await import('../hostile/concurrency.test.ts');
  await import('../hostile/limits.test.ts');
  await import('../hostile/bad-input.test.ts');
}

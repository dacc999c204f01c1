/**
 * The shared behaviour suites (test/cases), unchanged, against two mock instances on one real
 * Redis: each `start` gives a pair under a fresh key prefix whose calls alternate between the
 * instances, so state kept in a process rather than in Redis fails them. Redis is never mocked.
 *
 * Left out, by design (docs/scaling.md): tenant-limits (eviction and `X-Tenant-Reset` are the
 * in-memory registry's; Redis tenants expire by TTL), tokens (on Redis the token secret is shared
 * through Redis, so a restart keeps tokens valid), requests and properties (one process's
 * behaviour, already covered over HTTP and MSW).
 */
import { afterAll, describe, it } from 'vitest';
import { accountsCrudCases } from '../cases/accounts-crud.case.ts';
import type { Adapter } from '../cases/adapter.ts';
import { badInputCases } from '../cases/bad-input.case.ts';
import { concurrencyCases } from '../cases/concurrency.case.ts';
import { paginationCases } from '../cases/pagination.case.ts';
import { sandboxCases } from '../cases/sandbox.case.ts';
import { startRedisPair } from '../helpers/redis-pair.ts';
import { hasRedisServer, startRedisServer } from '../helpers/redis-server.ts';

const redis = hasRedisServer() ? await startRedisServer() : undefined;

afterAll(async () => {
  await redis?.dispose();
});

if (redis) {
  const pair: Adapter = { name: 'redis pair', start: (options = {}) => startRedisPair(redis.url, options) };
  for (const suite of [accountsCrudCases, paginationCases, sandboxCases, badInputCases, concurrencyCases]) {
    describe(`${pair.name}: ${suite.name}`, () => suite.define(pair));
  }
} else {
  describe('the shared suites on a Redis pair', () => {
    it.skip('need redis-server (apt-get install redis-server; .ci/run installs it)', () => {});
  });
}

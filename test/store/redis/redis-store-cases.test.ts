import { afterAll, beforeAll, describe, it } from 'vitest';
import { ok } from '../../../src/shared/result.ts';
import type { BaselineOptions } from '../../../src/store/baseline.ts';
import type { FixtureApplier, RedisDraft } from '../../../src/store/redis/redis-store.ts';
import { createRedisTenants } from '../../../src/store/redis/redis-tenants.ts';
import type { CreateAccountInput } from '../../../src/store/types.ts';
import { hasRedisServer, startRedisConnection } from '../../helpers/redis-server.ts';
import { describeStoreCases } from '../cases/index.ts';
import { baselineOf, type CaseTenancyOptions } from '../cases/store-runner.ts';

/**
 * The shared store suite on a real Redis (one redis-server for the file). Every store or tenants
 * a case opens lives under a key prefix of its own, so no case sees another's data, budget or
 * baseline, in any order.
 */
if (hasRedisServer()) {
  let redis: Awaited<ReturnType<typeof startRedisConnection>>;
  let opened = 0;

  beforeAll(async () => {
    redis = await startRedisConnection();
  });

  afterAll(async () => {
    await redis?.close();
  });

  /** The accounts as the server's fixture: applied to each tenant on first use, in one commit. */
  const fixtureOf =
    (accounts: readonly CreateAccountInput[]): FixtureApplier =>
    async (store) => {
      const draft = store.fork();
      for (const account of accounts) {
        const created = await draft.createAccount(account);
        if (!created.ok) return created;
      }
      return ok(draft);
    };

  const open = (baseline: BaselineOptions, { fixtureAccounts, ...options }: CaseTenancyOptions) => {
    const fixture = fixtureAccounts && fixtureOf(fixtureAccounts);
    return createRedisTenants({
      port: redis.connection,
      baseline: baselineOf(baseline),
      prefix: `case${++opened}:`,
      ...options,
      ...(fixture ? { fixture: () => fixture } : {}),
    });
  };

  describeStoreCases({
    name: 'on Redis',
    openStore: (baseline, options = {}) => open(baseline, options).get(`tenant-${opened}`),
    openTenants(baseline, options = {}) {
      const tenants = open(baseline, options);
      return {
        get: (token) => tenants.get(token),
        set: (token, draft) => tenants.set(token, draft as RedisDraft),
        reset: (token) => tenants.reset(token),
        resetAll: () => tenants.resetAll(),
        size: () => tenants.size(),
        stored: () => tenants.stored(),
      };
    },
  });
} else {
  describe('the shared store suite on Redis: skipped, redis-server is not installed (.ci/run installs it)', () => {
    it.skip('needs redis-server (apt-get install redis-server)', () => {});
  });
}

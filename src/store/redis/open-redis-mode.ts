import { bytesToHex } from '@noble/hashes/utils.js';
import { fail, ok, type Result } from '../../shared/result.ts';
import { type BaselineOptions, createBaseline } from '../baseline.ts';
import type { ItemCollectionSpec } from '../generic/item-collection.ts';
import { budgetLimitsOf, type TenancyOptions } from '../tenancy.ts';
import { connectRedis, type RedisConnectOptions } from './connect-redis.ts';
import { claimFingerprint, fingerprintOf } from './fingerprint.ts';
import { RedisRequestLog } from './redis-request-log.ts';
import type { FixtureApplier } from './redis-store.ts';
import { createRedisTenants, type RedisTenants } from './redis-tenants.ts';

export interface RedisModeOptions extends RedisConnectOptions {
  /** `redis://[user:password@]host:port[/db]` (or `rediss://` for TLS). */
  url: string;
  /** The seeded data, built here as every in-memory instance would build it. */
  baseline: BaselineOptions;
  /** The collections a description implies, beside Togai's (see item-collection.ts). */
  items?: readonly ItemCollectionSpec[];
  /** The spec text: part of the fingerprint, with the seed, sizes and budget. */
  spec: string;
  /** Prefix of every key; lets several data sets share one Redis. Default `togai:`. */
  prefix?: string;
  /** Tenancy and the budget, as in memory (part of the fingerprint). */
  tenancy?: Omit<TenancyOptions, 'evictIdleMs'>;
  requestLogSize?: number;
  /** How the request log names a tenant (the core's `tenantName`). */
  tenantName?: (token: string) => string;
  /** The server's current fixture, applied to each tenant on first use (again after a reset). */
  fixture?: () => FixtureApplier | undefined;
}

export interface RedisMode {
  readonly tenants: RedisTenants;
  readonly log: RedisRequestLog;
  readonly fingerprint: string;
  /**
   * A secret for `nextToken` signatures that every instance on this Redis shares (made once, kept
   * in Redis), so a token from one instance, or from before a restart, works on any.
   */
  readonly tokenSecret: string;
  close(): Promise<void>;
}

/**
 * The store's Redis entry: builds the same baseline the in-memory mode would, connects (a clear
 * error when Redis cannot be reached), then records or checks the data set's fingerprint (a clear
 * error when this Redis holds another data set). Either error is for the CLI to print and exit 2.
 */
export async function openRedisMode(options: RedisModeOptions): Promise<Result<RedisMode, string>> {
  const prefix = options.prefix ?? 'togai:';
  const baseline = createBaseline(options.baseline);
  let reclaim = (): void => undefined;
  const connected = await connectRedis(options.url, { ...options, onReconnect: () => reclaim() });
  if (!connected.ok) return connected;
  const port = connected.value;
  const tenants = createRedisTenants({
    port,
    baseline,
    ...(options.items ? { items: options.items } : {}),
    prefix,
    ...options.tenancy,
    ...(options.fixture !== undefined ? { fixture: options.fixture } : {}),
    onFixtureError: (message) => options.onStatus?.(message),
  });
  const fingerprint = fingerprintOf({
    spec: options.spec,
    seed: baseline.seed,
    accounts: baseline.accountCount,
    customers: baseline.customerCount,
    maxAccounts: baseline.maxAccounts,
    maxCustomers: baseline.maxCustomers,
    limits: budgetLimitsOf(options.tenancy ?? {}),
  });
  let tokenSecret: string;
  try {
    const claimed = await claimFingerprint(port, tenants.keySpace.fingerprintKey, fingerprint);
    if (!claimed.ok) {
      await port.close();
      return fail(claimed.error);
    }
    const mine = bytesToHex(crypto.getRandomValues(new Uint8Array(32)));
    tokenSecret = (await port.setIfAbsent(`${prefix}token-secret`, mine)) ?? mine;
  } catch (error) {
    await port.close();
    return fail(`redis: cannot check the data set's fingerprint: ${(error as Error).message}`);
  }
  // A Redis that came back empty (no persistence) forgot the fingerprint: record it again, and
  // say so loudly if another data set's instance got there first.
  reclaim = () => {
    claimFingerprint(port, tenants.keySpace.fingerprintKey, fingerprint)
      .then((claimed) => {
        if (!claimed.ok) options.onStatus?.(claimed.error);
      })
      .catch(() => undefined);
  };
  return ok({
    tenants,
    log: new RedisRequestLog(
      port,
      tenants.keySpace.logKey,
      options.requestLogSize ?? 500,
      options.tenantName,
    ),
    fingerprint,
    tokenSecret,
    close: () => port.close(),
  });
}

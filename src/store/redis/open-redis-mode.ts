import { bytesToHex } from '@noble/hashes/utils.js';
import { fail, ok, type Result } from '../../shared/result.ts';
import type { Baseline } from '../baseline.ts';
import { connectRedis, type RedisConnectOptions } from './connect-redis.ts';
import { type BaselineIdentity, claimFingerprint, fingerprintOf } from './fingerprint.ts';
import { RedisRequestLog } from './redis-request-log.ts';
import type { FixtureApplier } from './redis-store.ts';
import {
  createRedisTenants,
  limitsOf,
  type RedisTenants,
  type RedisTenantsOptions,
} from './redis-tenants.ts';

export interface RedisModeOptions extends RedisConnectOptions {
  /** `redis://[user:password@]host:port[/db]` (or `rediss://` for TLS). */
  url: string;
  baseline: Baseline;
  /** The spec text: part of the fingerprint, with the seed and sizes taken from `baseline`. */
  spec: string;
  /** Seeded sizes as configured (the fingerprint's). */
  identity: Omit<BaselineIdentity, 'spec'>;
  prefix?: string;
  /** Tenancy and the budget, as `createRedisTenants` takes them (part of the fingerprint). */
  tenancy?: Omit<RedisTenantsOptions, 'port' | 'baseline' | 'prefix' | 'fixture' | 'onFixtureError'>;
  requestLogSize?: number;
  /** How the request log names a tenant (the core's `tenantName`). */
  tenantName?: (token: string) => string;
  /** The server's current fixture (see `RedisTenantsOptions.fixture`). */
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
 * Start-up of the shared mode: connects (a clear error when Redis cannot be reached), then
 * records or checks the baseline's fingerprint (a clear error when this Redis holds another data
 * set). Either error is for the CLI to print and exit 2 with.
 */
export async function openRedisMode(options: RedisModeOptions): Promise<Result<RedisMode, string>> {
  const prefix = options.prefix ?? 'togai:';
  let reclaim = (): void => undefined;
  const connected = await connectRedis(options.url, { ...options, onReconnect: () => reclaim() });
  if (!connected.ok) return connected;
  const port = connected.value;
  const tenants = createRedisTenants({
    port,
    baseline: options.baseline,
    prefix,
    ...options.tenancy,
    ...(options.fixture !== undefined ? { fixture: options.fixture } : {}),
    onFixtureError: (message) => options.onStatus?.(message),
  });
  const limits = limitsOf(options.tenancy ?? {});
  const fingerprint = fingerprintOf({ spec: options.spec, ...options.identity, limits });
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

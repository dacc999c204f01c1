import { type Fixture, importFixture } from '../../core/fixtures.ts';
import { tenantName } from '../../core/request-log.ts';
import type { TenantRegistry } from '../../core/store-port.ts';
import { ok } from '../../shared/result.ts';
import type { LoadedSpec } from '../../spec/types.ts';
import { createBaseline } from '../../store/index.ts';
import { openRedisMode, type RedisMode } from '../../store/redis/open-redis-mode.ts';
import type { FixtureApplier, RedisDraft } from '../../store/redis/redis-store.ts';
import type { RedisTenants } from '../../store/redis/redis-tenants.ts';

/** `redis` of the server options: a URL, or a URL with the knobs tests and deployments turn. */
export type RedisOption =
  | string
  | {
      url: string;
      /** Prefix of every key; lets several data sets share one Redis. Default `togai:`. */
      prefix?: string;
      /** A Redis command not answered within this fails the request with 503. Default 1000 ms. */
      commandTimeoutMs?: number;
    };

export interface RedisModeSettings {
  seed: number;
  accounts: number;
  customers: number;
  maxAccounts?: number;
  maxCustomers?: number;
  shared?: boolean;
  tenantIdleMs?: number;
  maxTenants?: number;
  maxStoredItems?: number;
  maxStoredBytes?: number;
  maxTenantItems?: number;
  maxTenantBytes?: number;
  requestLogSize?: number;
}

/** The core's fixture import, as the Redis tenants apply it: a draft committed by the tenants. */
const applierOf =
  (fixture: Fixture): FixtureApplier =>
  async (store) => {
    const imported = await importFixture(store, fixture);
    return imported.ok ? ok(imported.value.store as RedisDraft) : imported;
  };

/** The tenants as the core's registry: the Redis store's methods already return Promises. */
export function registryOf(tenants: RedisTenants): TenantRegistry {
  return {
    get: (token) => tenants.get(token),
    set: (token, draft) => tenants.set(token, draft as RedisDraft),
    reset: (token) => tenants.reset(token),
    resetAll: () => tenants.resetAll(),
    size: () => tenants.size(),
    stats: async () => {
      const stored = await tenants.stored();
      return { storedItems: stored.items, storedBytes: stored.bytes };
    },
  };
}

/**
 * Opens the shared mode for a server: the same baseline the in-memory mode would build, its
 * fingerprint checked against Redis. Throws (for the CLI to exit 2) when Redis cannot be reached
 * or holds another data set.
 */
export async function openServerRedis(
  option: RedisOption,
  spec: LoadedSpec,
  settings: RedisModeSettings,
  currentFixture: () => Fixture | undefined = () => undefined,
  onCommand?: (failed: boolean) => void,
): Promise<RedisMode> {
  const { url, prefix, commandTimeoutMs } = typeof option === 'string' ? { url: option } : option;
  const maxAccounts = settings.maxAccounts ?? settings.accounts + 100_000;
  const maxCustomers = settings.maxCustomers ?? settings.customers + 10_000;
  const baseline = createBaseline({
    seed: settings.seed,
    accounts: settings.accounts,
    customers: settings.customers,
    maxAccounts,
    maxCustomers,
  });
  const opened = await openRedisMode({
    url,
    baseline,
    spec: JSON.stringify(spec.document),
    identity: {
      seed: settings.seed,
      accounts: settings.accounts,
      customers: settings.customers,
      maxAccounts,
      maxCustomers,
    },
    ...(prefix !== undefined ? { prefix } : {}),
    ...(commandTimeoutMs !== undefined ? { commandTimeoutMs } : {}),
    tenancy: {
      ...(settings.shared !== undefined ? { shared: settings.shared } : {}),
      ...(settings.tenantIdleMs !== undefined ? { idleMs: settings.tenantIdleMs } : {}),
      ...(settings.maxTenants !== undefined ? { maxTenants: settings.maxTenants } : {}),
      ...(settings.maxStoredItems !== undefined ? { maxStoredItems: settings.maxStoredItems } : {}),
      ...(settings.maxStoredBytes !== undefined ? { maxStoredBytes: settings.maxStoredBytes } : {}),
      ...(settings.maxTenantItems !== undefined ? { maxTenantItems: settings.maxTenantItems } : {}),
      ...(settings.maxTenantBytes !== undefined ? { maxTenantBytes: settings.maxTenantBytes } : {}),
    },
    ...(settings.requestLogSize !== undefined ? { requestLogSize: settings.requestLogSize } : {}),
    onStatus: (message) => console.error(`togai-mock: ${message}`),
    ...(onCommand ? { onCommand } : {}),
    tenantName,
    fixture: () => {
      const fixture = currentFixture();
      return fixture === undefined ? undefined : applierOf(fixture);
    },
  });
  if (!opened.ok) throw new Error(opened.error);
  return opened.value;
}

import { ok, type Result } from '../../shared/result.ts';
import { togaiDataSet } from '../account-store.ts';
import type { Baseline } from '../baseline.ts';
import type { BudgetLimits, Usage } from '../budget.ts';
import type { DomainError } from '../errors.ts';
import { TOGAI_OPS } from '../ops/index.ts';
import { TENANT_DEFAULTS } from '../tenants.ts';
import { applyFixtureOnce } from './apply-fixture.ts';
import { createKeySpace, type KeySpace } from './keys.ts';
import type { RedisPort } from './redis-port.ts';
import {
  createRedisStore,
  type FixtureApplier,
  orUnavailable,
  type RedisAccountStore,
  type RedisDraft,
} from './redis-store.ts';
import { reclaimArgs } from './run-op.ts';
import type { TenantContext } from './tenant-context.ts';

export interface RedisTenantsOptions {
  port: RedisPort;
  baseline: Baseline;
  /** Prefix of every key. Default `togai:`. */
  prefix?: string;
  /** One store for every token. Default false. */
  shared?: boolean;
  /** A tenant unused this long expires in Redis (keys and budget share). Default 30 min. */
  idleMs?: number;
  /**
   * The budget, as `createTenants` takes it (budget.ts; defaults in `TENANT_DEFAULTS`), held
   * across every instance. `maxTenants` only sets the guaranteed share of each tenant here:
   * Redis, not a process, bounds how many tenants exist.
   */
  maxStoredItems?: number;
  maxStoredBytes?: number;
  maxTenantItems?: number;
  maxTenantBytes?: number;
  maxTenants?: number;
  now?: () => Date;
  randomUUID?: () => string;
  /** The server's current fixture, applied to each tenant on first use (again after a reset). */
  fixture?: () => FixtureApplier | undefined;
  onFixtureError?: (message: string) => void;
}

/** Tenants on Redis: any number of instances over the same Redis and baseline see the same ones. */
export interface RedisTenants {
  readonly keySpace: KeySpace;
  get(token: string): RedisAccountStore;
  /** Applies a draft made by `get(token).fork()`, all or nothing. */
  set(token: string, draft: RedisDraft): Promise<Result<true, DomainError>>;
  reset(token: string): Promise<void>;
  resetAll(): Promise<void>;
  /** Tenants holding changes that are not yet idle past their expiry. */
  size(): Promise<number>;
  /** What all tenants hold, in budget units (after releasing what expired tenants held). */
  stored(): Promise<Usage>;
}

/**
 * Only each tenant's overlay lives in Redis; the baseline is computed in process from the seed,
 * identically by every instance (the fingerprint in Redis checks that they agree). A tenant that
 * only reads writes nothing.
 */
/** The budget's limits exactly as `createTenants` derives them from the same options. */
export function limitsOf(
  options: Pick<
    RedisTenantsOptions,
    'shared' | 'maxStoredItems' | 'maxStoredBytes' | 'maxTenantItems' | 'maxTenantBytes' | 'maxTenants'
  >,
): BudgetLimits {
  const d = TENANT_DEFAULTS;
  const shared = options.shared === true;
  const maxItems = options.maxStoredItems ?? d.maxStoredItems;
  const maxBytes = options.maxStoredBytes ?? d.maxStoredBytes;
  return {
    maxItems,
    maxBytes,
    tenantItems: options.maxTenantItems ?? (shared ? maxItems : d.maxTenantItems),
    tenantBytes: options.maxTenantBytes ?? (shared ? maxBytes : d.maxTenantBytes),
    tenants: shared ? 1 : (options.maxTenants ?? d.maxTenants),
  };
}

export function createRedisTenants(options: RedisTenantsOptions): RedisTenants {
  const { port, baseline } = options;
  const keySpace = createKeySpace(options.prefix, options.shared === true);
  const base = {
    port,
    keySpace,
    data: togaiDataSet(baseline),
    idleMs: options.idleMs ?? TENANT_DEFAULTS.idleMs,
    limits: limitsOf(options),
    now: options.now ?? (() => new Date()),
    randomUUID: options.randomUUID ?? (() => crypto.randomUUID()),
    fixture: options.fixture,
    onFixtureError: options.onFixtureError,
  };
  // Stores are cheap views (no state but their keys): a small cache saves rebuilding key names.
  const stores = new Map<string, { ctx: TenantContext; store: RedisAccountStore }>();
  const contextOf = (token: string) => {
    const tenant = keySpace.tenantOf(token);
    let entry = stores.get(tenant);
    if (entry === undefined) {
      const ctx: TenantContext = {
        ...base,
        tenant,
        keys: keySpace.keysOf(tenant),
        ensureFixture: () => applyFixtureOnce(ctx),
      };
      entry = { ctx, store: createRedisStore(ctx, TOGAI_OPS) };
      if (stores.size >= 10_000) stores.clear();
      stores.set(tenant, entry);
    }
    return entry;
  };
  return {
    keySpace,
    get: (token) => contextOf(token).store,
    async set(token, draft) {
      // A draft applied to another tenant would be a bug in the caller, not a request's fault.
      if (draft.tenant !== keySpace.tenantOf(token))
        throw new Error('store: a draft belongs to its own tenant');
      const committed = await draft.commit();
      return committed.ok ? ok(true) : committed;
    },
    reset: (token) =>
      orUnavailable(async () => {
        const { ctx } = contextOf(token);
        await port.run('reset', ctx.keys, [ctx.tenant, ...reclaimArgs(ctx).slice(1)]);
      }),
    resetAll: () =>
      orUnavailable(async () => {
        await port.run('resetAll', keySpace.globals, [keySpace.prefix]);
      }),
    size: () => orUnavailable(async () => Number(await port.run('countTenants', keySpace.globals, []))),
    stored: () =>
      orUnavailable(async () => {
        const { ctx } = contextOf('');
        const [items, bytes] = (await port.run('reclaim', ctx.keys, reclaimArgs(ctx))) as number[];
        return { items: Number(items), bytes: Number(bytes) };
      }),
  };
}

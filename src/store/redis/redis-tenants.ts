import { ok, type Result } from '../../shared/result.ts';
import { createDataSet } from '../account-store.ts';
import type { Baseline } from '../baseline.ts';
import type { Usage } from '../budget.ts';
import type { DomainError } from '../errors.ts';
import type { ItemCollectionSpec } from '../generic/item-collection.ts';
import { STORE_OPS } from '../ops/index.ts';
import { budgetLimitsOf, TENANT_DEFAULTS, type TenancyOptions } from '../tenancy.ts';
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

/** Tenancy as in memory (tenancy.ts); on Redis `idleMs` expires the tenant's keys and share. */
export interface RedisTenantsOptions extends Omit<TenancyOptions, 'evictIdleMs'> {
  port: RedisPort;
  baseline: Baseline;
  /** The collections a description implies, beside Togai's (see item-collection.ts). */
  items?: readonly ItemCollectionSpec[];
  /** Prefix of every key. Default `togai:`. */
  prefix?: string;
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
export function createRedisTenants(options: RedisTenantsOptions): RedisTenants {
  const { port, baseline } = options;
  const keySpace = createKeySpace(options.prefix, options.shared === true);
  const base = {
    port,
    keySpace,
    data: createDataSet(baseline, options.items),
    idleMs: options.idleMs ?? TENANT_DEFAULTS.idleMs,
    limits: budgetLimitsOf(options),
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
      entry = { ctx, store: createRedisStore(ctx, STORE_OPS) };
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

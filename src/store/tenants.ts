import { LRUCache } from 'lru-cache';
import { ok, type Result } from '../shared/result.ts';
import { type AccountStore, createAccountStore, createDataSet, meterOf } from './account-store.ts';
import type { Baseline } from './baseline.ts';
import { Budget, NO_USAGE, type Usage } from './budget.ts';
import type { DomainError } from './errors.ts';
import type { ItemCollectionSpec } from './generic/item-collection.ts';
import { budgetLimitsOf, TENANT_DEFAULTS, type TenancyOptions } from './tenancy.ts';
import { TenantValue } from './tenant-value.ts';
import { createVirtualStore } from './virtual-store.ts';

/** Why a tenant's data is gone without it asking: the `X-Tenant-Reset` header's values. */
export type ResetNotice = 'evicted' | 'expired';

export interface TenantsOptions extends TenancyOptions {
  baseline: Baseline;
  /** The collections a description implies, beside Togai's (see item-collection.ts). */
  items?: readonly ItemCollectionSpec[];
  /** The clock for idle expiry and for the stores' timestamps; default the real clock. */
  now?: () => Date;
  randomUUID?: () => string;
  /**
   * The store a new tenant starts from, given the baseline's (a fixture applies itself here). It
   * is never written: tenants read it until their first write, which forks it. Called per use,
   * so return the same store for the same data.
   */
  template?: (base: AccountStore) => AccountStore;
}

export interface Tenants {
  /**
   * The store of `key`. A key that never wrote gets a view of the starting data that holds
   * nothing: it takes a place (and can push out an idle tenant) only when a write succeeds.
   */
  get(key: string): AccountStore;
  /**
   * Makes `store` the store of `key` (with `shared`, the one shared store), replacing any other:
   * with `fork`, this commits a draft built off to the side in one step. A new tenant past
   * `maxTenants` takes the place of another (see `makeRoom`): it is never refused.
   */
  set(key: string, store: AccountStore): Result<true, DomainError>;
  /** Drops `key`'s changes: its next `get` starts from the baseline. */
  reset(key: string): void;
  resetAll(): void;
  /** Why `key`'s data was dropped without it asking, until it writes again or is reset. */
  resetNotice(key: string): ResetNotice | undefined;
  /**
   * What a store swapped in for `key` (an import) may hold in all, within every budget as it
   * stands: its own cap, the server's, and the fair share (budget.ts). Its current data counts as
   * freed, since the swap replaces it.
   */
  room(key: string): Usage;
  /** What `key`'s data holds now, as its budget counts it (nothing before its first write). */
  usage(key: string): Usage;
  /** Tenants holding data. */
  readonly size: number;
  /** What the tenants hold now, counted against `maxStoredItems` and `maxStoredBytes`. */
  readonly storedItems: number;
  readonly storedBytes: number;
  /** Tenants dropped without asking since start, by why. */
  readonly dropped: Readonly<Record<ResetNotice, number>>;
}

/**
 * Tenants are copy-on-write forks of one immutable baseline: creating one is O(1) and it holds
 * only what it changed, so many tenants over a million seeded accounts stay cheap. A key that only
 * reads holds no entry at all, so reads with fresh tokens can never push out a tenant with data.
 */
export function createTenants(options: TenantsOptions): Tenants {
  const { baseline, shared = false } = options;
  const d = TENANT_DEFAULTS;
  const limits = budgetLimitsOf(options);
  const maxTenants = limits.tenants;
  const idleMs = options.idleMs ?? d.idleMs;
  const evictIdleMs = options.evictIdleMs ?? d.evictIdleMs;
  const budget = new Budget(limits);
  const base = createAccountStore(createDataSet(baseline, options.items), {
    ...(options.now ? { now: options.now } : {}),
    ...(options.randomUUID ? { randomUUID: options.randomUUID } : {}),
    budget,
  });
  const templates = new WeakSet<AccountStore>();
  const template = (): AccountStore => {
    const start = options.template?.(base) ?? base;
    if (!templates.has(start)) {
      templates.add(start);
      meterOf(start)?.shareAsTemplate();
    }
    return start;
  };
  const clock = options.now;
  const nowMs = clock ? () => clock().getTime() : () => Date.now();
  // Remembered after the data is gone, so the client can be told; bounded like everything else.
  // (lru-cache allocates its index for `max` entries up front: keep it modest.)
  const notices = new LRUCache<string, ResetNotice>({
    max: Math.min(maxTenants * 10, 100_000),
    ttl: 24 * 3_600_000,
  });
  const value = new TenantValue();
  const dropped: Record<ResetNotice, number> = { evicted: 0, expired: 0 };
  const cache = new LRUCache<string, AccountStore>({
    max: maxTenants,
    ttl: idleMs,
    updateAgeOnGet: true,
    // Replaced, reset, evicted or expired: what the store held no longer counts. (lru-cache calls
    // this only when the value changes, so setting the same store again keeps it counted.)
    dispose: (store, key, reason) => {
      meterOf(store)?.detach();
      // Replaced by a new store of the same tenant (an import): it keeps its standing.
      if (reason !== 'set') value.delete(key);
      if (reason === 'expire') drop(key, 'expired');
      else if (reason === 'evict') drop(key, 'evicted');
    },
    // With an injected clock, read it every time (lru-cache otherwise caches `now` for 1 ms).
    ...(clock ? { perf: { now: nowMs }, ttlResolution: 0 } : {}),
  });
  // Idle tenants may still sit in the cache until touched; a write that finds no room frees them.
  budget.reclaim = () => cache.purgeStale();
  const keyOf = (key: string): string => (shared ? '' : key);
  function usageOf(key: string): Usage {
    const held = cache.peek(keyOf(key));
    return held ? (meterOf(held)?.forkCredit ?? NO_USAGE) : NO_USAGE;
  }
  function drop(key: string, why: ResetNotice): void {
    notices.set(key, why);
    dropped[why] += 1;
  }

  /**
   * Frees a place for a new tenant when `maxTenants` hold data: the least recently used goes if it
   * has been idle `evictIdleMs`, else the least valuable (fewest requests since its data was
   * created, least recently used among equals). A new writer is never refused: a flood of fresh
   * tokens must not lock new users out (docs/limits.md). The evicted is told on its next request.
   */
  const makeRoom = (k: string): void => {
    if (cache.has(k) || cache.size < maxTenants) return;
    cache.purgeStale();
    if (cache.size < maxTenants) return;
    const oldest = cache.rkeys().next().value as string;
    const idle = idleMs - cache.getRemainingTTL(oldest);
    const victim = idle >= evictIdleMs ? oldest : (value.leastValuable() ?? oldest);
    cache.delete(victim);
    drop(victim, 'evicted');
  };

  const install = (k: string, store: AccountStore): Result<true, DomainError> => {
    const known = cache.has(k);
    makeRoom(k);
    cache.set(k, store);
    if (!known) value.add(k);
    notices.delete(k);
    meterOf(store)?.attach(budget);
    return ok(true);
  };

  return {
    get(key) {
      const k = keyOf(key);
      const held = cache.get(k);
      if (held !== undefined) {
        value.touch(k);
        return held;
      }
      return createVirtualStore({
        start: template(),
        install: (store) => install(k, store),
        live: () => cache.get(k),
      });
    },
    set: (key, store) => install(keyOf(key), store),
    reset(key) {
      cache.delete(keyOf(key));
      notices.delete(keyOf(key));
    },
    resetAll() {
      cache.clear();
      notices.clear();
      value.clear();
    },
    resetNotice(key) {
      const k = keyOf(key);
      if (cache.has(k)) return undefined;
      // An entry past its idle time stays in the cache until something touches it: drop it now
      // (its disposal records 'expired'), so the very first answer after the expiry says so.
      cache.get(k);
      return notices.get(k);
    },
    room(key) {
      budget.reclaim?.();
      const counted = usageOf(key);
      const roomIn = (unit: keyof Usage): number => {
        const own = budget.limits[unit === 'items' ? 'tenantItems' : 'tenantBytes'];
        const server = budget.max(unit) - budget.used[unit] + counted[unit];
        const shared = budget.sharedRoom[unit] - budget.extra[unit] + budget.extraOf(counted, unit);
        return Math.max(0, Math.min(own, server, budget.guaranteed[unit] + Math.max(0, shared)));
      };
      return { items: roomIn('items'), bytes: roomIn('bytes') };
    },
    usage: (key) => ({ ...usageOf(key) }),
    get size() {
      cache.purgeStale();
      return cache.size;
    },
    get storedItems() {
      return budget.used.items;
    },
    get storedBytes() {
      return budget.used.bytes;
    },
    dropped,
  };
}

export { TENANT_DEFAULTS } from './tenancy.ts';

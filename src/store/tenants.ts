import { LRUCache } from 'lru-cache';
import { createAccountStore, meterOf } from './account-store.ts';
import type { Baseline } from './baseline.ts';
import type { Budget } from './budget.ts';
import type { AccountStore } from './types.ts';

export interface TenantsOptions {
  baseline: Baseline;
  /** Most tenants kept at once; the least recently used one is dropped first. Default 1000. */
  maxTenants?: number;
  /** A tenant unused this long is dropped (and starts from the baseline again). Default 30 min. */
  idleMs?: number;
  /** One store for every key (a single shared sandbox). Default false. */
  shared?: boolean;
  /** The clock for idle expiry and for the stores' timestamps; default the real clock. */
  now?: () => Date;
  randomUUID?: () => string;
  /**
   * Items all tenants together may add (created accounts and customers, alias records, changed
   * or deleted seeded records); past it, creates answer STORE_FULL. Default 1,000,000.
   */
  maxStoredItems?: number;
}

export interface Tenants {
  /** The store of `key`, created from the baseline on first use. */
  get(key: string): AccountStore;
  /**
   * Makes `store` the store of `key` (with `shared`, the one shared store), replacing any other:
   * with `fork`, this commits a draft built off to the side in one step.
   */
  set(key: string, store: AccountStore): void;
  /** Drops `key`'s changes: its next `get` starts from the baseline. */
  reset(key: string): void;
  resetAll(): void;
  readonly size: number;
  /** Items the tenants hold now, counted against `maxStoredItems`. */
  readonly storedItems: number;
}

/**
 * Tenants are copy-on-write forks of one immutable baseline: creating one is O(1) and it holds
 * only what it changed, so many tenants over a million seeded accounts stay cheap. Evicting or
 * resetting one drops only its own overlay.
 */
export function createTenants(options: TenantsOptions): Tenants {
  const { baseline, shared = false } = options;
  const storeOptions = {
    ...(options.now ? { now: options.now } : {}),
    ...(options.randomUUID ? { randomUUID: options.randomUUID } : {}),
  };
  const clock = options.now;
  const budget: Budget = { max: options.maxStoredItems ?? 1_000_000, used: 0 };
  const cache = new LRUCache<string, AccountStore>({
    max: options.maxTenants ?? 1000,
    ttl: options.idleMs ?? 30 * 60_000,
    updateAgeOnGet: true,
    // Replaced, reset, evicted or expired: what the store held no longer counts. (lru-cache calls
    // this only when the value changes, so setting the same store again keeps it counted.)
    dispose: (store) => meterOf(store)?.detach(),
    // With an injected clock, read it every time (lru-cache otherwise caches `now` for 1 ms).
    ...(clock ? { perf: { now: () => clock().getTime() }, ttlResolution: 0 } : {}),
  });
  // Idle tenants may still sit in the cache until touched; a write that finds no room frees them.
  budget.reclaim = () => cache.purgeStale();
  const keyOf = (key: string): string => (shared ? '' : key);
  const install = (k: string, store: AccountStore): void => {
    cache.set(k, store);
    meterOf(store)?.attach(budget);
  };
  return {
    get(key) {
      const k = keyOf(key);
      let store = cache.get(k);
      if (store === undefined) {
        store = createAccountStore(baseline, storeOptions);
        install(k, store);
      }
      return store;
    },
    set(key, store) {
      install(keyOf(key), store);
    },
    reset(key) {
      cache.delete(keyOf(key));
    },
    resetAll() {
      cache.clear();
    },
    get size() {
      cache.purgeStale();
      return cache.size;
    },
    get storedItems() {
      return budget.used;
    },
  };
}

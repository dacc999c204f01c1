import type { Result } from '../shared/result.ts';
import type { AccountStore } from '../store/account-store.ts';
import type { Usage } from '../store/budget.ts';
import type { Tenants } from '../store/index.ts';
import type { RedisDraft, RedisTenants } from '../store/redis/index.ts';
import type { ApiError } from './errors.ts';
import type { MaybePromise } from './types.ts';

type Asyncable<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => MaybePromise<R> : T[K];
};

/**
 * The store as the core uses it: the in-memory `AccountStore` answers synchronously, a shared
 * (Redis) store may answer with Promises. Handlers accept both and pay for a Promise only when
 * one is returned.
 */
export type StorePort = DraftPort & {
  /** A draft to build a multi-step change on, swapped in whole by `TenantRegistry.set`. */
  fork(): MaybePromise<DraftPort>;
};

/** A store's draft: everything but another fork. */
export type DraftPort = Asyncable<Omit<AccountStore, 'fork'>>;

export interface TenantStats {
  storedItems?: number;
  storedBytes?: number;
  evicted?: number;
  expired?: number;
}

/** The tenants as the core uses them: one store per bearer token (one for all when shared). */
export interface TenantRegistry {
  get(key: string): StorePort;
  /** Makes a draft `key`'s store, all or nothing; a registry with limits may refuse. */
  set(key: string, draft: DraftPort): MaybePromise<undefined | Result<true, ApiError>>;
  reset(key: string): MaybePromise<void>;
  resetAll(): MaybePromise<void>;
  /** Tenants held now. */
  size(): MaybePromise<number>;
  /**
   * What a draft swapped in for `key` may hold in all (its current data counted as freed): an
   * import larger than this cannot fit, and is refused before it is parsed. Absent: unknown.
   */
  room?(key: string): MaybePromise<Usage>;
  /** What `key`'s data holds now, as its budget counts it; absent: unknown. */
  usage?(key: string): MaybePromise<Usage>;
  /** What the tenants hold in all, and how many were dropped without asking; absent: unknown. */
  stats?(): MaybePromise<TenantStats>;
  /** Why `key`'s data was dropped without it asking (evicted, expired), once; sent as `X-Tenant-Reset`. */
  resetNotice?(key: string): string | undefined;
}

/** The in-memory tenants (`createTenants`) as the core's registry. */
export function fromMemoryTenants(tenants: Tenants): TenantRegistry {
  return {
    get: (key) => tenants.get(key),
    set: (key, draft) => tenants.set(key, draft as AccountStore),
    reset: (key) => tenants.reset(key),
    resetAll: () => tenants.resetAll(),
    size: () => tenants.size,
    room: (key) => tenants.room(key),
    usage: (key) => tenants.usage(key),
    stats: () => ({
      storedItems: tenants.storedItems,
      storedBytes: tenants.storedBytes,
      ...tenants.dropped,
    }),
    resetNotice: (key) => tenants.resetNotice(key),
  };
}

/** The Redis tenants (the store's Redis entry) as the core's registry: their methods answer with Promises. */
export function fromRedisTenants(tenants: RedisTenants): TenantRegistry {
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

const isPromise = <T>(value: MaybePromise<T>): value is Promise<T> =>
  typeof (value as { then?: unknown } | null)?.then === 'function';

/** `fn(value)` now when `value` is plain, after it resolves when it is a Promise: no tick for the in-memory store. */
export function andThen<T, U>(value: MaybePromise<T>, fn: (value: T) => MaybePromise<U>): MaybePromise<U> {
  return isPromise(value) ? value.then(fn) : fn(value);
}

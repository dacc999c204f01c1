import type { AccountStore } from '../store/types.ts';
import type { MaybePromise } from './types.ts';

type Asyncable<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => MaybePromise<R> : T[K];
};

/**
 * The store as the core uses it: the in-memory `AccountStore` answers synchronously, a shared
 * (Redis) store may answer with Promises. Handlers accept both and pay for a Promise only when
 * one is returned.
 */
export type StorePort = Asyncable<Omit<AccountStore, 'fork'>> & {
  fork(): MaybePromise<StorePort>;
};

/** The tenants as the core uses them: one store per bearer token (one for all when shared). */
export interface TenantRegistry {
  get(key: string): StorePort;
  /** Makes `store` the store of `key` (an admin import swaps a finished draft in whole). */
  set(key: string, store: StorePort): void;
  reset(key: string): void;
  resetAll(): void;
  readonly size: number;
}

const isPromise = <T>(value: MaybePromise<T>): value is Promise<T> =>
  typeof (value as { then?: unknown } | null)?.then === 'function';

/** `fn(value)` now when `value` is plain, after it resolves when it is a Promise: no tick for the in-memory store. */
export function andThen<T, U>(value: MaybePromise<T>, fn: (value: T) => MaybePromise<U>): MaybePromise<U> {
  return isPromise(value) ? value.then(fn) : fn(value);
}

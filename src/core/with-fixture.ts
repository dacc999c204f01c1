import type { Result } from '../shared/result.ts';
import type { AccountStore } from '../store/account-store.ts';
import type { FixtureApplier, RedisDraft } from '../store/redis/index.ts';
import type { ApiError } from './errors.ts';
import { type Fixture, importFixture } from './fixtures.ts';
import type { DraftPort, StorePort, TenantRegistry } from './store-port.ts';

/**
 * Tenants that get the current fixture once, when first used (again after a reset): the fixtured
 * fork replaces the fresh store. A store set explicitly (an admin import) is taken as it is.
 * Applying needs a store that answers synchronously (the in-memory one); another store gets its
 * fixture through the admin API's import.
 */
export function withFixture(
  tenants: TenantRegistry,
  currentFixture: () => Fixture | undefined,
): TenantRegistry {
  const settled = new WeakSet<DraftPort>();
  const set = (token: string, store: DraftPort) => {
    settled.add(store);
    return tenants.set(token, store);
  };
  const notice = tenants.resetNotice?.bind(tenants);
  return {
    reset: (token) => tenants.reset(token),
    resetAll: () => tenants.resetAll(),
    size: () => tenants.size(),
    ...(notice ? { resetNotice: notice } : {}),
    get(token) {
      const store = tenants.get(token);
      const fixture = currentFixture();
      if (!fixture || settled.has(store)) return store;
      settled.add(store);
      const applied = importFixture(store, fixture);
      if (applied instanceof Promise) {
        applied.catch(() => undefined);
        console.error('togai-mock: fixture not applied: the store answers asynchronously; use the import');
        return store;
      }
      if (!applied.ok) {
        console.error(`togai-mock: fixture not applied: ${applied.error.message}`);
        return store;
      }
      const installed = set(token, applied.value.store);
      if (installed instanceof Promise || (installed !== undefined && !installed.ok)) {
        console.error('togai-mock: fixture not applied: the tenants refused the fixtured store');
        return store;
      }
      // The in-memory draft is a whole store (`fork` gives one): the tenant's store from now on.
      return applied.value.store as StorePort;
    },
    set,
  };
}

/**
 * The `template` of `createTenants` for the current fixture: the baseline with the fixture applied,
 * built once per fixture (again after a reload changes it) and shared by every tenant until it
 * writes. A fixture that cannot be applied is logged once and tenants start from the baseline.
 */
export function fixtureTemplate(
  currentFixture: () => Fixture | undefined,
): (base: AccountStore) => AccountStore {
  const built = new WeakMap<Fixture, AccountStore>();
  return (base) => {
    const fixture = currentFixture();
    if (fixture === undefined) return base;
    let start = built.get(fixture);
    if (start === undefined) {
      // The in-memory store answers synchronously, so the import is a plain Result here.
      const applied = importFixture(base, fixture) as Result<{ store: DraftPort }, ApiError>;
      if (!applied.ok) console.error(`togai-mock: fixture not applied: ${applied.error.message}`);
      start = applied.ok ? (applied.value.store as AccountStore) : base;
      built.set(fixture, start);
    }
    return start;
  };
}

/** The current fixture as the Redis tenants apply it (once per tenant across every instance). */
export function redisFixtureApplier(
  currentFixture: () => Fixture | undefined,
): () => FixtureApplier | undefined {
  return () => {
    const fixture = currentFixture();
    if (fixture === undefined) return undefined;
    return async (store) => {
      const imported = await importFixture(store, fixture);
      return imported.ok ? { ok: true, value: imported.value.store as RedisDraft } : imported;
    };
  };
}

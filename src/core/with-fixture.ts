import { type Fixture, importFixture } from './fixtures.ts';
import type { StorePort, TenantRegistry } from './store-port.ts';

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
  const settled = new WeakSet<StorePort>();
  const set = (token: string, store: StorePort) => {
    settled.add(store);
    tenants.set(token, store);
  };
  return {
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
      set(token, applied.value.store);
      return applied.value.store;
    },
    set,
    reset: (token) => tenants.reset(token),
    resetAll: () => tenants.resetAll(),
    get size() {
      return tenants.size;
    },
  };
}

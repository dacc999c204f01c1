import type { Tenants } from '../store/index.ts';
import type { AccountStore } from '../store/types.ts';
import type { TenantRegistry } from './admin-routes.ts';
import { type Fixture, importFixture } from './fixtures.ts';

/**
 * Tenants that get the current fixture once, when first used (again after a reset): the fixtured
 * fork replaces the fresh store. A store set explicitly (an admin import) is taken as it is.
 */
export function withFixture(tenants: Tenants, currentFixture: () => Fixture | undefined): TenantRegistry {
  const settled = new WeakSet<AccountStore>();
  const set = (token: string, store: AccountStore) => {
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

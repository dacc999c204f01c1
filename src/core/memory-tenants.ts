import { createBaseline, createTenants } from '../store/index.ts';
import type { MockOptions } from './create-mock.ts';
import type { Fixture } from './fixtures.ts';
import { fromMemoryTenants, type TenantRegistry } from './store-port.ts';
import { fixtureTemplate } from './with-fixture.ts';

/** The default tenants: copy-on-write forks of one seeded, immutable baseline, in this process. */
export function createMemoryTenants(
  options: MockOptions,
  settings: { seed: number; accounts: number; customers: number; shared: boolean },
  currentFixture: () => Fixture | undefined,
): TenantRegistry {
  const baseline = createBaseline({
    seed: settings.seed,
    accounts: settings.accounts,
    customers: settings.customers,
    ...(options.maxAccounts !== undefined ? { maxAccounts: options.maxAccounts } : {}),
    ...(options.maxCustomers !== undefined ? { maxCustomers: options.maxCustomers } : {}),
  });
  const tenants = createTenants({
    baseline,
    shared: settings.shared,
    template: fixtureTemplate(currentFixture),
    // The mock's clock (tests inject one) also times idle tenants.
    ...(options.now
      ? {
          now: (
            (now) => () =>
              new Date(now())
          )(options.now),
        }
      : {}),
    ...(options.maxTenants !== undefined ? { maxTenants: options.maxTenants } : {}),
    ...(options.tenantIdleMs !== undefined ? { idleMs: options.tenantIdleMs } : {}),
    ...(options.tenantEvictIdleMs !== undefined ? { evictIdleMs: options.tenantEvictIdleMs } : {}),
    ...(options.maxStoredItems !== undefined ? { maxStoredItems: options.maxStoredItems } : {}),
    ...(options.maxStoredBytes !== undefined ? { maxStoredBytes: options.maxStoredBytes } : {}),
    ...(options.maxTenantItems !== undefined ? { maxTenantItems: options.maxTenantItems } : {}),
    ...(options.maxTenantBytes !== undefined ? { maxTenantBytes: options.maxTenantBytes } : {}),
  });
  return fromMemoryTenants(tenants);
}

import { createBaseline, createTenants } from '../store/index.ts';
import type { MockOptions } from './create-mock.ts';
import { fromMemoryTenants, type TenantRegistry } from './store-port.ts';

/** The default tenants: copy-on-write forks of one seeded, immutable baseline, in this process. */
export function createMemoryTenants(
  options: MockOptions,
  settings: { seed: number; accounts: number; customers: number; shared: boolean },
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
    ...(options.maxTenants !== undefined ? { maxTenants: options.maxTenants } : {}),
    ...(options.tenantIdleMs !== undefined ? { idleMs: options.tenantIdleMs } : {}),
    ...(options.maxStoredItems !== undefined ? { maxStoredItems: options.maxStoredItems } : {}),
  });
  return fromMemoryTenants(tenants);
}

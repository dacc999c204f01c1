import type { BaselineOptions } from '../store/baseline.ts';
import type { TenancyOptions } from '../store/tenancy.ts';
import type { MockOptions } from './create-mock.ts';

/** What the mock's options say of the seeded data (sizes default in `createBaseline`). */
export function baselineOptionsOf(
  options: Pick<MockOptions, 'maxAccounts' | 'maxCustomers'>,
  settings: { seed: number; accounts: number; customers: number },
): BaselineOptions {
  return {
    seed: settings.seed,
    accounts: settings.accounts,
    customers: settings.customers,
    ...(options.maxAccounts !== undefined ? { maxAccounts: options.maxAccounts } : {}),
    ...(options.maxCustomers !== undefined ? { maxCustomers: options.maxCustomers } : {}),
  };
}

/** What the mock's options say of tenancy, in the store's words (the same in memory and on Redis). */
type TenancyFields =
  | 'shared'
  | 'maxTenants'
  | 'tenantIdleMs'
  | 'tenantEvictIdleMs'
  | 'maxStoredItems'
  | 'maxStoredBytes'
  | 'maxTenantItems'
  | 'maxTenantBytes';

export function tenancyOf(options: Pick<MockOptions, TenancyFields>): TenancyOptions {
  const tenancy: TenancyOptions = { shared: options.shared === true };
  if (options.maxTenants !== undefined) tenancy.maxTenants = options.maxTenants;
  if (options.tenantIdleMs !== undefined) tenancy.idleMs = options.tenantIdleMs;
  if (options.tenantEvictIdleMs !== undefined) tenancy.evictIdleMs = options.tenantEvictIdleMs;
  if (options.maxStoredItems !== undefined) tenancy.maxStoredItems = options.maxStoredItems;
  if (options.maxStoredBytes !== undefined) tenancy.maxStoredBytes = options.maxStoredBytes;
  if (options.maxTenantItems !== undefined) tenancy.maxTenantItems = options.maxTenantItems;
  if (options.maxTenantBytes !== undefined) tenancy.maxTenantBytes = options.maxTenantBytes;
  return tenancy;
}

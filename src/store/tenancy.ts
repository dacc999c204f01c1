import type { BudgetLimits } from './budget.ts';

/** Defaults of the limits (docs/limits.md explains each). */
export const TENANT_DEFAULTS = {
  maxTenants: 1000,
  idleMs: 30 * 60_000,
  evictIdleMs: 5 * 60_000,
  maxStoredItems: 1_000_000,
  maxStoredBytes: 128 * 1024 * 1024,
  maxTenantItems: 50_000,
  maxTenantBytes: 8 * 1024 * 1024,
} as const;

/** How tenants are kept and bounded: the same options in memory and on Redis. */
export interface TenancyOptions {
  /** One store for every key (a single shared sandbox). Default false. */
  shared?: boolean;
  /**
   * Most tenants holding data at once (tenants that only read hold none). Default 1000. On Redis
   * it only sets each tenant's guaranteed share: Redis, not a process, bounds how many exist.
   */
  maxTenants?: number;
  /** A tenant unused this long is dropped (and starts from the baseline again). Default 30 min. */
  idleMs?: number;
  /**
   * When `maxTenants` tenants hold data and a new one writes, the least recently used goes first
   * if it has been idle this long; otherwise the least valuable (tenant-value.ts). Default 5 min.
   */
  evictIdleMs?: number;
  /** What all tenants together may hold, in records and in bytes of JSON (see budget.ts). */
  maxStoredItems?: number;
  maxStoredBytes?: number;
  /** What one tenant may hold. Default 50,000 items and 8 MiB (with `shared`, the server's). */
  maxTenantItems?: number;
  maxTenantBytes?: number;
}

/** The budget's limits from the tenancy options, identical wherever the tenants live. */
export function budgetLimitsOf(options: TenancyOptions): BudgetLimits {
  const d = TENANT_DEFAULTS;
  const shared = options.shared === true;
  const maxItems = options.maxStoredItems ?? d.maxStoredItems;
  const maxBytes = options.maxStoredBytes ?? d.maxStoredBytes;
  return {
    maxItems,
    maxBytes,
    tenantItems: options.maxTenantItems ?? (shared ? maxItems : d.maxTenantItems),
    tenantBytes: options.maxTenantBytes ?? (shared ? maxBytes : d.maxTenantBytes),
    tenants: shared ? 1 : (options.maxTenants ?? d.maxTenants),
  };
}

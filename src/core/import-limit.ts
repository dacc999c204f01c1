import { TENANT_DEFAULTS } from '../store/tenants.ts';
import { MAX_FIXTURE_ACCOUNTS, MAX_FIXTURE_CUSTOMERS } from './fixtures.ts';

/** The floor of the import limit, and the whole limit for the default data set. */
export const MIN_IMPORT_BYTES = 20 * 1024 * 1024;
/**
 * Upper bounds of one seeded record in an export. Measured: the largest seeded account of 200,000
 * (seeds 1 and 7) is 1,166 bytes (average 573), the largest customer 332; seeded fields are cut to
 * their schema lengths, so these hold with room to spare.
 */
const SEEDED_ACCOUNT_BYTES = 1536;
const SEEDED_CUSTOMER_BYTES = 512;
/** Commas and brackets per stored item in an export beyond its own JSON. */
const PER_ITEM_BYTES = 16;

export interface ImportLimitSettings {
  accounts: number;
  customers: number;
  shared: boolean;
  maxTenantBytes?: number;
  maxTenantItems?: number;
  maxStoredBytes?: number;
  maxStoredItems?: number;
}

/**
 * The largest body `POST /__admin/import` accepts: at least the largest export the byte budgets
 * allow, so every export imports back. An export holds the seeded data (at most the fixture item
 * caps of it), the fixture (never more than a tenant's byte budget, or it is not applied) and what
 * the tenant stored (at most its byte budget); an exported record is never longer than the JSON it
 * is stored and measured as (the export drops server-made fields and keeps aliases as strings).
 */
export function defaultMaxImportBytes(s: ImportLimitSettings): number {
  const d = TENANT_DEFAULTS;
  const storedBytes = s.maxStoredBytes ?? d.maxStoredBytes;
  const storedItems = s.maxStoredItems ?? d.maxStoredItems;
  const tenantBytes = Math.min(s.maxTenantBytes ?? (s.shared ? storedBytes : d.maxTenantBytes), storedBytes);
  const tenantItems = Math.min(s.maxTenantItems ?? (s.shared ? storedItems : d.maxTenantItems), storedItems);
  const seeded =
    Math.min(s.accounts, MAX_FIXTURE_ACCOUNTS) * SEEDED_ACCOUNT_BYTES +
    Math.min(s.customers, MAX_FIXTURE_CUSTOMERS) * SEEDED_CUSTOMER_BYTES;
  const bound = seeded + 2 * tenantBytes + tenantItems * PER_ITEM_BYTES;
  return Math.max(MIN_IMPORT_BYTES, bound);
}

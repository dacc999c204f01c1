import { TENANT_DEFAULTS } from '../store/tenants.ts';
import { MAX_FIXTURE_ACCOUNTS, MAX_FIXTURE_CUSTOMERS } from './fixtures.ts';

/** The floor of the import limit, and the whole limit for the default data set. */
export const MIN_IMPORT_BYTES = 20 * 1024 * 1024;
/** JavaScript's longest string (V8, 64-bit): a body past it cannot be decoded, let alone parsed. */
export const MAX_JS_STRING = 2 ** 29 - 24;
/**
 * Upper bounds of one seeded record in an export. Measured: the largest seeded account of 200,000
 * (seeds 1 and 7) is 1,166 bytes (average 573), the largest customer 332; seeded fields are cut to
 * their schema lengths, so these hold with room to spare.
 */
const SEEDED_ACCOUNT_BYTES = 1536;
const SEEDED_CUSTOMER_BYTES = 512;
/** Commas and brackets per stored item in an export beyond its own JSON. */
const PER_ITEM_BYTES = 16;

export interface TransferSettings {
  accounts: number;
  customers: number;
  shared: boolean;
  maxAccounts?: number;
  maxCustomers?: number;
  maxTenantBytes?: number;
  maxTenantItems?: number;
  maxStoredBytes?: number;
  maxStoredItems?: number;
  maxImportBytes?: number;
}

/** The most an export may hold and an import may take: the same numbers, so every export imports. */
export interface TransferLimits {
  accounts: number;
  customers: number;
  bytes: number;
}

/**
 * What one tenant can hold, as the limits of export and import. A tenant sees the seeded data, a
 * fixture (never more than a tenant's budgets, or it is not applied) and what it stored itself (at
 * most its budgets), and never more than `maxAccounts`/`maxCustomers`. In bytes, an exported record
 * is never longer than the JSON it is stored and measured as (the export drops server-made fields
 * and keeps aliases as strings). The byte limit can be lowered with `maxImportBytes`, and cannot
 * pass JavaScript's longest string.
 */
export function transferLimits(s: TransferSettings): TransferLimits {
  const d = TENANT_DEFAULTS;
  const storedBytes = s.maxStoredBytes ?? d.maxStoredBytes;
  const storedItems = s.maxStoredItems ?? d.maxStoredItems;
  const tenantBytes = Math.min(s.maxTenantBytes ?? (s.shared ? storedBytes : d.maxTenantBytes), storedBytes);
  const tenantItems = Math.min(s.maxTenantItems ?? (s.shared ? storedItems : d.maxTenantItems), storedItems);
  const accounts = Math.min(s.maxAccounts ?? s.accounts + 100_000, s.accounts + 2 * tenantItems);
  const customers = Math.min(s.maxCustomers ?? s.customers + 10_000, s.customers + 2 * tenantItems);
  const bound =
    Math.min(s.accounts, accounts) * SEEDED_ACCOUNT_BYTES +
    Math.min(s.customers, customers) * SEEDED_CUSTOMER_BYTES +
    2 * tenantBytes +
    2 * tenantItems * PER_ITEM_BYTES;
  return {
    accounts: Math.max(MAX_FIXTURE_ACCOUNTS, accounts),
    customers: Math.max(MAX_FIXTURE_CUSTOMERS, customers),
    bytes: s.maxImportBytes ?? Math.min(MAX_JS_STRING, Math.max(MIN_IMPORT_BYTES, bound)),
  };
}

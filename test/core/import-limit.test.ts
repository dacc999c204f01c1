import { describe, expect, it } from 'vitest';
import { MAX_JS_STRING, transferLimits } from '../../src/core/import-limit.ts';

describe('transferLimits', () => {
  it('is 20 MiB and the fixture floors for the default data set', () => {
    expect(transferLimits({ accounts: 300, customers: 8, shared: false })).toEqual({
      accounts: 100_300,
      customers: 10_008,
      bytes: 20 * 1024 * 1024,
    });
  });

  it('grows with what a tenant can hold, so an export of any tenant imports back', () => {
    const limits = transferLimits({ accounts: 300, customers: 8, shared: false, maxTenantItems: 200_000 });
    // The seeded data, a fixture and the tenant's own items, capped by maxAccounts (seeded + 100,000).
    expect(limits.accounts).toBe(100_300);
    const raised = transferLimits({
      accounts: 300,
      customers: 8,
      shared: false,
      maxTenantItems: 200_000,
      maxAccounts: 1_000_000,
    });
    expect(raised.accounts).toBe(400_300);
    const big = transferLimits({ accounts: 100_000, customers: 8, shared: false });
    expect(big.bytes).toBeGreaterThan(100_000 * 1166 + 2 * 8 * 1024 * 1024);
  });

  it('never passes the longest string JavaScript can parse, and obeys maxImportBytes', () => {
    expect(transferLimits({ accounts: 5_000_000, customers: 8, shared: true }).bytes).toBe(MAX_JS_STRING);
    expect(transferLimits({ accounts: 300, customers: 8, shared: false, maxImportBytes: 4096 }).bytes).toBe(
      4096,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { createBaseline } from '../../src/store/baseline.ts';
import { sizeOf, utf8Length } from '../../src/store/record-size.ts';

// The budget's behaviour runs on every store (test/store/cases/budget.case.ts, byte-budget.case.ts);
// what only the in-memory tenants do is in memory-only.test.ts. Here: its pure parts.

describe('the per-tenant customer cap', () => {
  it('defaults to the seeded customers plus 10,000', () => {
    const baseline = createBaseline({ seed: 3, accounts: 20, customers: 2 });
    expect(baseline.maxCustomers).toBe(10_002);
  });
});

describe('the byte budget', () => {
  it('measures a record as the UTF-8 length of its JSON, once', () => {
    expect(utf8Length('aé東😀')).toBe(1 + 2 + 3 + 4);
    expect(utf8Length('\ud800')).toBe(3);
    const record = { account: { id: 'Ü' } };
    expect(sizeOf(record)).toBe(JSON.stringify(record).length + 1);
  });
});

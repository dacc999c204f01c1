import { describe, expect, it } from 'vitest';
import { createBaseline } from '../../src/store/baseline.ts';
import { createTenants } from '../../src/store/tenants.ts';

const baseline = createBaseline({ seed: 2, accounts: 30, customers: 3 });
const customerOf = (tenants: ReturnType<typeof createTenants>, key: string): string =>
  tenants.get(key).listCustomers({ order: 'ASC', limit: 1 }).items[0]?.id as string;

// Tenants' shared behaviour runs on every store (test/store/cases/tenants.case.ts).
describe('in memory only, eviction past maxTenants, idle expiry on an injected clock, and their notices (Redis expires tenants on its own clock and keeps no maxTenants LRU)', () => {
  it('sends a tenant no reset notice while fresh tokens only read', () => {
    const tenants = createTenants({ baseline, maxTenants: 2 });
    tenants.get('a').createAccount({ id: 'KEEP', name: 'Keep me', customerId: customerOf(tenants, 'a') });
    for (let i = 0; i < 1000; i++) expect(tenants.get(`fresh-${i}`).countAccounts()).toBe(30);
    expect(tenants.resetNotice('a')).toBeUndefined();
  });

  it('admits new writers after 1,000 creates with fresh tokens, evicting those one-create tenants first', () => {
    let now = 1_000_000;
    const tenants = createTenants({ baseline, now: () => new Date(now) });
    const customerId = customerOf(tenants, 'reader');
    const write = (key: string) =>
      tenants.get(key).createAccount({ id: `IN_${key}`, name: 'Written', customerId });
    expect(write('regular').ok).toBe(true);
    for (let i = 0; i < 10; i++) tenants.get('regular').getAccount('IN_regular');
    for (let i = 0; i < 1000; i++) {
      now += 3;
      expect(write(`flood-${i}`).ok).toBe(true);
    }
    for (let i = 0; i < 20; i++) expect(write(`newcomer-${i}`).ok).toBe(true);
    expect(tenants.size).toBe(1000);
    expect(tenants.get('regular').getAccount('IN_regular').ok).toBe(true);
    expect(tenants.resetNotice('flood-0')).toBe('evicted');
    expect(tenants.resetNotice('newcomer-0')).toBeUndefined();
  });

  it('past maxTenants, evicts a tenant idle for evictIdleMs first, else the least used, and tells it', () => {
    let now = 1_000_000;
    const tenants = createTenants({
      baseline,
      maxTenants: 2,
      idleMs: 60_000,
      evictIdleMs: 10_000,
      now: () => new Date(now),
    });
    const write = (key: string) =>
      tenants
        .get(key)
        .createAccount({ id: `IN_${key}`, name: 'Written', customerId: customerOf(tenants, key) });
    expect(write('a').ok).toBe(true);
    for (let i = 0; i < 5; i++) tenants.get('a').getAccount('IN_a');
    now += 1000;
    expect(write('b').ok).toBe(true);
    now += 1000;
    // Both were used in the last 10 s: b, used once, goes rather than a, used six times.
    expect(write('c').ok).toBe(true);
    expect(tenants.resetNotice('b')).toBe('evicted');
    expect(tenants.get('b').getAccount('IN_b').ok).toBe(false);
    expect(tenants.get('a').getAccount('IN_a').ok).toBe(true);
    expect(tenants.resetNotice('a')).toBeUndefined();
    now += 11_000;
    tenants.get('c').getAccount('IN_c');
    // a is now the least recently used and idle for 11 s: it goes first, however much it was used.
    expect(write('d').ok).toBe(true);
    expect(tenants.resetNotice('a')).toBe('evicted');
    expect(tenants.get('c').getAccount('IN_c').ok).toBe(true);
    // Writing again starts a new tenant: the notice ends.
    expect(write('b').ok).toBe(true);
    expect(tenants.resetNotice('b')).toBeUndefined();
  });

  it('drops a tenant idle longer than idleMs, says so, and use refreshes it', () => {
    let now = Date.parse('2025-01-01T00:00:00Z');
    const tenants = createTenants({ baseline, idleMs: 1000, now: () => new Date(now) });
    const write = (key: string, id: string) =>
      tenants.get(key).createAccount({ id, name: 'Written', customerId: customerOf(tenants, key) });
    write('a', 'A1');
    write('b', 'B1');
    now += 600;
    expect(tenants.get('a').getAccount('A1').ok).toBe(true);
    now += 600;
    expect(tenants.get('a').getAccount('A1').ok).toBe(true);
    expect(tenants.size).toBe(1);
    expect(tenants.resetNotice('b')).toBe('expired');
    expect(tenants.get('b').getAccount('B1').ok).toBe(false);
    expect(tenants.resetNotice('a')).toBeUndefined();
  });

  it('gives no notice after a reset the tenant asked for', () => {
    const tenants = createTenants({ baseline, maxTenants: 1, evictIdleMs: 0 });
    tenants.get('a').createAccount({ id: 'A1', name: 'Written', customerId: customerOf(tenants, 'a') });
    tenants.get('b').createAccount({ id: 'B1', name: 'Written', customerId: customerOf(tenants, 'b') });
    expect(tenants.resetNotice('a')).toBe('evicted');
    tenants.reset('a');
    expect(tenants.resetNotice('a')).toBeUndefined();
  });
});

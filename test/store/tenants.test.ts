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

  it('past maxTenants, replaces only a tenant idle for evictIdleMs, and tells it on its next request', () => {
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
    now += 1000;
    expect(write('b').ok).toBe(true);
    now += 1000;
    // Both were used in the last 10 s: a third writer is refused, and nobody loses data.
    const refused = write('c');
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'SERVICE_UNAVAILABLE',
        message:
          'Authorization: the server holds the maximum of 2 tenants with data, all used in the last 10 s; retry later',
      },
    });
    expect(tenants.get('c').getAccount('IN_c').ok).toBe(false);
    expect(tenants.get('a').getAccount('IN_a').ok).toBe(true);
    now += 10_000;
    // b is now the least recently used and idle for 11 s: c takes its place.
    expect(write('c').ok).toBe(true);
    expect(tenants.resetNotice('b')).toBe('evicted');
    expect(tenants.get('b').getAccount('IN_b').ok).toBe(false);
    expect(tenants.resetNotice('b')).toBe('evicted');
    expect(tenants.resetNotice('a')).toBeUndefined();
    // Writing again starts a new tenant (once there is room): the notice ends.
    now += 20_000;
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

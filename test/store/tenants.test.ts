import { describe, expect, it } from 'vitest';
import { createBaseline } from '../../src/store/baseline.ts';
import { createTenants } from '../../src/store/tenants.ts';

const baseline = createBaseline({ seed: 2, accounts: 30, customers: 3 });
const customerOf = (tenants: ReturnType<typeof createTenants>, key: string): string =>
  tenants.get(key).listCustomers({ order: 'ASC', limit: 1 }).items[0]?.id as string;

describe('tenants', () => {
  it('keeps a write in one tenant invisible to another and to the baseline', () => {
    const tenants = createTenants({ baseline });
    const a = tenants.get('token-a');
    const seeded = a.listAccounts({ order: 'ASC', limit: 1 }).items[0]?.id as string;
    a.createAccount({ id: 'ONLY_A', name: 'Only in A', customerId: customerOf(tenants, 'token-a') });
    a.deleteAccount(seeded);
    a.updateCustomer(customerOf(tenants, 'token-a'), { name: 'Renamed in A' });
    const b = tenants.get('token-b');
    expect(b.getAccount('ONLY_A').ok).toBe(false);
    expect(b.getAccount(seeded).ok).toBe(true);
    expect(b.countAccounts()).toBe(30);
    expect(b.listCustomers({ order: 'ASC', limit: 1 }).items[0]?.name).not.toBe('Renamed in A');
    expect(baseline.accounts.size).toBe(30);
    expect(tenants.get('token-a')).toBe(a);
    expect(a.countAccounts()).toBe(30);
    expect(tenants.size).toBe(2);
  });

  it('resets one tenant to the baseline and leaves the others intact', () => {
    const tenants = createTenants({ baseline });
    tenants.get('a').createAccount({ id: 'X', name: 'In A', customerId: customerOf(tenants, 'a') });
    tenants.get('b').createAccount({ id: 'Y', name: 'In B', customerId: customerOf(tenants, 'b') });
    tenants.reset('a');
    expect(tenants.get('a').getAccount('X').ok).toBe(false);
    expect(tenants.get('b').getAccount('Y').ok).toBe(true);
    tenants.resetAll();
    expect(tenants.get('b').getAccount('Y').ok).toBe(false);
  });

  it('maps every key to one store when shared', () => {
    const tenants = createTenants({ baseline, shared: true });
    tenants.get('a').createAccount({ id: 'S', name: 'Shared', customerId: customerOf(tenants, 'a') });
    expect(tenants.get('b').getAccount('S').ok).toBe(true);
    expect(tenants.size).toBe(1);
  });

  it('evicts the least recently used tenant past maxTenants', () => {
    const tenants = createTenants({ baseline, maxTenants: 2 });
    const a = tenants.get('a');
    tenants.get('b');
    tenants.get('a');
    tenants.get('c');
    expect(tenants.size).toBe(2);
    expect(tenants.get('a')).toBe(a);
  });

  it('drops a tenant idle longer than idleMs; use refreshes it', () => {
    let now = Date.parse('2025-01-01T00:00:00Z');
    const tenants = createTenants({ baseline, idleMs: 1000, now: () => new Date(now) });
    const a = tenants.get('a');
    const b = tenants.get('b');
    now += 600;
    expect(tenants.get('a')).toBe(a);
    now += 600;
    expect(tenants.get('a')).toBe(a);
    expect(tenants.size).toBe(1);
    expect(tenants.get('b')).not.toBe(b);
  });
});

import { describe, expect, it } from 'vitest';
import { TenantValue } from '../../src/store/tenant-value.ts';

describe('TenantValue', () => {
  it('names the least recently used tenant of the fewest requests, in power-of-two tiers', () => {
    const value = new TenantValue();
    for (const key of ['a', 'b', 'c']) value.add(key);
    // b: 4 uses (tier 2), a: 2 uses (tier 1), c: 1 use (tier 0).
    for (let i = 0; i < 3; i++) value.touch('b');
    value.touch('a');
    expect(value.leastValuable()).toBe('c');
    value.touch('c');
    // a and c both in tier 1 now: a was used longer ago.
    expect(value.leastValuable()).toBe('a');
    expect(value.usesOf('b')).toBe(4);
    value.delete('a');
    expect(value.leastValuable()).toBe('c');
    value.delete('c');
    expect(value.leastValuable()).toBe('b');
    value.clear();
    expect(value.leastValuable()).toBeUndefined();
  });

  it('ignores tenants that hold no data, and starts a re-added one from its first use', () => {
    const value = new TenantValue();
    value.touch('ghost');
    expect(value.usesOf('ghost')).toBeUndefined();
    value.add('x');
    for (let i = 0; i < 10; i++) value.touch('x');
    value.add('x');
    expect(value.usesOf('x')).toBe(1);
  });
});

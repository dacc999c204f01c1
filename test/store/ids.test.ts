import { describe, expect, it } from 'vitest';
import {
  compareIds,
  mix32,
  rankOfSeededId,
  seededAccountIdFromRank,
  seededAccountIndex,
  seededAccountRank,
  unmix32,
} from '../../src/store/ids.ts';

describe('seeded ids', () => {
  it('inverts the mix, so an id leads back to its index', () => {
    for (const value of [0, 1, 42, 0x7fffffff, 0xffffffff, 123456789])
      expect(unmix32(mix32(value))).toBe(value);
    for (let index = 0; index < 1000; index++) {
      expect(seededAccountIndex(9, seededAccountRank(9, index))).toBe(index);
    }
  });

  it('sorts ids as strings exactly as their ranks, and decodes the rank back', () => {
    const ranks = Array.from({ length: 2000 }, (_, i) => seededAccountRank(5, i)).sort((a, b) => a - b);
    const ids = ranks.map((rank) => seededAccountIdFromRank(5, rank));
    expect(new Set(ids).size).toBe(2000);
    for (let i = 1; i < ids.length; i++) expect(compareIds(ids[i - 1] ?? '', ids[i] ?? '')).toBeLessThan(0);
    expect(ids.map(rankOfSeededId)).toEqual(ranks);
  });

  it('rejects strings that are not seeded ids', () => {
    expect(rankOfSeededId('ACME_ACCOUNT_1')).toBe(-1);
    expect(rankOfSeededId('a'.repeat(25))).toBe(-1);
  });

  it('compares by code point, putting astral characters after U+FFFF', () => {
    expect(compareIds('a', 'b')).toBeLessThan(0);
    expect(compareIds('ab', 'a')).toBeGreaterThan(0);
    expect(compareIds('\u{1F600}', '\uFFFD')).toBeGreaterThan(0);
    expect('\u{1F600}' < '\uFFFD').toBe(true);
  });
});

// What the store does with ids a client chooses runs on every store: test/store/cases/client-ids.case.ts.

import { describe, expect, it } from 'vitest';
import { arrayBaseList, searchFirst } from '../../src/store/base-list.ts';

describe('searchFirst', () => {
  it('finds the first index past the prefix where the predicate holds, at every boundary', () => {
    const sorted = [1, 3, 3, 5, 8];
    for (const target of [0, 1, 2, 3, 4, 5, 8, 9])
      expect(searchFirst(sorted.length, (i) => (sorted[i] ?? 0) < target)).toBe(
        sorted.findIndex((v) => v >= target) === -1 ? sorted.length : sorted.findIndex((v) => v >= target),
      );
    expect(searchFirst(0, () => true)).toBe(0);
  });
});

describe('arrayBaseList', () => {
  it('finds keys and lower bounds in code-point order', () => {
    const list = arrayBaseList(['A', 'B', 'a', 'b'], (key) => key);
    expect(list.find('a')).toBe(2);
    expect(list.find('c')).toBe(-1);
    expect(list.lowerBound('C')).toBe(2);
    expect(list.lowerBound('z')).toBe(4);
  });
});

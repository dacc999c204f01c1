import { compareIds } from './ids.ts';
import type { Page, PageQuery } from './types.ts';

/** An immutable, sorted list of the baseline's items, addressed by position. */
export interface BaseList<V> {
  readonly size: number;
  keyAt(position: number): string;
  /** May build the value on demand (lazy seeding): call it only for items that are returned. */
  valueAt(position: number): V;
  /** The first position whose key is >= `key` (code-point order). */
  lowerBound(key: string): number;
  /** The position of `key`, or -1. */
  find(key: string): number;
  /**
   * Items may belong to groups `0 .. groupCount - 1` (a seeded customer's accounts), which a
   * tenant can hide whole, without touching each item.
   */
  readonly groups?: BaseGroups;
}

export interface BaseGroups {
  readonly count: number;
  of(position: number): number;
  /** How many items the group holds. */
  sizeOf(group: number): number;
}

/**
 * The first index in `[0, length)` for which `isBefore` is false, given that it is true for a
 * prefix and false after: the one binary search behind every lookup of the sorted lists.
 */
export function searchFirst(length: number, isBefore: (index: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (isBefore(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A baseline list over a small array of items already sorted by key. */
export function arrayBaseList<V>(sorted: readonly V[], keyOf: (value: V) => string): BaseList<V> {
  const keyAt = (position: number): string => keyOf(sorted[position] as V);
  const lowerBound = (key: string): number =>
    searchFirst(sorted.length, (position) => compareIds(keyAt(position), key) < 0);
  return {
    size: sorted.length,
    keyAt,
    valueAt: (position) => sorted[position] as V,
    lowerBound,
    find(key) {
      const position = lowerBound(key);
      return position < sorted.length && keyAt(position) === key ? position : -1;
    },
  };
}

/** What `clear` leaves: nothing of the baseline. */
export const emptyBaseList = <V>(): BaseList<V> => arrayBaseList<V>([], () => '');

/** A page of a small sorted array (an account's ≤ 10 aliases), with the same cursor rules. */
export function pageArray<V>(sorted: readonly V[], keyOf: (value: V) => string, query: PageQuery): Page<V> {
  const ordered = query.order === 'ASC' ? sorted : [...sorted].reverse();
  const sign = query.order === 'ASC' ? 1 : -1;
  const { after } = query;
  const rest =
    after === undefined ? ordered : ordered.filter((item) => compareIds(keyOf(item), after) * sign > 0);
  return { items: rest.slice(0, query.limit), hasMore: rest.length > query.limit };
}

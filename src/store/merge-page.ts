import type { BaseList } from './base-list.ts';
import { compareIds } from './ids.ts';
import { type Page, type PageQuery, rangeOf } from './types.ts';

/** An overlay entry: a record (or a thunk that builds it), or null for a deleted base item. */
export type OverlayEntry<V> = readonly [id: string, value: V | (() => V) | null];

/** What one page is merged from: the tenant's view of the shared base, and its overlay. */
export interface PageSource<V> {
  readonly base: BaseList<V>;
  /** Whether the base shows at all (a cleared tenant's, or one with every group hidden, does not). */
  readonly baseVisible: boolean;
  /** Whether a base item is hidden with its group. */
  isHidden(position: number): boolean;
  /** The overlay's entries strictly after the cursor, in the page's order. */
  readonly overlay: Iterator<OverlayEntry<V>>;
  /**
   * The last id the overlay is known up to (a store that reads the overlay in slices); undefined
   * when `overlay` is complete.
   */
  readonly knownUntil?: string | undefined;
}

const resolve = <V>(value: V | (() => V)): V => (typeof value === 'function' ? (value as () => V)() : value);

/**
 * The page of `query`: the base's and the overlay's items after the cursor, merged in order, an
 * overlay entry replacing (or, when null, hiding) the base item of the same id. Items strictly
 * after `query.after`, which need not exist any more. Cost: O(log n + page size + items skipped).
 * Base values are built only for the items returned (lazy seeding). Undefined when the page
 * reaches past `knownUntil`: the caller reads a longer slice of the overlay and merges again.
 */
export function mergePage<V>(source: PageSource<V>, query: PageQuery): Page<V> | undefined {
  const { base, overlay, knownUntil } = source;
  const ascending = query.order === 'ASC';
  const step = ascending ? 1 : -1;
  const baseSize = source.baseVisible ? base.size : 0;
  const { after } = query;
  const range = query.within === undefined ? undefined : rangeOf(query.within);
  // The base positions the page may use: all, or the range's.
  const first = range === undefined ? 0 : base.lowerBound(range.low);
  const end = range === undefined ? baseSize : Math.min(base.lowerBound(range.high), baseSize);
  let position: number;
  if (after === undefined) position = ascending ? first : end - 1;
  else if (ascending) {
    position = base.lowerBound(after);
    if (position < baseSize && base.keyAt(position) === after) position++;
    position = Math.max(position, first);
  } else position = Math.min(base.lowerBound(after), end) - 1;
  const beyond = (key: string): boolean => knownUntil !== undefined && compareIds(key, knownUntil) * step > 0;
  const keyAt = (at: number): string | undefined => (at >= first && at < end ? base.keyAt(at) : undefined);
  const outside = (key: string): boolean =>
    range !== undefined && (compareIds(key, range.low) < 0 || compareIds(key, range.high) >= 0);

  // Positions stand in for base items until they are known to be returned.
  const picked: (number | V | (() => V))[] = [];
  let entry = overlay.next();
  let baseKey = keyAt(position);
  while (picked.length <= query.limit) {
    const ownKey = entry.done || outside(entry.value[0]) ? undefined : entry.value[0];
    if (baseKey === undefined && ownKey === undefined) {
      if (knownUntil !== undefined) return undefined;
      break;
    }
    const cmp = baseKey === undefined ? 1 : ownKey === undefined ? -1 : compareIds(baseKey, ownKey) * step;
    if (beyond(cmp <= 0 ? (baseKey as string) : (ownKey as string))) return undefined;
    if (cmp < 0 && !source.isHidden(position)) picked.push(position);
    if (cmp <= 0) {
      position += step;
      baseKey = keyAt(position);
    }
    if (cmp >= 0 && ownKey !== undefined && !entry.done) {
      const value = entry.value[1];
      if (value !== null) picked.push(value);
      entry = overlay.next();
    }
  }
  const hasMore = picked.length > query.limit;
  const items = picked
    .slice(0, query.limit)
    .map((item) => (typeof item === 'number' ? base.valueAt(item) : resolve(item)));
  return { items, hasMore };
}

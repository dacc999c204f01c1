import { BTree } from './btree.ts';
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
}

/** A deleted baseline item: the overlay hides it. */
const DELETED = null;

/**
 * A tenant's view: the shared baseline plus an overlay B+tree of what the tenant created, changed
 * or deleted. Forking is O(1) (a new overlay, or `clone()` of one, which is copy-on-write) and a
 * tenant's memory grows only with what it touched. Pages merge the two sorted sources from the
 * cursor key, so a page costs O(log n + page size + deletions skipped), whatever the total size.
 *
 * Why not one B+tree per tenant cloned from a baseline tree: building a 1M-key tree costs over a
 * second and ~100 MB, while the baseline list here is a sorted Uint32Array built in ~70 ms.
 */
export class LayeredIndex<V extends object> {
  #base: BaseList<V>;
  #overlay: BTree<string, V | null>;
  #size: number;

  constructor(base: BaseList<V>, overlay?: BTree<string, V | null>, size?: number) {
    this.#base = base;
    this.#overlay = overlay ?? new BTree<string, V | null>(undefined, compareIds);
    this.#size = size ?? base.size;
  }

  get size(): number {
    return this.#size;
  }

  /** An independent copy in O(1): the overlay is shared copy-on-write. */
  fork(): LayeredIndex<V> {
    return new LayeredIndex(this.#base, this.#overlay.clone(), this.#size);
  }

  /** Hides everything in O(1): an empty base and a fresh overlay, not a marker per item. */
  clear(): void {
    this.#base = emptyBaseList();
    this.#overlay = new BTree<string, V | null>(undefined, compareIds);
    this.#size = 0;
  }

  get(key: string): V | undefined {
    const own = this.#overlay.get(key);
    if (own !== undefined) return own ?? undefined;
    const position = this.#base.find(key);
    return position < 0 ? undefined : this.#base.valueAt(position);
  }

  has(key: string): boolean {
    const own = this.#overlay.get(key);
    if (own !== undefined) return own !== DELETED;
    return this.#base.find(key) >= 0;
  }

  /** The overlay's entry: a value, `null` for a deleted baseline item, undefined if untouched. */
  ownEntry(key: string): V | null | undefined {
    return this.#overlay.get(key);
  }

  set(key: string, value: V): void {
    if (!this.has(key)) this.#size++;
    this.#overlay.set(key, value);
  }

  delete(key: string): boolean {
    if (!this.has(key)) return false;
    if (this.#base.find(key) >= 0) this.#overlay.set(key, DELETED);
    else this.#overlay.delete(key);
    this.#size--;
    return true;
  }

  /** Items strictly after `query.after` in `query.order`; `after` need not exist any more. */
  page(query: PageQuery): Page<V> {
    const ascending = query.order === 'ASC';
    const base = this.#base;
    const { after } = query;
    let position: number;
    if (after === undefined) position = ascending ? 0 : base.size - 1;
    else if (ascending) {
      position = base.lowerBound(after);
      if (position < base.size && base.keyAt(position) === after) position++;
    } else position = base.lowerBound(after) - 1;
    const step = ascending ? 1 : -1;
    const own = ascending
      ? this.#overlay.entries(after)
      : this.#overlay.entriesReversed(after, undefined, after !== undefined);
    let ownNext = own.next();
    if (ascending && after !== undefined && !ownNext.done && ownNext.value[0] === after) ownNext = own.next();
    // Positions stand in for baseline items until we know they are returned (lazy seeding).
    const picked: (number | V)[] = [];
    let baseKey = position >= 0 && position < base.size ? base.keyAt(position) : undefined;
    while (picked.length <= query.limit) {
      const ownKey = ownNext.done ? undefined : ownNext.value[0];
      if (baseKey === undefined && ownKey === undefined) break;
      const cmp = baseKey === undefined ? 1 : ownKey === undefined ? -1 : compareIds(baseKey, ownKey) * step;
      if (cmp < 0) picked.push(position);
      if (cmp <= 0) {
        position += step;
        baseKey = position >= 0 && position < base.size ? base.keyAt(position) : undefined;
      }
      if (cmp >= 0 && !ownNext.done) {
        const value = ownNext.value[1];
        if (value !== DELETED) picked.push(value);
        ownNext = own.next();
      }
    }
    const hasMore = picked.length > query.limit;
    const items = picked
      .slice(0, query.limit)
      .map((item) => (typeof item === 'number' ? base.valueAt(item) : item));
    return { items, hasMore };
  }
}

/** A baseline list over a small array of items already sorted by key. */
export function arrayBaseList<V>(sorted: readonly V[], keyOf: (value: V) => string): BaseList<V> {
  const lowerBound = (key: string): number => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareIds(keyOf(sorted[mid] as V), key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return {
    size: sorted.length,
    keyAt: (position) => keyOf(sorted[position] as V),
    valueAt: (position) => sorted[position] as V,
    lowerBound,
    find(key) {
      const position = lowerBound(key);
      return position < sorted.length && keyOf(sorted[position] as V) === key ? position : -1;
    },
  };
}

/** A page of a small sorted array (an account's ≤ 10 aliases), with the same cursor rules. */
export function pageArray<V>(sorted: readonly V[], keyOf: (value: V) => string, query: PageQuery): Page<V> {
  const ordered = query.order === 'ASC' ? sorted : [...sorted].reverse();
  const sign = query.order === 'ASC' ? 1 : -1;
  const { after } = query;
  const rest =
    after === undefined ? ordered : ordered.filter((item) => compareIds(keyOf(item), after) * sign > 0);
  return { items: rest.slice(0, query.limit), hasMore: rest.length > query.limit };
}

export const emptyBaseList = <V>(): BaseList<V> => arrayBaseList<V>([], () => '');

import { LRUCache } from 'lru-cache';
import { type BaseGroups, type BaseList, searchFirst } from '../base-list.ts';
import { compareIds } from '../ids.ts';
import { deepFreeze } from '../records.ts';
import { type ItemRecord, storeKeyOf, withinParent } from './item-records.ts';

/** How a collection's seeded items are made: their keys, then (only when read) their records. */
export interface ItemSeeder {
  /** How many seeded items a parent has (`parent` is its base position; -1 for a top-level one). */
  countOf(parent: number): number;
  /** The own key of seeded item `index` of `parent`: cheap, no faker. */
  keyOf(parent: number, index: number): string;
  /** The seeded item itself, with `key` set where the item names it. */
  itemOf(parent: number, index: number, key: string, lookup: SeedLookup): ItemRecord['item'];
}

/** What a seeded item may name: its parent's key, and seeded keys of any collection (by number). */
export interface SeedLookup {
  readonly parentKey?: string;
  keyOf(collection: string, n: number): string | undefined;
}

/** What a nested collection needs of its parent's base: its size and each item's store key. */
export interface ParentBase {
  readonly size: number;
  keyAt(position: number): string;
}

const CACHE = 10_000;

/**
 * The seeded base of a top-level collection: `countOf(-1)` items, sorted by key once, built only
 * when first read (lazy per collection), each record made on first read and kept in a bounded cache.
 */
export function topLevelBase(seeder: ItemSeeder, lookup: SeedLookup): BaseList<ItemRecord> {
  let keys: { key: string; index: number }[] | undefined;
  const sorted = () => {
    keys ??= Array.from({ length: seeder.countOf(-1) }, (_, index) => ({
      key: seeder.keyOf(-1, index),
      index,
    })).sort((a, b) => compareIds(a.key, b.key));
    return keys;
  };
  const cache = new LRUCache<number, ItemRecord>({ max: CACHE });
  return listOver(
    () => sorted().length,
    (position) => sorted()[position]?.key ?? '',
    (position) => {
      const entry = sorted()[position];
      if (entry === undefined) throw new Error(`store: no seeded item at ${position}`);
      let record = cache.get(position);
      if (record === undefined) {
        record = deepFreeze({
          key: entry.key,
          item: seeder.itemOf(-1, entry.index, entry.key, lookup),
          seedIndex: position,
        });
        cache.set(position, record);
      }
      return record;
    },
  );
}

/**
 * The seeded base of a nested collection: each seeded parent's children, one range per parent
 * (their store keys share the parent's prefix). Parents are ordered by that prefix once (a typed
 * array per parent), and a child is found by a binary search over the running counts: no key of
 * a child exists in memory until it is read. The children of parent position p form group p, which
 * the parent's delete hides whole.
 */
export function nestedBase(parent: ParentBase, seeder: ItemSeeder, lookup: SeedLookup): BaseList<ItemRecord> {
  let layout: { order: Int32Array; starts: Float64Array } | undefined;
  const ready = () => {
    if (layout === undefined) {
      const prefixes = Array.from({ length: parent.size }, (_, p) => withinParent(parent.keyAt(p)));
      const order = Int32Array.from(prefixes.keys()).sort((a, b) =>
        compareIds(prefixes[a] ?? '', prefixes[b] ?? ''),
      );
      const starts = new Float64Array(parent.size + 1);
      for (let slot = 0; slot < order.length; slot++)
        starts[slot + 1] = (starts[slot] ?? 0) + seeder.countOf(order[slot] ?? 0);
      layout = { order, starts };
    }
    return layout;
  };
  const childKeys = new LRUCache<number, string[]>({ max: CACHE });
  const keysOf = (p: number): string[] => {
    let keys = childKeys.get(p);
    if (keys === undefined) {
      keys = Array.from({ length: seeder.countOf(p) }, (_, i) => seeder.keyOf(p, i)).sort(compareIds);
      childKeys.set(p, keys);
    }
    return keys;
  };
  /** The parent position and the child's rank among its siblings, of a base position. */
  const locate = (position: number): { p: number; rank: number } => {
    const { order, starts } = ready();
    const slot = searchFirst(order.length, (s) => (starts[s + 1] ?? 0) <= position);
    return { p: order[slot] ?? 0, rank: position - (starts[slot] ?? 0) };
  };
  const keyAt = (position: number): string => {
    const { p, rank } = locate(position);
    return storeKeyOf(parent.keyAt(p), keysOf(p)[rank] ?? '');
  };
  const cache = new LRUCache<number, ItemRecord>({ max: CACHE });
  return listOver(
    () => {
      const { starts } = ready();
      return starts[starts.length - 1] ?? 0;
    },
    keyAt,
    (position) => {
      let record = cache.get(position);
      if (record === undefined) {
        const { p, rank } = locate(position);
        const key = keysOf(p)[rank] ?? '';
        // Which seeded child it was: the index whose key sorts at `rank`.
        const index =
          Array.from({ length: seeder.countOf(p) }, (_, i) => i).find((i) => seeder.keyOf(p, i) === key) ?? 0;
        const parentKey = parent.keyAt(p);
        const item = seeder.itemOf(p, index, key, { parentKey, keyOf: lookup.keyOf });
        record = deepFreeze({ key, item, parent: parentKey, seedIndex: position });
        cache.set(position, record);
      }
      return record;
    },
    {
      get count() {
        return parent.size;
      },
      of: (position) => locate(position).p,
      sizeOf: (p) => seeder.countOf(p),
    },
  );
}

/** A sorted base list from its size, keys and values (searches by key, code-point order). */
function listOver<V>(
  size: () => number,
  keyAt: (position: number) => string,
  valueAt: (position: number) => V,
  groups?: BaseGroups,
): BaseList<V> {
  const lowerBound = (key: string): number => searchFirst(size(), (at) => compareIds(keyAt(at), key) < 0);
  return {
    ...(groups ? { groups } : {}),
    get size() {
      return size();
    },
    keyAt,
    valueAt,
    lowerBound,
    find(key) {
      const position = lowerBound(key);
      return position < size() && keyAt(position) === key ? position : -1;
    },
  };
}

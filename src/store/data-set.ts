import type { BaseList } from './base-list.ts';

/**
 * Who owns an item of a collection: deleting the owner takes the items it owns (one level). Items
 * created in a tenant are found through the store's owner index; seeded items through their
 * group, a pure function of the seeded owner (so a seeded customer's seeded accounts vanish as one
 * group, in O(log n), whatever their number).
 */
export interface OwnerOf<V extends object> {
  /** The owning collection. */
  readonly collection: string;
  /** The owner's id named by an item. */
  idOf(value: V): string;
  /** The base group of the items a seeded owner owns, or undefined for an owner that has none. */
  groupOf(owner: object): number | undefined;
}

/**
 * One collection of records: its seeded base (shared by every tenant, built lazily) and what its
 * records cost in the store's budget. Names are plain identifiers (no `:`), part of every key.
 */
export interface Collection<V extends object = object> {
  readonly name: string;
  readonly base: BaseList<V>;
  /** Budget items a record costs (an account with its aliases costs more than one). */
  readonly weigh: (value: V) => number;
  /** A record's key in this collection (what its owned items name as their owner). */
  readonly keyOf: (value: V) => string;
  readonly owner?: OwnerOf<V>;
  /** The most items a tenant may hold in it (creates past it answer STORE_FULL). */
  readonly cap: number;
}

/** The collections a store holds: the same on every instance (their names and bases are pure). */
export interface DataSet {
  readonly seed: number;
  readonly collections: ReadonlyMap<string, Collection>;
}

/** The collection `name`; asking for one the data set lacks is a bug in an op. */
export function collectionOf(data: DataSet, name: string): Collection {
  const collection = data.collections.get(name);
  if (collection === undefined) throw new Error(`store: no collection ${name}`);
  return collection;
}

const owned = new WeakMap<DataSet, Map<string, readonly Collection[]>>();

/** The collections whose items `name`'s items own. */
export function ownedBy(data: DataSet, name: string): readonly Collection[] {
  let byOwner = owned.get(data);
  if (byOwner === undefined) {
    byOwner = new Map();
    for (const collection of data.collections.values()) {
      const owner = collection.owner?.collection;
      if (owner !== undefined) byOwner.set(owner, [...(byOwner.get(owner) ?? []), collection]);
    }
    owned.set(data, byOwner);
  }
  return byOwner.get(name) ?? [];
}

/** The owner index's key of an item: unambiguous whatever the ids hold (the length comes first). */
export const ownerKey = (collection: string, ownerId: string, id: string): string =>
  `${collection}:${ownerId.length}:${ownerId}:${id}`;

/** The prefix of every owner-index key of `ownerId`'s items in `collection`. */
export const ownerPrefix = (collection: string, ownerId: string): string =>
  `${collection}:${ownerId.length}:${ownerId}:`;

import type { Collection } from '../data-set.ts';
import { type ItemSeeder, nestedBase, type SeedLookup, topLevelBase } from './item-base.ts';
import { type ItemRecord, storeKeyOf } from './item-records.ts';

/** A collection a description implies, as the store holds it (see item-ops.ts). */
export interface ItemCollectionSpec {
  /** The resource's name (`pets`, `accounts.purchases`): plain, no `:`. */
  readonly name: string;
  /** The collection of the items these are nested in, which must come earlier (or be Togai's). */
  readonly parent?: string;
  readonly seeder: ItemSeeder;
  /** The most items a tenant may hold in it. */
  readonly cap: number;
}

/** An item's store key (its parent's key first for a nested collection). */
export const keyOfItem = (record: object): string => {
  const { key, parent } = record as ItemRecord;
  return storeKeyOf(parent, key);
};

/**
 * The store's collections for `specs`, in order, over the collections that exist already (the
 * parent of a nested one may be any of them). A nested collection is owned by its parent: deleting
 * the parent takes its items, created ones by the owner index, seeded ones as its group (the
 * parent's position in its base).
 */
export function itemCollections(
  specs: readonly ItemCollectionSpec[],
  existing: ReadonlyMap<string, Collection>,
): Collection[] {
  const all = new Map(existing);
  const made: Collection[] = [];
  // Seeded items may name seeded items of any collection (an `accountId`): keys by number, lazily.
  // (Not a nested collection's: its keys are its parents' too.)
  const nested = new Set(specs.filter((spec) => spec.parent !== undefined).map((spec) => spec.name));
  const lookup: SeedLookup = {
    keyOf(name, n) {
      const base = nested.has(name) ? undefined : all.get(name)?.base;
      return base === undefined || base.size === 0 ? undefined : base.keyAt(n % base.size);
    },
  };
  for (const spec of specs) {
    const parent = spec.parent === undefined ? undefined : all.get(spec.parent);
    if (spec.parent !== undefined && parent === undefined)
      throw new Error(`store: ${spec.name} is nested in ${spec.parent}, which comes later or is missing`);
    const collection: Collection<ItemRecord> = {
      name: spec.name,
      base:
        parent === undefined
          ? topLevelBase(spec.seeder, lookup)
          : nestedBase(parent.base, spec.seeder, lookup),
      weigh: () => 1,
      keyOf: keyOfItem,
      cap: spec.cap,
      ...(parent === undefined
        ? {}
        : {
            owner: {
              collection: parent.name,
              idOf: (record: ItemRecord) => record.parent ?? '',
              groupOf: (owner: object) => {
                const position = parent.base.find(parent.keyOf(owner));
                return position < 0 ? undefined : position;
              },
            },
          }),
    };
    all.set(spec.name, collection as Collection);
    made.push(collection as Collection);
  }
  return made;
}

import { BTree } from '../btree.ts';
import { type Budget, Meter, type Usage } from '../budget.ts';
import type { DataSet } from '../data-set.ts';
import { LayeredIndex } from '../layered-index.ts';
import { sizeOf } from '../record-size.ts';

export interface StoreOptions {
  /** The clock for timestamps of writes; default the real clock. */
  now?: () => Date;
  /** Ids of new alias records; default `crypto.randomUUID`. */
  randomUUID?: () => string;
  /** The budget drafts forked from this store are checked against (see budget.ts). */
  budget?: Budget;
}

/** One tenant's data in this process: an index per collection over the shared base. */
export interface MemoryState {
  readonly data: DataSet;
  readonly indexes: ReadonlyMap<string, LayeredIndex<object>>;
  /**
   * Items created or changed in this tenant whose collection has an owner, keyed by `ownerKey`, so
   * deleting an owner finds them by a range scan (seeded ones are found by their group instead).
   */
  readonly owned: BTree<string, true>;
  /** This store's share of the server-wide budget. */
  readonly meter: Meter;
  readonly now: () => Date;
  readonly randomUUID: () => string;
}

type Parts = Omit<MemoryState, 'meter'>;

function withMeter(parts: Parts, budget?: Budget, credit?: Usage, shared?: Usage): MemoryState {
  const usage = (): Usage => {
    let items = 0;
    let bytes = 0;
    for (const index of parts.indexes.values()) {
      items += index.weight;
      bytes += index.bytes;
    }
    return { items, bytes };
  };
  return { ...parts, meter: new Meter(usage, budget, credit, shared) };
}

export function createState(data: DataSet, options: StoreOptions = {}): MemoryState {
  const indexes = new Map<string, LayeredIndex<object>>();
  for (const collection of data.collections.values())
    indexes.set(collection.name, new LayeredIndex(collection.base, collection.weigh, sizeOf));
  return withMeter(
    {
      data,
      indexes,
      owned: new BTree<string, true>(),
      now: options.now ?? (() => new Date()),
      randomUUID: options.randomUUID ?? (() => crypto.randomUUID()),
    },
    options.budget,
  );
}

/** An independent copy in O(1): every index is shared copy-on-write. */
export function forkState(state: MemoryState): MemoryState {
  const { meter, ...parts } = state;
  const indexes = new Map([...state.indexes].map(([name, index]) => [name, index.fork()] as const));
  return withMeter(
    { ...parts, indexes, owned: state.owned.clone() },
    meter.budget,
    meter.forkCredit,
    meter.shared,
  );
}

/** Empties the state in O(1) per collection (the meter then releases all of its usage). */
export function clearState(state: MemoryState): void {
  for (const index of state.indexes.values()) index.clear();
  state.owned.clear();
}

export function indexOf(state: MemoryState, collection: string): LayeredIndex<object> {
  const index = state.indexes.get(collection);
  if (index === undefined) throw new Error(`store: no collection ${collection}`);
  return index;
}

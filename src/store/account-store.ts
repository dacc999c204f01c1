import type { Baseline } from './baseline.ts';
import type { DataSet } from './data-set.ts';
import { type ItemCollectionSpec, itemCollections } from './generic/item-collection.ts';
import type { StoreOptions } from './memory/memory-state.ts';
import { createMemoryStore, type MemoryStore } from './memory/memory-store.ts';
import { STORE_OPS, type StoreOps } from './ops/index.ts';
import { ACCOUNTS, CUSTOMERS, TOGAI_COLLECTIONS } from './ops/togai-records.ts';
import type { AccountRecord, CustomerRecord } from './records.ts';

export type { StoreOptions } from './memory/memory-state.ts';
export { meterOf } from './memory/memory-store.ts';

/**
 * One tenant's view of the Togai data, in this process: every op answers at once and is atomic
 * (a call applies whole or changes nothing). Returned objects are deep-frozen records shared with
 * the store, so reads cost no copying and callers cannot mutate the store through them.
 */
export type AccountStore = MemoryStore<StoreOps>;

const dataSets = new WeakMap<Baseline, DataSet>();

/**
 * The Togai collections over a baseline: accounts (an account with its alias records costs one
 * item per record) owned by customers (a seeded customer's seeded accounts are its group).
 */
export function togaiDataSet(baseline: Baseline): DataSet {
  let data = dataSets.get(baseline);
  if (data === undefined) {
    const accounts = {
      name: ACCOUNTS,
      base: baseline.accounts,
      weigh: (record: AccountRecord) => 1 + record.aliases.length,
      keyOf: (record: AccountRecord) => record.account.id,
      owner: {
        collection: CUSTOMERS,
        idOf: (record: AccountRecord) => record.account.customerId,
        groupOf: (owner: object) => (owner as CustomerRecord).seedIndex,
      },
      cap: baseline.maxAccounts,
    };
    const customers = {
      name: CUSTOMERS,
      base: baseline.customers,
      weigh: () => 1,
      cap: baseline.maxCustomers,
    };
    data = {
      seed: baseline.seed,
      collections: new Map<string, DataSet['collections'] extends ReadonlyMap<string, infer C> ? C : never>([
        [ACCOUNTS, accounts as never],
        [CUSTOMERS, customers as never],
      ]),
    };
    if (
      [...data.collections.keys()].some((name) => !TOGAI_COLLECTIONS.has(name)) ||
      data.collections.size !== TOGAI_COLLECTIONS.size
    )
      throw new Error('store: togaiDataSet and TOGAI_COLLECTIONS must name the same collections');
    dataSets.set(baseline, data);
  }
  return data;
}

/**
 * The collections of a mock: Togai's over `baseline`, then those a description implies (`items`,
 * in order, parents first). Without items, the one Togai data set of the baseline.
 */
export function createDataSet(baseline: Baseline, items: readonly ItemCollectionSpec[] = []): DataSet {
  const togai = togaiDataSet(baseline);
  if (items.length === 0) return togai;
  const collections = new Map(togai.collections);
  for (const collection of itemCollections(items, togai.collections)) {
    if (collections.has(collection.name)) throw new Error(`store: two collections named ${collection.name}`);
    collections.set(collection.name, collection);
  }
  return { seed: togai.seed, collections };
}

/** A tenant's store over `data` (Togai's over a baseline by default): O(1) to create, it copies only what it writes. */
export function createAccountStore(data: Baseline | DataSet, options: StoreOptions = {}): AccountStore {
  return createMemoryStore('collections' in data ? data : togaiDataSet(data), STORE_OPS, options);
}

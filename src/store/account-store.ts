import type { Baseline } from './baseline.ts';
import type { DataSet } from './data-set.ts';
import type { StoreOptions } from './memory/memory-state.ts';
import { createMemoryStore, type MemoryStore } from './memory/memory-store.ts';
import { TOGAI_OPS, type TogaiOps } from './ops/index.ts';
import { ACCOUNTS, CUSTOMERS } from './ops/togai-records.ts';
import type { AccountRecord, CustomerRecord } from './records.ts';

export type { StoreOptions } from './memory/memory-state.ts';
export { meterOf } from './memory/memory-store.ts';

/**
 * One tenant's view of the Togai data, in this process: every op answers at once and is atomic
 * (a call applies whole or changes nothing). Returned objects are deep-frozen records shared with
 * the store, so reads cost no copying and callers cannot mutate the store through them.
 */
export type AccountStore = MemoryStore<TogaiOps>;

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
    dataSets.set(baseline, data);
  }
  return data;
}

/** A tenant's store over `baseline`: O(1) to create, it copies only what it writes. */
export function createAccountStore(baseline: Baseline, options: StoreOptions = {}): AccountStore {
  return createMemoryStore(togaiDataSet(baseline), TOGAI_OPS, options);
}

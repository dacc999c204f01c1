import * as accounts from './account-ops.ts';
import type { Baseline } from './baseline.ts';
import type { Meter } from './budget.ts';
import * as customers from './customer-ops.ts';
import { clearState, createState, forkState, type StoreOptions, type StoreState } from './store-state.ts';
import type { AccountStore } from './types.ts';

export type { StoreOptions } from './store-state.ts';

/** The meters of stores made here, for `Tenants` to attach and detach (not part of the API). */
const meters = new WeakMap<AccountStore, Meter>();

export const meterOf = (store: AccountStore): Meter | undefined => meters.get(store);

/**
 * A tenant's store over `baseline`: O(1) to create, it copies only what it writes. Returned
 * objects are deep-frozen records shared with the store, so reads cost no copying.
 */
export function createAccountStore(baseline: Baseline, options: StoreOptions = {}): AccountStore {
  return storeOver(createState(baseline, options));
}

function storeOver(state: StoreState): AccountStore {
  // Every write goes through here so the shared budget follows this store's usage.
  const write = <T>(result: T): T => {
    state.meter.sync();
    return result;
  };
  const store: AccountStore = {
    listAccounts: (query) => accounts.listAccounts(state, query),
    getAccount: (id) => accounts.getAccount(state, id),
    createAccount: (input) => write(accounts.createAccount(state, input)),
    updateAccount: (id, patch) => write(accounts.updateAccount(state, id, patch)),
    deleteAccount: (id) => write(accounts.deleteAccount(state, id)),
    addAliases: (id, input) => write(accounts.addAliases(state, id, input)),
    removeAliases: (id, input) => write(accounts.removeAliases(state, id, input)),
    listAccountAliases: (id, query) => accounts.listAccountAliases(state, id, query),
    listCustomers: (query) => customers.listCustomers(state, query),
    getCustomer: (id) => customers.getCustomer(state, id),
    createCustomer: (input) => write(customers.createCustomer(state, input)),
    updateCustomer: (id, patch) => write(customers.updateCustomer(state, id, patch)),
    deleteCustomer: (id) => write(customers.deleteCustomer(state, id)),
    countAccounts: () => state.accounts.size,
    countCustomers: () => state.customers.size,
    fork: () => storeOver(forkState(state)),
    clear: () => write(clearState(state)),
  };
  meters.set(store, state.meter);
  return store;
}

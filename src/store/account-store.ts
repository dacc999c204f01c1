import * as accounts from './account-ops.ts';
import type { Baseline } from './baseline.ts';
import * as customers from './customer-ops.ts';
import { clearState, createState, forkState, type StoreOptions, type StoreState } from './store-state.ts';
import type { AccountStore } from './types.ts';

export type { StoreOptions } from './store-state.ts';

/**
 * A tenant's store over `baseline`: O(1) to create, it copies only what it writes. Returned
 * objects are deep-frozen records shared with the store, so reads cost no copying.
 */
export function createAccountStore(baseline: Baseline, options: StoreOptions = {}): AccountStore {
  return storeOver(createState(baseline, options));
}

function storeOver(state: StoreState): AccountStore {
  return {
    listAccounts: (query) => accounts.listAccounts(state, query),
    getAccount: (id) => accounts.getAccount(state, id),
    createAccount: (input) => accounts.createAccount(state, input),
    updateAccount: (id, patch) => accounts.updateAccount(state, id, patch),
    deleteAccount: (id) => accounts.deleteAccount(state, id),
    addAliases: (id, input) => accounts.addAliases(state, id, input),
    removeAliases: (id, input) => accounts.removeAliases(state, id, input),
    listAccountAliases: (id, query) => accounts.listAccountAliases(state, id, query),
    listCustomers: (query) => customers.listCustomers(state, query),
    getCustomer: (id) => customers.getCustomer(state, id),
    createCustomer: (input) => customers.createCustomer(state, input),
    updateCustomer: (id, patch) => customers.updateCustomer(state, id, patch),
    deleteCustomer: (id) => customers.deleteCustomer(state, id),
    countAccounts: () => state.accounts.size,
    countCustomers: () => state.customers.size,
    fork: () => storeOver(forkState(state)),
    clear: () => clearState(state),
  };
}

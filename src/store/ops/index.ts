import { ok } from '../../shared/result.ts';
import type { AsyncApi, SyncApi, WriteOp } from '../op.ts';
import * as accounts from './account-ops.ts';
import * as customers from './customer-ops.ts';
import * as items from './item-ops.ts';
import type { TogaiRecords } from './togai-records.ts';

/** Empties the tenant, seeded data included (an import with `replace`, an admin reset of data). */
const clear: WriteOp<[], true, TogaiRecords> = {
  kind: 'write',
  budgetField: null,
  lockKey: () => '',
  run(tx) {
    tx.clear();
    return ok(true);
  },
};

/**
 * Every operation of the store (Togai's Accounts family, and the items of any collection a
 * description implies), by the name it has on a store. A store is this table bound
 * to a runner (`bindOps`): adding an op is its file and a line here, never a method per store.
 */
export const STORE_OPS = {
  listAccounts: accounts.listAccounts,
  getAccount: accounts.getAccount,
  createAccount: accounts.createAccount,
  updateAccount: accounts.updateAccount,
  deleteAccount: accounts.deleteAccount,
  addAliases: accounts.addAliases,
  removeAliases: accounts.removeAliases,
  listAccountAliases: accounts.listAccountAliases,
  countAccounts: accounts.countAccounts,
  listCustomers: customers.listCustomers,
  getCustomer: customers.getCustomer,
  createCustomer: customers.createCustomer,
  updateCustomer: customers.updateCustomer,
  deleteCustomer: customers.deleteCustomer,
  countCustomers: customers.countCustomers,
  listItems: items.listItems,
  getItem: items.getItem,
  createItem: items.createItem,
  replaceItem: items.replaceItem,
  patchItem: items.patchItem,
  deleteItem: items.deleteItem,
  newId: items.newId,
  clear,
} as const;

export type StoreOps = typeof STORE_OPS;
/** The store as the in-memory store answers: at once. */
export type StoreApi = SyncApi<StoreOps>;
/** The store as the Redis store answers: with Promises. */
export type AsyncStoreApi = AsyncApi<StoreOps>;

import { type ApiError, apiError } from '../errors.ts';
import type { Baseline } from './baseline.ts';
import { BTree } from './btree.ts';
import { LayeredIndex } from './layered-index.ts';
import type { AccountRecord, CustomerRecord } from './records.ts';

export interface StoreOptions {
  /** The clock for timestamps of writes; default the real clock. */
  now?: () => Date;
  /** Ids of new alias records; default `crypto.randomUUID`. */
  randomUUID?: () => string;
}

/** One tenant's mutable state. Every operation validates first, then mutates: no half updates. */
export interface StoreState {
  readonly baseline: Baseline;
  readonly accounts: LayeredIndex<AccountRecord>;
  readonly customers: LayeredIndex<CustomerRecord>;
  /**
   * Accounts created in this tenant, keyed `<customerId length>:<customerId>:<accountId>` (the
   * length prefix makes the key unambiguous whatever the ids contain), so deleting a customer
   * finds its accounts by a range scan. Seeded accounts are found arithmetically instead.
   */
  readonly createdByCustomer: BTree<string, true>;
  readonly now: () => Date;
  readonly randomUUID: () => string;
}

/** An independent copy in O(1): every index is shared copy-on-write. */
export function forkState(state: StoreState): StoreState {
  return {
    ...state,
    accounts: state.accounts.fork(),
    customers: state.customers.fork(),
    createdByCustomer: state.createdByCustomer.clone(),
  };
}

/** Empties the state in O(1). */
export function clearState(state: StoreState): void {
  state.accounts.clear();
  state.customers.clear();
  state.createdByCustomer.clear();
}

export function createState(baseline: Baseline, options: StoreOptions = {}): StoreState {
  return {
    baseline,
    accounts: new LayeredIndex(baseline.accounts),
    customers: new LayeredIndex(baseline.customers),
    createdByCustomer: new BTree<string, true>(),
    now: options.now ?? (() => new Date()),
    randomUUID: options.randomUUID ?? (() => crypto.randomUUID()),
  };
}

export const ownerKey = (customerId: string, accountId: string): string =>
  `${customerId.length}:${customerId}:${accountId}`;

export const accountNotFound = (id: string): ApiError =>
  apiError('ACCOUNT_NOT_FOUND', `account_id: no account with id ${id}`);

export const customerNotFound = (field: string, id: string): ApiError =>
  apiError('CUSTOMER_NOT_FOUND', `${field}: no customer with id ${id}`);

import type { StoreTx } from '../port.ts';
import type { AccountRecord, CustomerRecord } from '../records.ts';

/** The Togai Accounts family's collections and what each holds. */
export type TogaiRecords = {
  readonly accounts: AccountRecord;
  readonly customers: CustomerRecord;
};

export const ACCOUNTS = 'accounts';
export const CUSTOMERS = 'customers';

/**
 * Every collection of Togai's data set (account-store.ts `togaiDataSet` checks it holds exactly
 * these): a description's own resources of these names are Togai's, never a second collection.
 */
export const TOGAI_COLLECTIONS: ReadonlySet<string> = new Set([ACCOUNTS, CUSTOMERS]);

/** The port as the Togai ops use it. */
export type TogaiTx = StoreTx<TogaiRecords>;

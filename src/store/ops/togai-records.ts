import type { StoreTx } from '../port.ts';
import type { AccountRecord, CustomerRecord } from '../records.ts';

/** The Togai Accounts family's collections and what each holds. */
export type TogaiRecords = {
  readonly accounts: AccountRecord;
  readonly customers: CustomerRecord;
};

export const ACCOUNTS = 'accounts';
export const CUSTOMERS = 'customers';

/** The port as the Togai ops use it. */
export type TogaiTx = StoreTx<TogaiRecords>;

import type { Baseline } from './baseline.ts';
import { BTree } from './btree.ts';
import { type Budget, Meter, type Usage } from './budget.ts';
import { type DomainError, domainError } from './errors.ts';
import { LayeredIndex } from './layered-index.ts';
import { sizeOf } from './record-size.ts';
import type { AccountRecord, CustomerRecord } from './records.ts';

export interface StoreOptions {
  /** The clock for timestamps of writes; default the real clock. */
  now?: () => Date;
  /** Ids of new alias records; default `crypto.randomUUID`. */
  randomUUID?: () => string;
  /** The budget drafts forked from this store are checked against (see budget.ts). */
  budget?: Budget;
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
  /** This store's share of the server-wide budget. */
  readonly meter: Meter;
  readonly now: () => Date;
  readonly randomUUID: () => string;
}

/** An account costs itself plus its alias records; a customer costs 1. In bytes, their JSON. */
const weighAccount = (record: AccountRecord): number => 1 + record.aliases.length;

type Parts = Omit<StoreState, 'meter'>;

function withMeter(parts: Parts, budget?: Budget, credit?: Usage, shared?: Usage): StoreState {
  const usage = (): Usage => ({
    items: parts.accounts.weight + parts.customers.weight,
    bytes: parts.accounts.bytes + parts.customers.bytes,
  });
  return { ...parts, meter: new Meter(usage, budget, credit, shared) };
}

export function createState(baseline: Baseline, options: StoreOptions = {}): StoreState {
  return withMeter(
    {
      baseline,
      accounts: new LayeredIndex(baseline.accounts, weighAccount, sizeOf),
      customers: new LayeredIndex(baseline.customers, () => 1, sizeOf),
      createdByCustomer: new BTree<string, true>(),
      now: options.now ?? (() => new Date()),
      randomUUID: options.randomUUID ?? (() => crypto.randomUUID()),
    },
    options.budget,
  );
}

/** An independent copy in O(1): every index is shared copy-on-write. */
export function forkState(state: StoreState): StoreState {
  const { meter, ...parts } = state;
  return withMeter(
    {
      ...parts,
      accounts: state.accounts.fork(),
      customers: state.customers.fork(),
      createdByCustomer: state.createdByCustomer.clone(),
    },
    meter.budget,
    meter.forkCredit,
    meter.shared,
  );
}

/** Empties the state in O(1) (the meter then releases all of its usage). */
export function clearState(state: StoreState): void {
  state.accounts.clear();
  state.customers.clear();
  state.createdByCustomer.clear();
}

export const ownerKey = (customerId: string, accountId: string): string =>
  `${customerId.length}:${customerId}:${accountId}`;

export const accountNotFound = (id: string): DomainError =>
  domainError('ACCOUNT_NOT_FOUND', `account_id: no account with id ${id}`);

export const customerNotFound = (field: string, id: string): DomainError =>
  domainError('CUSTOMER_NOT_FOUND', `${field}: no customer with id ${id}`);

export const storeFull = (field: string, max: number, what: string): DomainError =>
  domainError('STORE_FULL', `${field}: the store holds the maximum of ${max} ${what}`);

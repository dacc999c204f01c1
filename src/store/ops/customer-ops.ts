import { fail, ok, type Result } from '../../shared/result.ts';
import { collectionOf } from '../data-set.ts';
import { customerNotFound, type DomainError, domainError, storeFull } from '../errors.ts';
import { checkNewId, togaiIdFor } from '../ids.ts';
import type { ReadOp, WriteOp } from '../op.ts';
import { patchCustomer } from '../record-changes.ts';
import { buildCustomerRecord, type CustomerRecord, copyAddress, copySettings } from '../records.ts';
import { formatAddress } from '../seed-customer.ts';
import type {
  Account,
  CreateCustomerInput,
  CreatedCustomer,
  Customer,
  Page,
  PageQuery,
  Setting,
  UpdateCustomerInput,
} from '../types.ts';
import { buildNewAccount, checkAccountCreate } from './account-ops.ts';
import { ACCOUNTS, CUSTOMERS, type TogaiRecords } from './togai-records.ts';

type Read<A extends unknown[], O> = ReadOp<A, O, TogaiRecords>;
type Write<A extends unknown[], T> = WriteOp<A, T, TogaiRecords>;

const customer = (id: string) => ({ collection: CUSTOMERS, id });

export const listCustomers: Read<[PageQuery], Page<Customer>> = {
  kind: 'read',
  run(tx, query) {
    const page = tx.page(CUSTOMERS, query);
    return { items: page.items.map((record) => record.customer), hasMore: page.hasMore };
  },
};

export const getCustomer: Read<[string], Result<Customer, DomainError>> = {
  kind: 'read',
  reads: (id) => [customer(id)],
  run(tx, id) {
    const record = tx.get(CUSTOMERS, id);
    return record ? ok(record.customer) : fail(customerNotFound('customer_id', id));
  },
};

export const countCustomers: Read<[], number> = { kind: 'read', run: (tx) => tx.count(CUSTOMERS) };

/** Creates the customer and, when sent, its account: both or neither. */
export const createCustomer: Write<[CreateCustomerInput], CreatedCustomer> = {
  kind: 'write',
  budgetField: 'customers',
  lockKey: (input) => `c ${input.id}`,
  reads: (input) => [
    customer(input.id),
    ...(input.account ? [{ collection: ACCOUNTS, id: input.account.id }] : []),
  ],
  run(tx, input) {
    const badId = checkNewId(input.id);
    if (badId !== undefined) return fail(domainError('INVALID_REQUEST', badId));
    if (tx.get(CUSTOMERS, input.id) !== undefined)
      return fail(domainError('DUPLICATE_ID', `id: a customer with id ${input.id} already exists`));
    if (!tx.fits(CUSTOMERS))
      return fail(storeFull('customers', collectionOf(tx.data, CUSTOMERS).cap, 'customers'));
    const record = newCustomerRecord(input, tx.now().toISOString());
    if (input.account === undefined) {
      tx.put(CUSTOMERS, input.id, record);
      return ok(toCreatedCustomer(record, input.settings));
    }
    const problem = checkAccountCreate(tx, input.account.id);
    if (problem) return fail({ ...problem, message: `account.${problem.message}` });
    const account = buildNewAccount(tx, { ...input.account, customerId: input.id }, record);
    if (!account.ok) return fail({ ...account.error, message: `account.${account.error.message}` });
    tx.put(CUSTOMERS, input.id, record);
    tx.put(ACCOUNTS, input.account.id, account.value);
    return ok(toCreatedCustomer(record, input.settings, account.value.account));
  },
};

/** The record of a customer created now, from its create request. */
export function newCustomerRecord(input: CreateCustomerInput, at: string): CustomerRecord {
  const address = copyAddress(input.address);
  return buildCustomerRecord({
    id: input.id,
    togaiCustomerId: togaiIdFor('customer', input.id),
    name: input.name,
    primaryEmail: input.primaryEmail,
    billingAddress: formatAddress(address),
    address,
    status: 'ACTIVE',
    createdAt: at,
    updatedAt: at,
  });
}

/**
 * The published create answer is closed and has no `status`, `createdAt` or `updatedAt`; it echoes
 * `settings` (the Customer schema has none, so they are not kept) and nests the created account.
 */
export function toCreatedCustomer(
  record: CustomerRecord,
  settings?: readonly Setting[],
  account?: Account,
): CreatedCustomer {
  const { id, togaiCustomerId, name, primaryEmail, billingAddress, address } = record.customer;
  const created: CreatedCustomer = { id, togaiCustomerId, name, primaryEmail, billingAddress, address };
  if (settings !== undefined) created.settings = copySettings(settings);
  if (account !== undefined) created.account = account;
  return created;
}

export const updateCustomer: Write<[string, UpdateCustomerInput], Customer> = {
  kind: 'write',
  budgetField: 'customers',
  lockKey: (id) => `c ${id}`,
  reads: (id) => [customer(id)],
  run(tx, id, patch) {
    const record = tx.get(CUSTOMERS, id);
    if (record === undefined) return fail(customerNotFound('customer_id', id));
    const next = buildCustomerRecord(
      patchCustomer(record.customer, patch, tx.now().toISOString()),
      record.seedIndex,
    );
    tx.put(CUSTOMERS, id, next);
    return ok(next.customer);
  },
};

/**
 * Deletes the customer and the accounts it owns (the store's owner relation: created ones by the
 * owner index, seeded ones as one group). Not budgeted: it frees more than its marker costs.
 */
export const deleteCustomer: Write<[string], true> = {
  kind: 'write',
  budgetField: null,
  lockKey: (id) => `c ${id}`,
  reads: (id) => [customer(id)],
  run(tx, id) {
    if (tx.get(CUSTOMERS, id) === undefined) return fail(customerNotFound('customer_id', id));
    tx.remove(CUSTOMERS, id);
    return ok(true);
  },
};

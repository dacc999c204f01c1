import { fail, ok, type Result } from '../shared/result.ts';
import { buildNewAccount, checkAccountCreate, checkBudget, insertAccount } from './account-ops.ts';
import { type DomainError, domainError } from './errors.ts';
import { checkNewId, togaiIdFor } from './ids.ts';
import { buildCustomerRecord, type CustomerRecord, copyAddress, copySettings } from './records.ts';
import { formatAddress } from './seed-customer.ts';
import { customerNotFound, ownerKey, type StoreState, storeFull } from './store-state.ts';
import type {
  Account,
  CreateCustomerInput,
  CreatedCustomer,
  Customer,
  Page,
  PageQuery,
  Setting,
  UpdateCustomerInput,
} from './types.ts';

export function listCustomers(state: StoreState, query: PageQuery): Page<Customer> {
  const page = state.customers.page(query);
  return { items: page.items.map((record) => record.customer), hasMore: page.hasMore };
}

export function getCustomer(state: StoreState, id: string): Result<Customer, DomainError> {
  const record = state.customers.get(id);
  return record ? ok(record.customer) : fail(customerNotFound('customer_id', id));
}

/** Creates the customer and, when sent, its account: both or neither. */
export function createCustomer(
  state: StoreState,
  input: CreateCustomerInput,
): Result<CreatedCustomer, DomainError> {
  const badId = checkNewId(input.id);
  if (badId !== undefined) return fail(domainError('INVALID_REQUEST', badId));
  if (state.customers.has(input.id)) {
    return fail(domainError('DUPLICATE_ID', `id: a customer with id ${input.id} already exists`));
  }
  const max = state.baseline.maxCustomers;
  if (state.customers.size >= max) return fail(storeFull('customers', max, 'customers'));
  const at = state.now().toISOString();
  const record = newCustomerRecord(input, at);
  if (input.account !== undefined) {
    const problem = checkAccountCreate(state, input.account.id);
    if (problem) return fail({ ...problem, message: `account.${problem.message}` });
    const account = buildNewAccount(state, { ...input.account, customerId: input.id }, record);
    if (!account.ok) return fail({ ...account.error, message: `account.${account.error.message}` });
    const full = checkBudget(
      state,
      'customers',
      state.customers.costOfSet(input.id, record),
      state.accounts.costOfSet(input.account.id, account.value),
    );
    if (full) return fail(full);
    state.customers.set(input.id, record);
    insertAccount(state, account.value);
    return ok(toCreatedCustomer(record, input.settings, account.value.account));
  }
  const full = checkBudget(state, 'customers', state.customers.costOfSet(input.id, record));
  if (full) return fail(full);
  state.customers.set(input.id, record);
  return ok(toCreatedCustomer(record, input.settings));
}

/** The record of a customer created now, from its create request (the in-memory and Redis stores). */
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

export function updateCustomer(
  state: StoreState,
  id: string,
  patch: UpdateCustomerInput,
): Result<Customer, DomainError> {
  const record = state.customers.get(id);
  if (record === undefined) return fail(customerNotFound('customer_id', id));
  const customer = { ...record.customer };
  if (patch.name !== undefined) customer.name = patch.name;
  if (patch.primaryEmail !== undefined) customer.primaryEmail = patch.primaryEmail;
  if (patch.address !== undefined) {
    customer.address = copyAddress(patch.address);
    customer.billingAddress = formatAddress(customer.address);
  }
  customer.updatedAt = state.now().toISOString();
  const next = buildCustomerRecord(customer, record.seedIndex);
  const full = checkBudget(state, 'customers', state.customers.costOfSet(id, next));
  if (full) return fail(full);
  state.customers.set(id, next);
  return ok(next.customer);
}

/**
 * Deletes the customer and its accounts. Accounts created in this tenant come from a range scan
 * of `createdByCustomer`. A seeded customer's seeded accounts (the indexes congruent to its seed
 * index) are hidden as one group, a bit, not a marker each: O(log n + accounts the tenant wrote),
 * whatever the customer's size. Pages then skip the group's items as they pass them (the bound is
 * in layered-index.ts). A seeded id deleted and created again for another customer survives.
 */
export function deleteCustomer(state: StoreState, id: string): Result<true, DomainError> {
  const record = state.customers.get(id);
  if (record === undefined) return fail(customerNotFound('customer_id', id));
  const doomed: string[] = [];
  const prefix = ownerKey(id, '');
  for (const key of state.createdByCustomer.keys(prefix)) {
    if (!key.startsWith(prefix)) break;
    doomed.push(key);
  }
  for (const key of doomed) {
    state.createdByCustomer.delete(key);
    state.accounts.delete(key.slice(prefix.length));
  }
  if (record.seedIndex !== undefined)
    state.accounts.hideGroup(record.seedIndex, (own) => own.account.customerId !== id);
  state.customers.delete(id);
  return ok(true);
}

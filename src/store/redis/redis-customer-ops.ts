import { fail, ok, type Result } from '../../shared/result.ts';
import { type DomainError, domainError } from '../errors.ts';
import { checkNewId, togaiIdFor } from '../ids.ts';
import { patchCustomer } from '../record-changes.ts';
import { buildCustomerRecord, type CustomerRecord, copyAddress, copySettings } from '../records.ts';
import { formatAddress } from '../seed-customer.ts';
import { customerNotFound, ownerKey, storeFull } from '../store-state.ts';
import type {
  Account,
  CreateCustomerInput,
  CreatedCustomer,
  Customer,
  Setting,
  UpdateCustomerInput,
} from '../types.ts';
import { buildNewAccount, checkAccountCreate, checkBudget, insertAccount } from './redis-account-ops.ts';
import type { Tx } from './tx.ts';

/** The customer operations over a `Tx`, check for check like `customer-ops.ts`. */

export async function getCustomer(tx: Tx, id: string): Promise<Result<Customer, DomainError>> {
  await tx.load([], [id]);
  const state = tx.customer(id);
  return state.state === 'L' || state.state === 'B'
    ? ok(state.record.customer)
    : fail(customerNotFound('customer_id', id));
}

/** Creates the customer and, when sent, its account: both or neither (one commit). */
export async function createCustomer(
  tx: Tx,
  input: CreateCustomerInput,
): Promise<Result<CreatedCustomer, DomainError>> {
  const badId = checkNewId(input.id);
  if (badId !== undefined) return fail(domainError('INVALID_REQUEST', badId));
  await tx.load(input.account ? [input.account.id] : [], [input.id]);
  const existing = tx.customer(input.id).state;
  if (existing === 'L' || existing === 'B') {
    return fail(domainError('DUPLICATE_ID', `id: a customer with id ${input.id} already exists`));
  }
  const max = tx.ctx.baseline.maxCustomers;
  if (!tx.customersFit(max)) return fail(storeFull('customers', max, 'customers'));
  const at = tx.ctx.now().toISOString();
  const address = copyAddress(input.address);
  const record = buildCustomerRecord({
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
  if (input.account !== undefined) {
    const problem = checkAccountCreate(tx, input.account.id);
    if (problem) return fail({ ...problem, message: `account.${problem.message}` });
    const account = buildNewAccount(tx, { ...input.account, customerId: input.id }, record);
    if (!account.ok) return fail({ ...account.error, message: `account.${account.error.message}` });
    const full = checkBudget(
      tx,
      'customers',
      tx.costOfSetCustomer(input.id, record),
      tx.costOfSetAccount(input.account.id, account.value),
    );
    if (full) return fail(full);
    tx.setCustomer(input.id, record);
    insertAccount(tx, account.value);
    return ok(toCreated(record, input.settings, account.value.account));
  }
  const full = checkBudget(tx, 'customers', tx.costOfSetCustomer(input.id, record));
  if (full) return fail(full);
  tx.setCustomer(input.id, record);
  return ok(toCreated(record, input.settings));
}

/**
 * The published create answer, as `customer-ops.ts` builds it (not exported there): no `status`
 * or timestamps, `settings` echoed, the created account nested.
 */
function toCreated(
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

export async function updateCustomer(
  tx: Tx,
  id: string,
  patch: UpdateCustomerInput,
): Promise<Result<Customer, DomainError>> {
  await tx.load([], [id]);
  const state = tx.customer(id);
  if (state.state !== 'L' && state.state !== 'B') return fail(customerNotFound('customer_id', id));
  const customer = patchCustomer(state.record.customer, patch, tx.ctx.now().toISOString());
  const next = buildCustomerRecord(customer, state.record.seedIndex);
  const full = checkBudget(tx, 'customers', tx.costOfSetCustomer(id, next));
  if (full) return fail(full);
  tx.setCustomer(id, next);
  return ok(next.customer);
}

/** Deletes the customer and its accounts in one script (see `cascade` in lua-prelude.ts). */
export async function deleteCustomer(tx: Tx, id: string): Promise<Result<true, DomainError>> {
  await tx.load([], [id]);
  const state = tx.customer(id);
  if (state.state !== 'L' && state.state !== 'B') return fail(customerNotFound('customer_id', id));
  tx.deleteCustomer(id, ownerKey(id, ''), state.record.seedIndex);
  return ok(true);
}

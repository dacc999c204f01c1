import { fail, ok, type Result } from '../../shared/result.ts';
import { newCustomerRecord, toCreatedCustomer } from '../customer-ops.ts';
import { type DomainError, domainError } from '../errors.ts';
import { checkNewId } from '../ids.ts';
import { patchCustomer } from '../record-changes.ts';
import { buildCustomerRecord } from '../records.ts';
import { customerNotFound, ownerKey, storeFull } from '../store-state.ts';
import type { CreateCustomerInput, CreatedCustomer, Customer, UpdateCustomerInput } from '../types.ts';
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
  const record = newCustomerRecord(input, at);
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
    return ok(toCreatedCustomer(record, input.settings, account.value.account));
  }
  const full = checkBudget(tx, 'customers', tx.costOfSetCustomer(input.id, record));
  if (full) return fail(full);
  tx.setCustomer(input.id, record);
  return ok(toCreatedCustomer(record, input.settings));
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

import { fail, ok, type Result } from '../shared/result.ts';
import { addAliasRecords, isListable } from './alias-ops.ts';
import { pageArray } from './base-list.ts';
import { describeLimit, type Usage } from './budget.ts';
import { type DomainError, domainError } from './errors.ts';
import { checkNewId, togaiIdFor } from './ids.ts';
import { patchAccountFields, removeAliasRecords } from './record-changes.ts';
import {
  type AccountRecord,
  buildAccountRecord,
  type CustomerRecord,
  fieldsOf,
  sortAliases,
} from './records.ts';
import { accountNotFound, customerNotFound, ownerKey, type StoreState, storeFull } from './store-state.ts';
import type {
  Account,
  AccountAlias,
  AddAliasesInput,
  CreateAccountInput,
  Page,
  PageQuery,
  RemoveAliasesInput,
  UpdateAccountInput,
} from './types.ts';

/** Everything a create can fail on, checked before anything is written (shared with customers). */
export function checkAccountCreate(state: StoreState, id: string, extra = 0): DomainError | undefined {
  const badId = checkNewId(id);
  if (badId !== undefined) return domainError('INVALID_REQUEST', badId);
  if (state.accounts.has(id))
    return domainError('DUPLICATE_ID', `id: an account with id ${id} already exists`);
  const max = state.baseline.maxAccounts;
  if (state.accounts.size + extra >= max) return storeFull('accounts', max, 'accounts');
  return undefined;
}

/** Whether the changes `costs` (from `costOfSet` / `costOfDelete`) fit the budget (see budget.ts). */
export function checkBudget(state: StoreState, field: string, ...costs: Usage[]): DomainError | undefined {
  let items = 0;
  let bytes = 0;
  for (const cost of costs) {
    items += cost.items;
    bytes += cost.bytes;
  }
  const hit = state.meter.check({ items, bytes });
  return hit === undefined ? undefined : domainError('STORE_FULL', describeLimit(field, hit));
}

/** Builds (without storing) the record of a new account of `owner`. */
export function buildNewAccount(
  state: StoreState,
  input: CreateAccountInput,
  owner: CustomerRecord,
): Result<AccountRecord, DomainError> {
  const aliases = addAliasRecords([], input, state);
  if (!aliases.ok) return aliases;
  const { aliases: _values, accountAliases: _records, status, ...rest } = input;
  const fields: Omit<Account, 'aliases'> = {
    ...rest,
    togaiAccountId: togaiIdFor('account', input.id),
    customerId: owner.customer.id,
    togaiCustomerId: owner.customer.togaiCustomerId,
    status: status ?? 'ACTIVE',
  };
  return ok(buildAccountRecord(fields, aliases.value));
}

/** Stores a record built by `buildNewAccount` (checks already done). */
export function insertAccount(state: StoreState, record: AccountRecord): void {
  state.accounts.set(record.account.id, record);
  state.createdByCustomer.set(ownerKey(record.account.customerId, record.account.id), true);
}

export function createAccount(state: StoreState, input: CreateAccountInput): Result<Account, DomainError> {
  const owner = state.customers.get(input.customerId);
  if (owner === undefined) return fail(customerNotFound('customerId', input.customerId));
  const problem = checkAccountCreate(state, input.id);
  if (problem) return fail(problem);
  const record = buildNewAccount(state, input, owner);
  if (!record.ok) return record;
  const full = checkBudget(state, 'accounts', state.accounts.costOfSet(input.id, record.value));
  if (full) return fail(full);
  insertAccount(state, record.value);
  return ok(record.value.account);
}

export function getAccount(state: StoreState, id: string): Result<Account, DomainError> {
  const record = state.accounts.get(id);
  return record ? ok(record.account) : fail(accountNotFound(id));
}

export function listAccounts(state: StoreState, query: PageQuery): Page<Account> {
  const page = state.accounts.page(query);
  return { items: page.items.map((record) => record.account), hasMore: page.hasMore };
}

/**
 * Applies `change` to an existing account's record; replacing a frozen record is the write. Updates
 * are budgeted like creates: a PATCH that grows a record past a limit is refused.
 */
function rewrite(
  state: StoreState,
  id: string,
  change: (record: AccountRecord) => Result<AccountRecord, DomainError>,
): Result<Account, DomainError> {
  const record = state.accounts.get(id);
  if (record === undefined) return fail(accountNotFound(id));
  const next = change(record);
  if (!next.ok) return next;
  const full = checkBudget(state, 'accounts', state.accounts.costOfSet(id, next.value));
  if (full) return fail(full);
  state.accounts.set(id, next.value);
  return ok(next.value.account);
}

export function updateAccount(
  state: StoreState,
  id: string,
  patch: UpdateAccountInput,
): Result<Account, DomainError> {
  return rewrite(state, id, (record) =>
    ok(buildAccountRecord(patchAccountFields(fieldsOf(record.account), patch), record.aliases)),
  );
}

export function deleteAccount(state: StoreState, id: string): Result<true, DomainError> {
  const record = state.accounts.get(id);
  if (record === undefined) return fail(accountNotFound(id));
  // Hiding a seeded account costs a marker: bounded like any other write.
  const full = checkBudget(state, 'account_id', state.accounts.costOfDelete(id));
  if (full) return fail(full);
  state.accounts.delete(id);
  state.createdByCustomer.delete(ownerKey(record.account.customerId, id));
  return ok(true);
}

export function addAliases(
  state: StoreState,
  id: string,
  input: AddAliasesInput,
): Result<Account, DomainError> {
  return rewrite(state, id, (record) => {
    const aliases = addAliasRecords(record.aliases, input, state);
    if (!aliases.ok) return aliases;
    return ok(buildAccountRecord(fieldsOf(record.account), aliases.value));
  });
}

/** By value: removed at once. By id: removed, or with `from` ended then (kept, so it still pages). */
export function removeAliases(
  state: StoreState,
  id: string,
  input: RemoveAliasesInput,
): Result<Account, DomainError> {
  return rewrite(state, id, (record) => {
    const aliases = removeAliasRecords(record.aliases, input, state.now().toISOString());
    return ok(buildAccountRecord(fieldsOf(record.account), aliases));
  });
}

export function listAccountAliases(
  state: StoreState,
  id: string,
  query: PageQuery,
): Result<Page<AccountAlias>, DomainError> {
  const record = state.accounts.get(id);
  if (record === undefined) return fail(accountNotFound(id));
  const listable = record.aliases.filter(isListable);
  return ok(pageArray(sortAliases(listable), (alias) => alias.id, query));
}

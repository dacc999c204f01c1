import { type ApiError, apiError } from '../errors.ts';
import { fail, ok, type Result } from '../result.ts';
import { addAliasRecords, isListable } from './alias-ops.ts';
import { pageArray } from './base-list.ts';
import { describeLimit, type Usage } from './budget.ts';
import { checkNewId, togaiIdFor } from './ids.ts';
import {
  type AccountRecord,
  buildAccountRecord,
  type CustomerRecord,
  copyMetadata,
  fieldsOf,
  normalizeTags,
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
export function checkAccountCreate(state: StoreState, id: string, extra = 0): ApiError | undefined {
  const badId = checkNewId(id);
  if (badId !== undefined) return apiError('INVALID_REQUEST', badId);
  if (state.accounts.has(id)) return apiError('DUPLICATE_ID', `id: an account with id ${id} already exists`);
  const max = state.baseline.maxAccounts;
  if (state.accounts.size + extra >= max) return storeFull('accounts', max, 'accounts');
  return undefined;
}

/** Whether the changes `costs` (from `costOfSet` / `costOfDelete`) fit the budget (see budget.ts). */
export function checkBudget(state: StoreState, field: string, ...costs: Usage[]): ApiError | undefined {
  let items = 0;
  let bytes = 0;
  for (const cost of costs) {
    items += cost.items;
    bytes += cost.bytes;
  }
  const hit = state.meter.check({ items, bytes });
  return hit === undefined ? undefined : apiError('STORE_FULL', describeLimit(field, hit));
}

/** Builds (without storing) the record of a new account of `owner`. */
export function buildNewAccount(
  state: StoreState,
  input: CreateAccountInput,
  owner: CustomerRecord,
): Result<AccountRecord, ApiError> {
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

export function createAccount(state: StoreState, input: CreateAccountInput): Result<Account, ApiError> {
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

export function getAccount(state: StoreState, id: string): Result<Account, ApiError> {
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
  change: (record: AccountRecord) => Result<AccountRecord, ApiError>,
): Result<Account, ApiError> {
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
): Result<Account, ApiError> {
  return rewrite(state, id, (record) => {
    const fields = fieldsOf(record.account);
    // Only the known, sent fields change; `metadata` and `tags` replace rather than merge.
    if (patch.name !== undefined) fields.name = patch.name;
    if (patch.status !== undefined) fields.status = patch.status;
    if (patch.invoiceCurrency !== undefined) fields.invoiceCurrency = patch.invoiceCurrency;
    if (patch.netTermDays !== undefined) fields.netTermDays = patch.netTermDays;
    if (patch.primaryEmail !== undefined) fields.primaryEmail = patch.primaryEmail;
    if (patch.billingInformation !== undefined) fields.billingInformation = patch.billingInformation;
    if (patch.address !== undefined) fields.address = patch.address;
    if (patch.tags !== undefined) fields.tags = normalizeTags(patch.tags);
    if (patch.metadata !== undefined) fields.metadata = copyMetadata(patch.metadata);
    return ok(buildAccountRecord(fields, record.aliases));
  });
}

export function deleteAccount(state: StoreState, id: string): Result<true, ApiError> {
  const record = state.accounts.get(id);
  if (record === undefined) return fail(accountNotFound(id));
  // Hiding a seeded account costs a marker: bounded like any other write.
  const full = checkBudget(state, 'account_id', state.accounts.costOfDelete(id));
  if (full) return fail(full);
  state.accounts.delete(id);
  state.createdByCustomer.delete(ownerKey(record.account.customerId, id));
  return ok(true);
}

export function addAliases(state: StoreState, id: string, input: AddAliasesInput): Result<Account, ApiError> {
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
): Result<Account, ApiError> {
  return rewrite(state, id, (record) => {
    const values = new Set(input.aliases ?? []);
    const byId = new Map((input.accountAliases ?? []).map((alias) => [alias.id, alias.from]));
    const at = state.now().toISOString();
    const aliases: AccountAlias[] = [];
    for (const alias of record.aliases) {
      if (values.has(alias.value)) continue;
      if (!byId.has(alias.id)) aliases.push(alias);
      else {
        const from = byId.get(alias.id);
        if (from !== undefined) aliases.push({ ...alias, effectiveUntil: from, updatedAt: at });
      }
    }
    return ok(buildAccountRecord(fieldsOf(record.account), aliases));
  });
}

export function listAccountAliases(
  state: StoreState,
  id: string,
  query: PageQuery,
): Result<Page<AccountAlias>, ApiError> {
  const record = state.accounts.get(id);
  if (record === undefined) return fail(accountNotFound(id));
  const listable = record.aliases.filter(isListable);
  return ok(pageArray(sortAliases(listable), (alias) => alias.id, query));
}

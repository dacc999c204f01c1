import { fail, ok, type Result } from '../../shared/result.ts';
import { addAliasRecords, isListable } from '../alias-ops.ts';
import { pageArray } from '../base-list.ts';
import { describeLimit, type Usage } from '../budget.ts';
import { type DomainError, domainError } from '../errors.ts';
import { checkNewId, togaiIdFor } from '../ids.ts';
import { patchAccountFields, removeAliasRecords } from '../record-changes.ts';
import {
  type AccountRecord,
  buildAccountRecord,
  type CustomerRecord,
  fieldsOf,
  sortAliases,
} from '../records.ts';
import { accountNotFound, customerNotFound, ownerKey, storeFull } from '../store-state.ts';
import type {
  Account,
  AccountAlias,
  AddAliasesInput,
  CreateAccountInput,
  Page,
  PageQuery,
  RemoveAliasesInput,
  UpdateAccountInput,
} from '../types.ts';
import type { Tx } from './tx.ts';

/**
 * The account operations over a `Tx`: the same checks, in the same order, with the same
 * messages as `account-ops.ts`, and the same pure record builders. Reads come from the
 * transaction's snapshot; writes are queued for its commit.
 */

export function checkAccountCreate(tx: Tx, id: string, extra = 0): DomainError | undefined {
  const badId = checkNewId(id);
  if (badId !== undefined) return domainError('INVALID_REQUEST', badId);
  const state = tx.account(id).state;
  if (state === 'L' || state === 'B')
    return domainError('DUPLICATE_ID', `id: an account with id ${id} already exists`);
  const max = tx.ctx.baseline.maxAccounts;
  if (!tx.accountsFit(extra, max)) return storeFull('accounts', max, 'accounts');
  return undefined;
}

/** Whether the changes `costs` fit the budget (see budget.ts), as `account-ops.ts` asks it. */
export function checkBudget(tx: Tx, field: string, ...costs: Usage[]): DomainError | undefined {
  const hit = tx.checkBudget(...costs);
  return hit === undefined ? undefined : domainError('STORE_FULL', describeLimit(field, hit));
}

export function buildNewAccount(
  tx: Tx,
  input: CreateAccountInput,
  owner: CustomerRecord,
): Result<AccountRecord, DomainError> {
  const aliases = addAliasRecords([], input, tx.ctx);
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

export function insertAccount(tx: Tx, record: AccountRecord): void {
  tx.setAccount(record.account.id, record);
  tx.addOwner(ownerKey(record.account.customerId, record.account.id));
}

const present = <T extends { state: string }>(value: T): value is T & { state: 'L' | 'B' } =>
  value.state === 'L' || value.state === 'B';

export async function createAccount(
  tx: Tx,
  input: CreateAccountInput,
): Promise<Result<Account, DomainError>> {
  await tx.load([input.id], [input.customerId]);
  const owner = tx.customer(input.customerId);
  if (!present(owner)) return fail(customerNotFound('customerId', input.customerId));
  const problem = checkAccountCreate(tx, input.id);
  if (problem) return fail(problem);
  const record = buildNewAccount(tx, input, owner.record);
  if (!record.ok) return record;
  const full = checkBudget(tx, 'accounts', tx.costOfSetAccount(input.id, record.value));
  if (full) return fail(full);
  insertAccount(tx, record.value);
  return ok(record.value.account);
}

async function readAccount(tx: Tx, id: string): Promise<AccountRecord | undefined> {
  await tx.load([id]);
  const state = tx.account(id);
  return present(state) ? state.record : undefined;
}

export async function getAccount(tx: Tx, id: string): Promise<Result<Account, DomainError>> {
  const record = await readAccount(tx, id);
  return record ? ok(record.account) : fail(accountNotFound(id));
}

async function rewrite(
  tx: Tx,
  id: string,
  change: (record: AccountRecord) => Result<AccountRecord, DomainError>,
): Promise<Result<Account, DomainError>> {
  const record = await readAccount(tx, id);
  if (record === undefined) return fail(accountNotFound(id));
  const next = change(record);
  if (!next.ok) return next;
  // Updates are budgeted like creates: a PATCH that grows a record past a limit is refused.
  const full = checkBudget(tx, 'accounts', tx.costOfSetAccount(id, next.value));
  if (full) return fail(full);
  tx.setAccount(id, next.value);
  return ok(next.value.account);
}

export const updateAccount = (tx: Tx, id: string, patch: UpdateAccountInput) =>
  rewrite(tx, id, (record) =>
    ok(buildAccountRecord(patchAccountFields(fieldsOf(record.account), patch), record.aliases)),
  );

export async function deleteAccount(tx: Tx, id: string): Promise<Result<true, DomainError>> {
  const record = await readAccount(tx, id);
  if (record === undefined) return fail(accountNotFound(id));
  // Hiding a seeded account costs a marker: bounded like any other write.
  const full = checkBudget(tx, 'account_id', tx.costOfDeleteAccount(id));
  if (full) return fail(full);
  tx.deleteAccount(id);
  tx.removeOwner(ownerKey(record.account.customerId, id));
  return ok(true);
}

export const addAliases = (tx: Tx, id: string, input: AddAliasesInput) =>
  rewrite(tx, id, (record) => {
    const aliases = addAliasRecords(record.aliases, input, tx.ctx);
    return aliases.ok ? ok(buildAccountRecord(fieldsOf(record.account), aliases.value)) : aliases;
  });

export const removeAliases = (tx: Tx, id: string, input: RemoveAliasesInput) =>
  rewrite(tx, id, (record) =>
    ok(
      buildAccountRecord(
        fieldsOf(record.account),
        removeAliasRecords(record.aliases, input, tx.ctx.now().toISOString()),
      ),
    ),
  );

export async function listAccountAliases(
  tx: Tx,
  id: string,
  query: PageQuery,
): Promise<Result<Page<AccountAlias>, DomainError>> {
  const record = await readAccount(tx, id);
  if (record === undefined) return fail(accountNotFound(id));
  const listable = record.aliases.filter(isListable);
  return ok(pageArray(sortAliases(listable), (alias) => alias.id, query));
}

import { fail, ok, type Result } from '../../shared/result.ts';
import { addAliasRecords, isListable } from '../alias-ops.ts';
import { pageArray } from '../base-list.ts';
import { collectionOf } from '../data-set.ts';
import { accountNotFound, customerNotFound, type DomainError, domainError, storeFull } from '../errors.ts';
import { checkNewId, togaiIdFor } from '../ids.ts';
import type { ReadOp, WriteOp } from '../op.ts';
import { patchAccountFields, removeAliasRecords } from '../record-changes.ts';
import {
  type AccountRecord,
  buildAccountRecord,
  type CustomerRecord,
  fieldsOf,
  sortAliases,
} from '../records.ts';
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
import { ACCOUNTS, CUSTOMERS, type TogaiRecords, type TogaiTx } from './togai-records.ts';

type Read<A extends unknown[], O> = ReadOp<A, O, TogaiRecords>;
type Write<A extends unknown[], T> = WriteOp<A, T, TogaiRecords>;

const account = (id: string) => ({ collection: ACCOUNTS, id });

/** Everything a create can fail on, checked before anything is written (customers' too). */
export function checkAccountCreate(tx: TogaiTx, id: string, extra = 0): DomainError | undefined {
  const badId = checkNewId(id);
  if (badId !== undefined) return domainError('INVALID_REQUEST', badId);
  if (tx.get(ACCOUNTS, id) !== undefined)
    return domainError('DUPLICATE_ID', `id: an account with id ${id} already exists`);
  if (!tx.fits(ACCOUNTS, extra))
    return storeFull('accounts', collectionOf(tx.data, ACCOUNTS).cap, 'accounts');
  return undefined;
}

/** Builds (without storing) the record of a new account of `owner`. */
export function buildNewAccount(
  tx: TogaiTx,
  input: CreateAccountInput,
  owner: CustomerRecord,
): Result<AccountRecord, DomainError> {
  const aliases = addAliasRecords([], input, tx);
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

export const createAccount: Write<[CreateAccountInput], Account> = {
  kind: 'write',
  budgetField: 'accounts',
  lockKey: (input) => `a ${input.id}`,
  reads: (input) => [account(input.id), { collection: CUSTOMERS, id: input.customerId }],
  run(tx, input) {
    const owner = tx.get(CUSTOMERS, input.customerId);
    if (owner === undefined) return fail(customerNotFound('customerId', input.customerId));
    const problem = checkAccountCreate(tx, input.id);
    if (problem) return fail(problem);
    const record = buildNewAccount(tx, input, owner);
    if (!record.ok) return record;
    tx.put(ACCOUNTS, input.id, record.value);
    return ok(record.value.account);
  },
};

export const getAccount: Read<[string], Result<Account, DomainError>> = {
  kind: 'read',
  reads: (id) => [account(id)],
  run(tx, id) {
    const record = tx.get(ACCOUNTS, id);
    return record ? ok(record.account) : fail(accountNotFound(id));
  },
};

export const listAccounts: Read<[PageQuery], Page<Account>> = {
  kind: 'read',
  run(tx, query) {
    const page = tx.page(ACCOUNTS, query);
    return { items: page.items.map((record) => record.account), hasMore: page.hasMore };
  },
};

export const countAccounts: Read<[], number> = { kind: 'read', run: (tx) => tx.count(ACCOUNTS) };

/** An existing account's record changed by `change`; replacing the frozen record is the write. */
function rewrite<A extends unknown[]>(
  change: (tx: TogaiTx, record: AccountRecord, ...args: A) => Result<AccountRecord, DomainError>,
): Write<[string, ...A], Account> {
  return {
    kind: 'write',
    // Updates are budgeted like creates: a PATCH that grows a record past a limit is refused.
    budgetField: 'accounts',
    lockKey: (id: string, ..._args: A) => `a ${id}`,
    reads: (id: string, ..._args: A) => [account(id)],
    run(tx, id, ...args) {
      const record = tx.get(ACCOUNTS, id);
      if (record === undefined) return fail(accountNotFound(id));
      const next = change(tx, record, ...args);
      if (!next.ok) return next;
      tx.put(ACCOUNTS, id, next.value);
      return ok(next.value.account);
    },
  };
}

export const updateAccount = rewrite((_tx, record, patch: UpdateAccountInput) =>
  ok(buildAccountRecord(patchAccountFields(fieldsOf(record.account), patch), record.aliases)),
);

export const addAliases = rewrite((tx, record, input: AddAliasesInput) => {
  const aliases = addAliasRecords(record.aliases, input, tx);
  return aliases.ok ? ok(buildAccountRecord(fieldsOf(record.account), aliases.value)) : aliases;
});

/** By value: removed at once. By id: removed, or with `from` ended then (kept, so it still pages). */
export const removeAliases = rewrite((tx, record, input: RemoveAliasesInput) =>
  ok(
    buildAccountRecord(
      fieldsOf(record.account),
      removeAliasRecords(record.aliases, input, tx.now().toISOString()),
    ),
  ),
);

export const deleteAccount: Write<[string], true> = {
  kind: 'write',
  // Hiding a seeded account costs a marker: bounded like any other write.
  budgetField: 'account_id',
  lockKey: (id) => `a ${id}`,
  reads: (id) => [account(id)],
  run(tx, id) {
    if (tx.get(ACCOUNTS, id) === undefined) return fail(accountNotFound(id));
    tx.remove(ACCOUNTS, id);
    return ok(true);
  },
};

export const listAccountAliases: Read<[string, PageQuery], Result<Page<AccountAlias>, DomainError>> = {
  kind: 'read',
  reads: (id) => [account(id)],
  run(tx, id, query) {
    const record = tx.get(ACCOUNTS, id);
    if (record === undefined) return fail(accountNotFound(id));
    const listable = record.aliases.filter(isListable);
    return ok(pageArray(sortAliases(listable), (alias) => alias.id, query));
  },
};

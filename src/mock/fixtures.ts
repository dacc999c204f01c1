import { readFile } from 'node:fs/promises';
import type { ErrorObject } from 'ajv';
import { type ApiError, apiError } from '../errors.ts';
import { fail, ok, type Result } from '../result.ts';
import { createAjv } from '../spec/create-ajv.ts';
import type { LoadedSpec } from '../spec/types.ts';
import type {
  Account,
  AccountStore,
  CreateAccountInput,
  CreateCustomerInput,
  Customer,
} from '../store/types.ts';

/**
 * A fixture: the data of one tenant as create requests of the spec, so it is validated by the same
 * schemas as the API's own bodies. `replace: true` empties the tenant first (seeded data included).
 */
export interface Fixture {
  replace?: boolean;
  customers?: CreateCustomerInput[];
  accounts?: CreateAccountInput[];
}

const MAX_EXPORT = 100_000;

/** Compiles the fixture schema from the spec's create-request schemas, once. */
export function compileFixtureValidator(spec: LoadedSpec): (body: unknown) => Result<Fixture, ApiError> {
  const account = spec.schemas.CreateAccountRequest;
  const customer = spec.schemas.CreateCustomerRequest;
  if (!account || !customer) {
    return () =>
      fail(
        apiError('INVALID_REQUEST', 'fixture: this spec has no CreateAccountRequest/CreateCustomerRequest'),
      );
  }
  // Accounts in a fixture may also be ARCHIVED, which the create request does not allow.
  const fixtureAccount = {
    ...account,
    properties: {
      ...(account.properties as object),
      status: { type: 'string', enum: ['ACTIVE', 'DRAFT', 'ARCHIVED'] },
    },
  };
  const validate = createAjv().compile({
    type: 'object',
    additionalProperties: false,
    properties: {
      replace: { type: 'boolean' },
      customers: { type: 'array', maxItems: 10_000, items: customer },
      accounts: { type: 'array', maxItems: 100_000, items: fixtureAccount },
    },
  });
  return (body) => (validate(body) ? ok(body as Fixture) : fail(fixtureError(validate.errors?.[0])));
}

function fixtureError(error: ErrorObject | undefined): ApiError {
  const where = (error?.instancePath ?? '').split('/').slice(1).join('.') || 'fixture';
  const extra =
    error?.keyword === 'additionalProperties' ? ` (${String(error.params.additionalProperty)})` : '';
  return apiError(
    'INVALID_REQUEST',
    `fixture.${where}: ${error?.message ?? 'is invalid'}${extra}`.replace('fixture.fixture', 'fixture'),
  );
}

/**
 * Applies a validated fixture to a copy-on-write fork of `store` and returns the fork: the caller
 * swaps it in only on success, so a failing import changes nothing. `replace` empties the fork first.
 */
export function importFixture(
  store: AccountStore,
  fixture: Fixture,
): Result<{ store: AccountStore; customers: number; accounts: number }, ApiError> {
  const draft = store.fork();
  if (fixture.replace) draft.clear();
  const customers = fixture.customers ?? [];
  const accounts = fixture.accounts ?? [];
  for (const [i, customer] of customers.entries()) {
    const created = draft.createCustomer(customer);
    if (!created.ok)
      return fail(apiError(created.error.code, `fixture.customers[${i}]: ${created.error.message}`));
  }
  for (const [i, account] of accounts.entries()) {
    const created = draft.createAccount(account);
    if (!created.ok)
      return fail(apiError(created.error.code, `fixture.accounts[${i}]: ${created.error.message}`));
  }
  const nested = customers.filter((c) => c.account).length;
  return ok({ store: draft, customers: customers.length, accounts: accounts.length + nested });
}

/** A tenant's data as a fixture that `importFixture` turns back into the same accounts and customers. */
export function exportTenant(store: AccountStore): Result<Required<Fixture>, ApiError> {
  if (store.countAccounts() > MAX_EXPORT) {
    return fail(apiError('INVALID_REQUEST', `export: the tenant holds more than ${MAX_EXPORT} accounts`));
  }
  return ok({
    replace: true,
    customers: walk((q) => store.listCustomers(q)).map(toCustomerInput),
    accounts: walk((q) => store.listAccounts(q)).map(toAccountInput),
  });
}

function walk<T extends { id: string }>(
  list: (q: { after?: string; order: 'ASC'; limit: number }) => { items: T[]; hasMore: boolean },
): T[] {
  const all: T[] = [];
  let after: string | undefined;
  for (;;) {
    const page = list({ ...(after !== undefined ? { after } : {}), order: 'ASC', limit: 1000 });
    all.push(...page.items);
    if (!page.hasMore || page.items.length === 0) return all;
    after = page.items[page.items.length - 1]?.id;
  }
}

const toCustomerInput = ({ id, name, primaryEmail, address }: Customer): CreateCustomerInput => ({
  id,
  name,
  primaryEmail,
  address,
});

function toAccountInput(account: Account): CreateAccountInput {
  const {
    togaiAccountId: _a,
    togaiCustomerId: _c,
    aliases,
    invoiceGroupDetails: _g,
    status,
    ...rest
  } = account;
  return {
    ...rest,
    ...(aliases?.length ? { aliases: aliases.map((a) => a.alias) } : {}),
    status: status as 'ACTIVE',
  };
}

/** Reads and validates a fixture file; throws with a message naming the file and the field. */
export async function loadFixtureFile(path: string, spec: LoadedSpec): Promise<Fixture> {
  let body: unknown;
  try {
    body = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`fixture: cannot read ${path}: ${(error as Error).message}`);
  }
  const fixture = compileFixtureValidator(spec)(body);
  if (!fixture.ok) throw new Error(`fixture ${path}: ${fixture.error.message}`);
  return fixture.value;
}

import { fail, ok, type Result } from '../shared/result.ts';
import type { JsonSchema, LoadedSpec } from '../spec/types.ts';
import type {
  Account,
  CreateAccountInput,
  CreateCustomerInput,
  Customer,
  Page,
  PageQuery,
} from '../store/types.ts';
import { type ApiError, apiError } from './errors.ts';
import { checkWith, type FixtureValidator, refuseFixtures } from './fixture-check.ts';
import { andThen, type DraftPort, type StorePort } from './store-port.ts';
import type { MaybePromise } from './types.ts';
import { createWorkSlice } from './work-slice.ts';

/**
 * A fixture: the data of one tenant as create requests of the spec, so it is validated by the same
 * schemas as the API's own bodies. `replace: true` empties the tenant first (seeded data included).
 */
export interface Fixture {
  replace?: boolean;
  customers?: CreateCustomerInput[];
  accounts?: CreateAccountInput[];
}

/**
 * The fewest accounts and customers a fixture may always hold; the server raises them to what a
 * tenant can hold (`transferLimits`), so every export imports back.
 */
export const MAX_FIXTURE_ACCOUNTS = 100_000;
export const MAX_FIXTURE_CUSTOMERS = 10_000;

/** The fixture format's schema from the spec's create-request schemas, arrays uncapped; none without them. */
export function fixtureSchemaOf(spec: LoadedSpec): JsonSchema | undefined {
  const account = spec.schemas.CreateAccountRequest;
  const customer = spec.schemas.CreateCustomerRequest;
  if (!account || !customer) return undefined;
  // Accounts in a fixture may also be ARCHIVED, which the create request does not allow.
  const fixtureAccount = {
    ...account,
    properties: {
      ...(account.properties as object),
      status: { type: 'string', enum: ['ACTIVE', 'DRAFT', 'ARCHIVED'] },
    },
  };
  return {
    type: 'object',
    additionalProperties: false,
    properties: {
      replace: { type: 'boolean' },
      customers: { type: 'array', items: customer },
      accounts: { type: 'array', items: fixtureAccount },
    },
  };
}

export type { FixtureValidator };

/**
 * The fixture validator: synchronous when the spec's validators were prepared ahead (the bundled
 * spec's), else a Promise while ajv is imported and compiles it. The caps are checked here rather
 * than as `maxItems`, so that one prepared validator serves whatever a server's budgets allow.
 */
export function fixtureValidatorFor(
  spec: LoadedSpec,
  caps: { accounts: number; customers: number } = {
    accounts: MAX_FIXTURE_ACCOUNTS,
    customers: MAX_FIXTURE_CUSTOMERS,
  },
): MaybePromise<FixtureValidator> {
  const schema = fixtureSchemaOf(spec);
  if (!schema) {
    return refuseFixtures(
      apiError('INVALID_REQUEST', 'fixture: this spec has no CreateAccountRequest/CreateCustomerRequest'),
    );
  }
  const prepared = spec.validators?.fixture;
  if (prepared) return checkWith(prepared, caps);
  return import('./compile-validators.ts').then(({ compileSchema }) =>
    checkWith(compileSchema(spec, schema), caps),
  );
}

type Imported = { store: DraftPort; customers: number; accounts: number };

/**
 * Applies a validated fixture to a copy-on-write fork of `store` and returns the fork: the caller
 * swaps it in only on success, so a failing import changes nothing. `replace` empties the fork first.
 * Synchronous over the in-memory store; a Promise only when the store answers with Promises.
 */
export function importFixture(
  store: StorePort,
  fixture: Fixture,
  pause?: () => Promise<void>,
): MaybePromise<Result<Imported, ApiError>> {
  const customers = fixture.customers ?? [];
  const accounts = fixture.accounts ?? [];
  const nested = customers.filter((c) => c.account).length;
  return andThen(store.fork(), (draft) =>
    andThen(fixture.replace ? draft.clear() : undefined, () => {
      const steps = [
        ...customers.map((c, i) => () => named(`fixture.customers[${i}]`, draft.createCustomer(c))),
        ...accounts.map((a, i) => () => named(`fixture.accounts[${i}]`, draft.createAccount(a))),
      ];
      return andThen(
        runInOrder(steps, 0, pause),
        (error): Result<Imported, ApiError> =>
          error
            ? fail(error)
            : ok({ store: draft, customers: customers.length, accounts: accounts.length + nested }),
      );
    }),
  );
}

const named = (where: string, created: MaybePromise<Result<unknown, ApiError>>) =>
  andThen(created, (r) => (r.ok ? undefined : asFixtureError(where, r.error)));

/**
 * A store's refusal while applying a fixture, as a fault of the fixture: an unknown customer or a
 * duplicate id is bad input here (400), not a missing resource (404) or a conflict (409), and the
 * message names the field in the fixture (`fixture.accounts[3].customerId: ...`). A full store
 * stays 403 STORE_FULL, as on the API.
 */
function asFixtureError(where: string, error: ApiError): ApiError {
  const code =
    error.code === 'STORE_FULL' || error.code === 'TOO_MANY_ALIASES' ? error.code : 'INVALID_REQUEST';
  // Store messages start with their field ("customerId: ...", "account.id: ...").
  const field = /^[A-Za-z_][\w.[\]]*: /.test(error.message);
  return apiError(code, `${where}${field ? '.' : ': '}${error.message}`);
}

/** Most steps (store writes) between two pauses of an import; fewer when they are slow. */
const IMPORT_SLICE = 100;

/**
 * Runs steps one after another until one fails; stays synchronous while the steps are and no
 * `pause` is given. With `pause`, waits for it between slices of work (`createWorkSlice`) so a
 * large import lets other requests in (the server's import), instead of holding the thread.
 */
function runInOrder(
  steps: (() => MaybePromise<ApiError | undefined>)[],
  from: number,
  pause: (() => Promise<void>) | undefined,
  slice = createWorkSlice(IMPORT_SLICE),
): MaybePromise<ApiError | undefined> {
  for (let i = from; i < steps.length; i++) {
    if (pause && i > from && slice.due()) {
      return pause().then(() => {
        slice.restart();
        return runInOrder(steps, i, pause, slice);
      });
    }
    const outcome = (steps[i] as () => MaybePromise<ApiError | undefined>)();
    if (outcome instanceof Promise)
      return outcome.then((error) => error ?? runInOrder(steps, i + 1, pause, slice));
    if (outcome) return outcome;
  }
  return undefined;
}

/** A tenant's data as a fixture that `importFixture` turns back into the same accounts and customers. */
export async function exportTenant(store: DraftPort): Promise<Result<Required<Fixture>, ApiError>> {
  if ((await store.countAccounts()) > MAX_FIXTURE_ACCOUNTS) {
    return fail(
      apiError('INVALID_REQUEST', `export: the tenant holds more than ${MAX_FIXTURE_ACCOUNTS} accounts`),
    );
  }
  return ok({
    replace: true,
    customers: (await walk((q) => store.listCustomers(q))).map(toCustomerInput),
    accounts: (await walk((q) => store.listAccounts(q))).map(toAccountInput),
  });
}

/** Every item of a list, page after page in id order. */
export async function walk<T extends { id: string }>(
  list: (q: PageQuery) => MaybePromise<Page<T>>,
): Promise<T[]> {
  const all: T[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await list({ ...(after !== undefined ? { after } : {}), order: 'ASC', limit: 1000 });
    all.push(...page.items);
    if (!page.hasMore || page.items.length === 0) return all;
    after = page.items[page.items.length - 1]?.id;
  }
}

export const toCustomerInput = ({ id, name, primaryEmail, address }: Customer): CreateCustomerInput => ({
  id,
  name,
  primaryEmail,
  address,
});

export function toAccountInput(account: Account): CreateAccountInput {
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

import type { ValidateFunction } from 'ajv';
import { fail, ok, type Result } from '../shared/result.ts';
import { createAjv } from '../spec/create-ajv.ts';
import { describeAjvError } from '../spec/describe-ajv-error.ts';
import type { LoadedSpec } from '../spec/types.ts';
import { type ApiError, apiError } from './errors.ts';
import type { Fixture } from './fixtures.ts';

/** Items checked between two turns given to other requests. */
const CHECK_SLICE = 500;

interface Validators {
  shape: ValidateFunction;
  customers: ValidateFunction;
  accounts: ValidateFunction;
}

type ValidatorOf = (name: keyof Validators) => ValidateFunction;

export interface FixtureChecker {
  /** Checks a whole fixture at once (a small one: a file, a test's fixture). */
  check(body: unknown): Result<Fixture, ApiError>;
  /** The same check, waiting for `pause` every few hundred items (an import of megabytes). */
  checkInSlices(body: unknown, pause: () => Promise<void>): Promise<Result<Fixture, ApiError>>;
}

/**
 * Compiles the fixture's checks from the spec's create-request schemas, once: its shape (the top
 * level, array lengths) and one validator per kind of item, so a large fixture is checked item
 * by item and the work can be cut into slices. Errors name the field in the fixture
 * (`fixture.accounts[3].customerId: ...`).
 */
export function compileFixtureChecker(
  spec: LoadedSpec,
  caps: { accounts: number; customers: number },
): FixtureChecker {
  const account = spec.schemas.CreateAccountRequest;
  const customer = spec.schemas.CreateCustomerRequest;
  if (!account || !customer) {
    const missing = fail(
      apiError('INVALID_REQUEST', 'fixture: this spec has no CreateAccountRequest/CreateCustomerRequest'),
    );
    return { check: () => missing, checkInSlices: async () => missing };
  }
  const ajv = createAjv();
  // Each validator is compiled when first needed, so a large import compiles them one by one
  // with turns for other requests in between (the account schema alone is tens of milliseconds).
  const compiled: Partial<Validators> = {};
  const sources: Record<keyof Validators, () => ValidateFunction> = {
    shape: () =>
      ajv.compile({
        type: 'object',
        additionalProperties: false,
        properties: {
          replace: { type: 'boolean' },
          customers: { type: 'array', maxItems: caps.customers },
          accounts: { type: 'array', maxItems: caps.accounts },
        },
      }),
    customers: () => ajv.compile(customer),
    // Accounts in a fixture may also be ARCHIVED, which the create request does not allow.
    accounts: () =>
      ajv.compile({
        ...account,
        properties: {
          ...(account.properties as object),
          status: { type: 'string', enum: ['ACTIVE', 'DRAFT', 'ARCHIVED'] },
        },
      }),
  };
  const validator: ValidatorOf = (name) => {
    compiled[name] ??= sources[name]();
    return compiled[name];
  };
  /** Compiles what is still missing, one validator per turn. */
  const compileAll = async (pause: () => Promise<void>) => {
    for (const name of ['shape', 'customers', 'accounts'] as const) {
      if (compiled[name] !== undefined) continue;
      compiled[name] = sources[name]();
      await pause();
    }
  };
  return {
    check(body) {
      const shape = checkShape(validator, body);
      if (!shape.ok) return shape;
      for (const kind of KINDS) {
        const items = shape.value[kind] ?? [];
        const failed = checkItems(validator, kind, items, 0, items.length);
        if (failed) return fail(failed);
      }
      return shape;
    },
    async checkInSlices(body, pause) {
      await compileAll(pause);
      const shape = checkShape(validator, body);
      if (!shape.ok) return shape;
      for (const kind of KINDS) {
        const items = shape.value[kind] ?? [];
        for (let from = 0; from < items.length; from += CHECK_SLICE) {
          if (from > 0) await pause();
          const failed = checkItems(validator, kind, items, from, Math.min(items.length, from + CHECK_SLICE));
          if (failed) return fail(failed);
        }
      }
      return shape;
    },
  };
}

const KINDS = ['customers', 'accounts'] as const;

function checkShape(validator: ValidatorOf, body: unknown): Result<Fixture, ApiError> {
  const shape = validator('shape');
  if (shape(body)) return ok(body as Fixture);
  return fail(apiError('INVALID_REQUEST', describeAjvError(shape.errors?.[0], { prefix: 'fixture' })));
}

function checkItems(
  validator: ValidatorOf,
  kind: (typeof KINDS)[number],
  items: readonly unknown[],
  from: number,
  to: number,
): ApiError | undefined {
  const validate = validator(kind);
  for (let i = from; i < to; i++) {
    if (validate(items[i])) continue;
    const prefix = `fixture.${kind}[${i}]`;
    return apiError('INVALID_REQUEST', describeAjvError(validate.errors?.[0], { prefix }));
  }
  return undefined;
}

import type { ErrorObject } from 'ajv';
import { fail, ok, type Result } from '../shared/result.ts';
import { describeAjvError } from '../spec/describe-ajv-error.ts';
import type { Validate } from '../spec/types.ts';
import { type ApiError, apiError } from './errors.ts';
import type { Fixture } from './fixtures.ts';

/** Checks a fixture: whole at once, or a slice of items at a time with turns for others between. */
export type FixtureValidator = ((body: unknown) => Result<Fixture, ApiError>) & {
  inSlices(body: unknown, pause: () => Promise<void>): Promise<Result<Fixture, ApiError>>;
};

type Caps = { accounts: number; customers: number };

/** Items of one kind checked between two pauses (a few milliseconds of work). */
const CHECK_SLICE = 200;
const KINDS = ['customers', 'accounts'] as const;

/** A validator that refuses everything with `error` (a spec without the create-request schemas). */
export const refuseFixtures = (error: ApiError): FixtureValidator =>
  Object.assign(() => fail(error), { inSlices: async () => fail(error) });

/**
 * The fixture check over one validator of the whole fixture format (prepared ahead or compiled).
 * The caps are checked here rather than as `maxItems`, so one prepared validator serves whatever
 * a server's budgets allow. In slices, the same validator checks the top level (the arrays left
 * out), then a few hundred items of a kind at a time as a fixture of their own; an error's index is
 * moved back to where the item sits in the whole fixture, so the message is the same either way.
 */
export function checkWith(validate: Validate, caps: Caps): FixtureValidator {
  const check = (body: unknown): Result<Fixture, ApiError> =>
    capped(body, caps) ?? (validate(body) ? ok(body as Fixture) : failure(validate.errors?.[0]));
  return Object.assign(check, {
    async inSlices(body: unknown, pause: () => Promise<void>): Promise<Result<Fixture, ApiError>> {
      const refused = capped(body, caps);
      if (refused) return refused;
      if (typeof body !== 'object' || body === null || Array.isArray(body)) return check(body);
      const whole = body as Record<string, unknown>;
      const top = Object.fromEntries(
        Object.entries(whole).filter(
          ([key, value]) => !(KINDS as readonly string[]).includes(key) || !Array.isArray(value),
        ),
      );
      if (!validate(top)) return failure(validate.errors?.[0]);
      for (const kind of KINDS) {
        const items = whole[kind];
        if (!Array.isArray(items)) continue;
        for (let from = 0; from < items.length; from += CHECK_SLICE) {
          await pause();
          if (!validate({ [kind]: items.slice(from, from + CHECK_SLICE) }))
            return failure(movedBy(validate.errors?.[0], kind, from));
        }
      }
      return ok(body as Fixture);
    },
  });
}

function capped(body: unknown, caps: Caps): Result<Fixture, ApiError> | undefined {
  for (const field of KINDS) {
    const list = (body as Record<string, unknown> | null)?.[field];
    if (Array.isArray(list) && list.length > caps[field]) {
      // ajv's own wording for maxItems, as when the caps were part of the schema.
      return fail(
        apiError('INVALID_REQUEST', `fixture.${field}: must NOT have more than ${caps[field]} items`),
      );
    }
  }
  return undefined;
}

const failure = (error: ErrorObject | undefined) =>
  fail(apiError('INVALID_REQUEST', describeAjvError(error, { prefix: 'fixture' })));

/** An error about item i of a slice that starts at `from`, as an error about item from + i. */
function movedBy(error: ErrorObject | undefined, kind: string, from: number): ErrorObject | undefined {
  if (error === undefined || from === 0) return error;
  const instancePath = error.instancePath.replace(
    new RegExp(`^/${kind}/(\\d+)`),
    (_, index: string) => `/${kind}/${Number(index) + from}`,
  );
  return { ...error, instancePath };
}

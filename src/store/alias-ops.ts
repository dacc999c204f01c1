import { type ApiError, apiError } from '../errors.ts';
import { fail, ok, type Result } from '../result.ts';
import { FOREVER } from './records.ts';
import type { AccountAlias, AddAliasesInput } from './types.ts';

/** An account holds at most this many alias records (the Account schema's `aliases` maxItems). */
export const MAX_ALIASES = 10;
const MIN_ALIAS_LENGTH = 3;
const MAX_ALIAS_LENGTH = 50;

interface Clock {
  now: () => Date;
  randomUUID: () => string;
}

/**
 * The alias records after adding `input` to `existing`. A value the account already has (or that
 * appears twice in the input) is not added again. Values must be 3–50 characters: the create
 * schema allows 1-character `accountAliases` values, but the AccountAlias response schema does not,
 * and storing one would make every later response invalid.
 */
export function addAliasRecords(
  existing: readonly AccountAlias[],
  input: AddAliasesInput,
  clock: Clock,
  field = 'aliases',
): Result<AccountAlias[], ApiError> {
  const at = clock.now().toISOString();
  const wanted = [
    ...(input.aliases ?? []).map((value, i) => ({
      value,
      effectiveFrom: undefined,
      effectiveUntil: undefined,
      path: `aliases[${i}]`,
    })),
    ...(input.accountAliases ?? []).map((alias, i) => ({ ...alias, path: `accountAliases[${i}].value` })),
  ];
  const seen = new Set(existing.map((alias) => alias.value));
  const added: AccountAlias[] = [];
  for (const alias of wanted) {
    // Worded like the request validator's messages, naming the exact item.
    if (alias.value.length < MIN_ALIAS_LENGTH)
      return fail(
        apiError('INVALID_REQUEST', `${alias.path}: must NOT have fewer than ${MIN_ALIAS_LENGTH} characters`),
      );
    if (alias.value.length > MAX_ALIAS_LENGTH)
      return fail(
        apiError('INVALID_REQUEST', `${alias.path}: must NOT have more than ${MAX_ALIAS_LENGTH} characters`),
      );
    if (seen.has(alias.value)) continue;
    seen.add(alias.value);
    added.push({
      id: clock.randomUUID(),
      value: alias.value,
      effectiveFrom: alias.effectiveFrom ?? at,
      effectiveUntil: alias.effectiveUntil ?? FOREVER,
      createdAt: at,
    });
  }
  if (existing.length + added.length > MAX_ALIASES) {
    return fail(
      apiError(
        'TOO_MANY_ALIASES',
        `${field}: an account holds at most ${MAX_ALIASES} aliases; it has ${existing.length} and ${added.length} would be added`,
      ),
    );
  }
  return ok([...existing, ...added]);
}

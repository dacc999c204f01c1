import { fail, ok, type Result } from '../shared/result.ts';
import { type DomainError, domainError } from './errors.ts';
import { FOREVER } from './records.ts';
import type { AccountAlias, AddAliasesInput } from './types.ts';

/** An account holds at most this many alias records (the Account schema's `aliases` maxItems). */
export const MAX_ALIASES = 10;
const MIN_ALIAS_LENGTH = 1;
const MAX_ALIAS_LENGTH = 50;
/** The published `AccountAlias.value` needs 3 characters: shorter aliases are not listed there. */
export const MIN_LISTED_ALIAS_LENGTH = 3;

/** Lengths in code points, as JSON Schema counts them: 26 × "𝕿" is 26 characters, not 52. */
export function countCodePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** Whether the alias list (`GET /accounts/{id}/account_aliases`) can show this alias. */
export const isListable = (alias: AccountAlias): boolean =>
  countCodePoints(alias.value) >= MIN_LISTED_ALIAS_LENGTH;

/** Where new alias records get their time and ids (a store's port). */
interface Clock {
  now(): Date;
  newId(): string;
}

/**
 * The alias records after adding `input` to `existing`. A value the account already has (or that
 * appears twice in the input) is not added again. Values of 1–50 code points are stored, as the
 * published `CreateAccountAliasRequest` allows (`aliases` strings need 3, which the schema checks);
 * the alias list leaves out those under 3 (`isListable`), since its published schema needs 3.
 */
export function addAliasRecords(
  existing: readonly AccountAlias[],
  input: AddAliasesInput,
  clock: Clock,
  field = 'aliases',
): Result<AccountAlias[], DomainError> {
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
    const length = countCodePoints(alias.value);
    if (length < MIN_ALIAS_LENGTH)
      return fail(
        domainError(
          'INVALID_REQUEST',
          `${alias.path}: must NOT have fewer than ${MIN_ALIAS_LENGTH} characters`,
        ),
      );
    if (length > MAX_ALIAS_LENGTH)
      return fail(
        domainError(
          'INVALID_REQUEST',
          `${alias.path}: must NOT have more than ${MAX_ALIAS_LENGTH} characters`,
        ),
      );
    if (seen.has(alias.value)) continue;
    seen.add(alias.value);
    added.push({
      id: clock.newId(),
      value: alias.value,
      effectiveFrom: alias.effectiveFrom ?? at,
      effectiveUntil: alias.effectiveUntil ?? FOREVER,
      createdAt: at,
    });
  }
  if (existing.length + added.length > MAX_ALIASES) {
    return fail(
      domainError(
        'TOO_MANY_ALIASES',
        `${field}: an account holds at most ${MAX_ALIASES} aliases; it has ${existing.length} and ${added.length} would be added`,
      ),
    );
  }
  return ok([...existing, ...added]);
}

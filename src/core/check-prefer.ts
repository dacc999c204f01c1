import type { SpecOperation, SpecResponse } from '../spec/types.ts';
import { type ApiError, apiError } from './errors.ts';
import type { Preferences } from './parse-prefer.ts';

/**
 * Checks `Prefer: code=` and `example=` against the operation before anything mocks it: a forced
 * status must be documented and a named example must exist in the response it would come from.
 * Left to Prism, an unknown example answers 404 (alone) or 500 (with a code), in Prism's words.
 */
export function checkPreferences(operation: SpecOperation, prefs: Preferences): ApiError | undefined {
  const forced = prefs.code;
  if (forced !== undefined && !isDocumented(operation, forced)) {
    const documented = Object.keys(operation.responses).join(', ');
    return apiError(
      'INVALID_REQUEST',
      `Prefer: code=${forced} is not documented for ${operation.operationId} (${documented})`,
    );
  }
  const name = prefs.example;
  if (name === undefined) return undefined;
  if (name === '') return apiError('INVALID_REQUEST', 'Prefer: example needs the name of an example');
  const [status, response] = responseFor(operation, forced);
  const names = response ? exampleNamesOf(response) : [];
  if (names.includes(name)) return undefined;
  const has = names.length > 0 ? `it has ${names.map((n) => JSON.stringify(n)).join(', ')}` : 'it has none';
  return apiError(
    'INVALID_REQUEST',
    `Prefer: example=${name.slice(0, 100)} is not an example of ${operation.operationId}'s ${status} response (${has})`,
  );
}

/** A forced status must be one the spec declares, or an error status its `default` response covers. */
const isDocumented = (operation: SpecOperation, code: number) =>
  String(code) in operation.responses || (code >= 400 && 'default' in operation.responses);

/** The response a mocker picks: the forced status's (or `default`), else the lowest 2xx (Prism's rule). */
function responseFor(operation: SpecOperation, code: number | undefined): [string, SpecResponse | undefined] {
  const { responses } = operation;
  if (code !== undefined) return [String(code), responses[String(code)] ?? responses.default];
  const success = Object.keys(responses)
    .filter((status) => /^2\d\d$/.test(status))
    .sort()[0];
  return success !== undefined ? [success, responses[success]] : ['default', responses.default];
}

/** The example names of the response's JSON media (the only media this mock serves). */
function exampleNamesOf(response: SpecResponse): string[] {
  const json = Object.entries(response.content).find(([type]) => /\bjson\b/i.test(type))?.[1];
  return Object.keys(json?.examples ?? {});
}

import { readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import { createAjv } from '../../src/spec/create-ajv.ts';
import type { ContractFacts, FactOperation } from '../../src/spec/extract-contract.ts';
import { normalizeSchema } from '../../src/spec/normalize-schema.ts';

export const FIXTURE_URL = new URL('../../fixtures/published/accounts-contract.json', import.meta.url);

export const facts = JSON.parse(readFileSync(FIXTURE_URL, 'utf8')) as ContractFacts;

const templateOf = (op: FactOperation) => new RegExp(`^${op.path.replace(/\{[^}]+\}/g, '[^/]+')}$`);

/** The published operation a request goes to: by method and path template. */
export function findPublished(method: string, path: string): FactOperation | undefined {
  const bare = path.split('?')[0] ?? path;
  return facts.operations.find((op) => op.method === method.toLowerCase() && templateOf(op).test(bare));
}

// The fixture's schemas are OpenAPI 3.0 (`nullable`); ajv reads JSON Schema, so each is normalized.
// The whole fixture is one ajv schema, so `#/schemas/Name` (a recursive schema) resolves inside it.
const ajv = createAjv({ allErrors: true });
ajv.addSchema(
  normalizeSchema({ $id: 'published', operations: facts.operations, schemas: facts.schemas }) as object,
);
const compiled = new Map<string, ValidateFunction>();

/**
 * Errors of `body` against the published schema for (method, path, status); a status the published
 * operation does not declare is judged by its `default` response, as a generated client reads it.
 */
export function checkPublished(method: string, path: string, status: number, body: unknown): string[] {
  const op = findPublished(method, path);
  if (!op) return [`no published operation for ${method} ${path}`];
  const key = String(status) in op.responses ? String(status) : 'default';
  if (!(key in op.responses)) return [`${op.operationId} declares neither ${status} nor default`];
  if (op.responses[key] === null)
    return body === undefined ? [] : [`${op.operationId} ${key} declares no body`];
  const pointer = `published#/operations/${facts.operations.indexOf(op)}/responses/${key}`;
  let validate = compiled.get(pointer);
  if (!validate) {
    validate = ajv.compile({ $ref: pointer });
    compiled.set(pointer, validate);
  }
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}

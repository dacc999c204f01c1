import { fail, ok, type Result } from '../shared/result.ts';
import { buildOperations, isObj } from './build-operations.ts';
import { dereferenceLocal } from './dereference-local.ts';
import type { LoadedSpec } from './types.ts';

/**
 * `buildSpec` for a document prepared ahead of time (parsed JSON, local `$ref`s only): synchronous,
 * with no `$ref` parser, no YAML and no file system, for the MSW adapter and browser bundles.
 */
export function buildPreparedSpec(document: unknown, source = 'spec'): Result<LoadedSpec, string> {
  if (!isObj(document) || typeof document.openapi !== 'string' || !document.openapi.startsWith('3.')) {
    return fail(`spec: ${source} is not an OpenAPI 3.x document (no "openapi: 3.x" field)`);
  }
  if (!isObj(document.paths)) return fail(`spec: ${source} has no paths`);
  try {
    return ok(buildOperations(document, dereferenceLocal(document)));
  } catch (error) {
    return fail(`spec: ${source} has a $ref that cannot be resolved: ${(error as Error).message}`);
  }
}

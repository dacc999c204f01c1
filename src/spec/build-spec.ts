import $RefParser from '@apidevtools/json-schema-ref-parser';
import { fail, ok, type Result } from '../shared/result.ts';
import { buildOperations, isObj, type Obj } from './build-operations.ts';
import type { LoadedSpec } from './types.ts';

/**
 * Builds the operation model from an already parsed document: pure, no file system, so it runs
 * wherever the core does (the loading of files is `load-spec.ts`).
 */
export async function buildSpec(document: unknown, source = 'spec'): Promise<Result<LoadedSpec, string>> {
  if (!isObj(document) || typeof document.openapi !== 'string' || !document.openapi.startsWith('3.')) {
    return fail(`spec: ${source} is not an OpenAPI 3.x document (no "openapi: 3.x" field)`);
  }
  if (!isObj(document.paths)) return fail(`spec: ${source} has no paths`);
  let dereferenced: Obj;
  try {
    // Dereference a copy: Prism and /docs get the original with its $refs.
    dereferenced = (await $RefParser.dereference(structuredClone(document), {
      resolve: { external: false },
    })) as Obj;
  } catch (error) {
    return fail(`spec: ${source} has a $ref that cannot be resolved: ${(error as Error).message}`);
  }
  return ok(buildOperations(document, dereferenced));
}

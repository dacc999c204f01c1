import type { Result } from '../shared/result.ts';
import { buildPreparedSpec } from './build-prepared-spec.ts';
import type { LoadedSpec } from './types.ts';

/**
 * Builds the operation model from an already parsed document: pure, no file system, so it runs
 * wherever the core does (the loading of files is `load-spec.ts`). Local `$ref`s only, resolved by
 * `dereferenceLocal`, which gives what json-schema-ref-parser gave here (`resolve.external: false`;
 * test/spec/prepared-spec.test.ts compares them on Togai's description) without its install and its
 * ~40 ms of start-up. Kept async: it is public, and was.
 */
export async function buildSpec(document: unknown, source = 'spec'): Promise<Result<LoadedSpec, string>> {
  return buildPreparedSpec(document, source);
}

import { BUNDLED_SPEC_GRAPH } from './bundled-spec.generated.ts';
import { FIXTURE_VALIDATOR, OPERATION_VALIDATORS } from './bundled-validators.generated.ts';
import { readPreparedSpec } from './prepared-spec.ts';
import { operationKey } from './request-schemas.ts';
import type { LoadedSpec, PreparedValidators, Validate } from './types.ts';

let built: LoadedSpec | undefined;

const validators: PreparedValidators = {
  forOperation: (operation) =>
    (OPERATION_VALIDATORS as Record<string, Record<string, Validate>>)[operationKey(operation)],
  fixture: FIXTURE_VALIDATOR as Validate,
};

/**
 * The spec shipped with the package, prepared at build time (`npm run build:prepare`): its
 * operations and schemas as built from spec/openapi.yaml, and its validators as ajv's standalone
 * code; no `fs`, no YAML, no compiler. Read once per process or page and shared, as nothing
 * downstream changes a `LoadedSpec`.
 */
export function bundledSpec(): LoadedSpec {
  built ??= readPreparedSpec(BUNDLED_SPEC_GRAPH, validators);
  return built;
}

import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { loadSpec } from '../../src/spec/load-spec.ts';

// ajv-formats is CommonJS with a `default` property; under NodeNext the import is the module itself.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

export type Check = (value: unknown) => string[];

/** Validators for the 200 responses of the spec's operations, from its normalized schemas. */
export async function loadResponseChecks(): Promise<Record<string, Check>> {
  const spec = await loadSpec();
  if (!spec.ok) throw new Error(spec.error);
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const checks: Record<string, Check> = {};
  for (const operation of spec.value.operations) {
    const schema = operation.responses['200']?.content['application/json']?.schema;
    if (schema === undefined) continue;
    const validate = ajv.compile(schema as object);
    checks[operation.operationId] = (value) =>
      validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  }
  return checks;
}

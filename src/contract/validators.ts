import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { createAjv } from '../spec/create-ajv.ts';
import type { JsonSchema, SpecOperation } from '../spec/types.ts';

export interface SchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  message: string;
}

export interface Validators {
  validateBody(schema: JsonSchema, value: unknown): SchemaError[];
  /** Header values arrive as strings: validated by an ajv that coerces them to the schema's type. */
  validateHeader(schema: JsonSchema, value: string): SchemaError[];
}

const toErrors = (errors: ErrorObject[] | null | undefined): SchemaError[] =>
  (errors ?? []).map((e) => ({
    instancePath: e.instancePath === '' ? '/' : e.instancePath,
    schemaPath: e.schemaPath,
    keyword: e.keyword,
    message: describeError(e),
  }));

// ajv's messages for these keywords do not name the offending value; a report reader needs it.
function describeError(e: ErrorObject): string {
  const message = e.message ?? e.keyword;
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties') return `${message}: "${String(params.additionalProperty)}"`;
  if (e.keyword === 'enum') return `${message}: ${JSON.stringify(params.allowedValues)}`;
  return message;
}

/**
 * Compiles every response body and header schema of `operations` once, up front. Schemas are keyed by
 * their JSON text as well as identity: the loader normalizes each operation separately, so one component
 * (the error body) arrives as many equal objects, and should still compile once.
 */
export function createValidators(operations: readonly SpecOperation[]): Validators {
  const bodyAjv = createAjv({ allErrors: true });
  const headerAjv = createAjv({ allErrors: true, coerceTypes: true });
  const byText = new Map<string, ValidateFunction>();
  const byObject = new WeakMap<object, ValidateFunction>();
  const compile = (ajv: Ajv, prefix: string, schema: JsonSchema): ValidateFunction => {
    const known = byObject.get(schema);
    if (known) return known;
    const key = prefix + JSON.stringify(schema);
    const fn = byText.get(key) ?? ajv.compile(schema);
    byText.set(key, fn);
    byObject.set(schema, fn);
    return fn;
  };
  for (const op of operations) {
    for (const response of Object.values(op.responses)) {
      for (const media of Object.values(response.content))
        if (media.schema) compile(bodyAjv, 'b', media.schema);
      for (const header of response.headers) compile(headerAjv, 'h', header.schema);
    }
  }
  return {
    validateBody(schema, value) {
      const fn = compile(bodyAjv, 'b', schema);
      return fn(value) ? [] : toErrors(fn.errors);
    },
    validateHeader(schema, value) {
      const fn = compile(headerAjv, 'h', schema);
      return fn(value) ? [] : toErrors(fn.errors);
    },
  };
}

import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { createAjv } from '../spec/create-ajv.ts';
import type { JsonSchema, SpecOperation } from '../spec/types.ts';
import { mergeAllOf } from './schema/merge-all-of.ts';
import { toAcyclic } from './schema/to-acyclic.ts';

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
  /** A path or query parameter as sent in a URL: coerced like a header. */
  validateParam(schema: JsonSchema, value: string): SchemaError[];
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
 * Compiles each schema once, on first use (or up front for `precompile`'s responses), with every `allOf` merged (as Prism reads a description) and
 * cycles turned into `$ref`s (a dereferenced recursive schema is a cyclic graph ajv cannot walk). Schemas
 * are keyed by identity and by the text of their acyclic form: the loader normalizes each operation
 * separately, so one component (the error body) arrives as many equal objects, and compiles once.
 */
export function createValidators(precompile: readonly SpecOperation[] = []): Validators {
  const bodyAjv = createAjv({ allErrors: true });
  // Parameters and headers arrive as text: coerced to the schema's type, as a server reads them.
  const textAjv = createAjv({ allErrors: true, coerceTypes: true });
  const byText = new Map<string, ValidateFunction>();
  const byObject = { b: new WeakMap<object, ValidateFunction>(), t: new WeakMap<object, ValidateFunction>() };
  const compile = (ajv: Ajv, prefix: 'b' | 't', schema: JsonSchema): ValidateFunction => {
    const known = byObject[prefix].get(schema);
    if (known) return known;
    const acyclic = toAcyclic(mergeAllOf(schema));
    const key = prefix + JSON.stringify(acyclic);
    const fn = byText.get(key) ?? ajv.compile(acyclic);
    byText.set(key, fn);
    byObject[prefix].set(schema, fn);
    return fn;
  };
  for (const op of precompile)
    for (const response of Object.values(op.responses))
      for (const media of Object.values(response.content))
        if (media.schema) compile(bodyAjv, 'b', media.schema);
  const run = (fn: ValidateFunction, value: unknown): SchemaError[] => (fn(value) ? [] : toErrors(fn.errors));
  return {
    validateBody: (schema, value) => run(compile(bodyAjv, 'b', schema), value),
    validateHeader: (schema, value) => run(compile(textAjv, 't', schema), value),
    // A wrapper object, so coercion can replace the value in place as ajv requires. An array is sent
    // comma-separated (`?tags=a,b`), as the mock reads it.
    validateParam: (schema, value) =>
      run(compile(textAjv, 't', { type: 'object', properties: { v: schema }, required: ['v'] }), {
        v: schema.type === 'array' ? value.split(',') : value,
      }),
  };
}

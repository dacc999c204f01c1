import { fail, ok, type Result } from '../shared/result.ts';
import { describeAjvError } from '../spec/describe-ajv-error.ts';
import { BODY_KEY, parameterKey } from '../spec/request-schemas.ts';
import type { JsonSchema, SpecOperation, SpecParameter, Validate } from '../spec/types.ts';
import { type ApiError, apiError } from './errors.ts';

export { isJsonType, jsonMediaOf } from '../spec/request-schemas.ts';

export interface ValidRequest {
  /** Path parameters by the spec's name. */
  path: Record<string, string>;
  /** Path parameters in template order: handlers bound by resource read these, whatever the names. */
  pathValues: string[];
  /** Declared query parameters only, converted to their schema's type. */
  query: Record<string, unknown>;
  body: unknown;
}

interface CompiledParameter {
  param: SpecParameter;
  /** Where a path parameter sits among the template's `{…}` segments. */
  position: number;
  kind: 'integer' | 'number' | 'boolean' | 'string';
  /** For an array-typed query parameter: its items' kind (`?tag=a&tag=b`, or `?tag=a,b`). */
  items?: CompiledParameter['kind'];
  validate: Validate;
}

/** The validators of one operation, built on its first request. */
export interface RequestValidator {
  operation: SpecOperation;
  /** `pathValues` are the decoded path parameters in template order, as the router found them. */
  validate(input: {
    pathValues: string[];
    query: URLSearchParams;
    body: unknown;
  }): Result<ValidRequest, ApiError>;
}

/**
 * The request validator of `operation` over its validation functions by part (`requestSchemasOf`'s
 * keys), whether generated at build time, read from the disk cache or compiled now.
 */
export function createRequestValidator(
  operation: SpecOperation,
  parts: Readonly<Record<string, Validate>>,
): RequestValidator {
  const names = pathNames(operation.path);
  const params = operation.parameters
    .filter((p) => p.in === 'path' || p.in === 'query')
    .map((param): CompiledParameter => {
      const validate = parts[parameterKey(param)];
      if (!validate) throw new Error(`no validator for ${parameterKey(param)} of ${operation.operationId}`);
      return {
        param,
        kind: kindOf(param.schema),
        ...(param.in === 'query' && typeOfSchema(param.schema) === 'array'
          ? { items: kindOf((param.schema.items ?? {}) as JsonSchema) }
          : {}),
        validate,
        position: param.in === 'path' ? names.indexOf(param.name) : -1,
      };
    });
  const validateBody = parts[BODY_KEY];
  const bodyRequired = operation.requestBody?.required === true;

  return {
    operation,
    validate({ pathValues, query: queryValues, body }) {
      const path: Record<string, string> = {};
      const query: Record<string, unknown> = {};
      for (const { param, kind, items, validate, position } of params) {
        let raw: string | undefined;
        if (items !== undefined) {
          const all = queryValues.getAll(param.name);
          if (all.length === 0) {
            if (param.required) return fail(apiError('INVALID_REQUEST', `${param.name}: is required`));
            continue;
          }
          // OpenAPI's default for a query array is `form`, exploded (repeated); `?a=x,y` is its unexploded form.
          const texts = all.length === 1 ? (all[0] as string).split(',') : all;
          const values = texts.map((text) => convert(text, items));
          const bad = values.indexOf(undefined);
          if (bad >= 0)
            return fail(
              apiError(
                codeFor(param.name),
                `${param.name}[${bad}]: must be ${article(items)}, got ${quote(texts[bad] ?? '')}`,
              ),
            );
          if (!validate(values))
            return fail(
              apiError(
                codeFor(param.name),
                describeAjvError(validate.errors?.[0], { root: param.name, prefix: param.name }),
              ),
            );
          query[param.name] = values;
          continue;
        }
        if (param.in === 'path') {
          raw = pathValues[position];
        } else {
          const all = queryValues.getAll(param.name);
          if (all.length > 1) {
            return fail(
              apiError(codeFor(param.name), `${param.name}: must be given once, as a single value`),
            );
          }
          raw = all[0];
        }
        // `?pageSize=` is sent, and empty: not an integer, nor a `nextToken` of at least 1 character.
        if (raw === undefined || (raw === '' && param.in === 'path')) {
          if (param.required) return fail(apiError('INVALID_REQUEST', `${param.name}: is required`));
          continue;
        }
        const value = convert(raw, kind);
        if (value === undefined) {
          return fail(
            apiError(codeFor(param.name), `${param.name}: must be ${article(kind)}, got ${quote(raw)}`),
          );
        }
        if (!validate(value)) {
          return fail(
            apiError(codeFor(param.name), describeAjvError(validate.errors?.[0], { root: param.name })),
          );
        }
        if (param.in === 'path') path[param.name] = raw;
        else query[param.name] = value;
      }
      if (validateBody) {
        if (body === undefined) {
          if (bodyRequired) return fail(apiError('INVALID_REQUEST', 'body: a JSON object is required'));
        } else if (!validateBody(body)) {
          return fail(apiError('INVALID_REQUEST', describeAjvError(validateBody.errors?.[0])));
        }
      }
      return ok({ path, pathValues, query, body });
    },
  };
}

const PARAMETER_CODES: Readonly<Record<string, ApiError['code']>> = {
  pageSize: 'INVALID_PAGE_SIZE',
  sortOrder: 'INVALID_SORT_ORDER',
  nextToken: 'INVALID_TOKEN',
};
const codeFor = (name: string): ApiError['code'] => PARAMETER_CODES[name] ?? 'INVALID_REQUEST';

const typeOfSchema = (schema: JsonSchema): unknown =>
  Array.isArray(schema.type) ? schema.type[0] : schema.type;

function kindOf(schema: JsonSchema): CompiledParameter['kind'] {
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  return type === 'integer' || type === 'number' || type === 'boolean' ? type : 'string';
}

/** Query strings arrive as text; only an exact numeral counts as a number ("1.5", "1e3", " 1" do not). */
function convert(raw: string, kind: CompiledParameter['kind']): unknown {
  switch (kind) {
    case 'integer':
      return /^-?\d{1,15}$/.test(raw) ? Number(raw) : undefined;
    case 'number':
      return /^-?\d{1,15}(\.\d{1,15})?$/.test(raw) ? Number(raw) : undefined;
    case 'boolean':
      return raw === 'true' ? true : raw === 'false' ? false : undefined;
    default:
      return raw;
  }
}

const article = (kind: string) => (kind === 'integer' ? 'an integer' : `a ${kind}`);

/** User input quoted in a message is cut so that the message stays within the spec's 500 characters. */
const quote = (raw: string) => JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw);

/** The names of a template's `{…}` segments, in order. */
function pathNames(template: string): string[] {
  return [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
}

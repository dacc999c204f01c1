import type { ValidateFunction } from 'ajv';
import { fail, ok, type Result } from '../shared/result.ts';
import { createAjv } from '../spec/create-ajv.ts';
import { describeAjvError } from '../spec/describe-ajv-error.ts';
import type { JsonSchema, SpecMedia, SpecOperation, SpecParameter } from '../spec/types.ts';
import { type ApiError, apiError } from './errors.ts';

type Ajv = ReturnType<typeof createAjv>;

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
  validate: ValidateFunction;
}

/** The validators of one operation, compiled once at start-up. */
export interface RequestValidator {
  operation: SpecOperation;
  /** `pathValues` are the decoded path parameters in template order, as the router found them. */
  validate(input: {
    pathValues: string[];
    query: URLSearchParams;
    body: unknown;
  }): Result<ValidRequest, ApiError>;
}

export function compileRequestValidator(operation: SpecOperation, ajv: Ajv = createAjv()): RequestValidator {
  const names = pathNames(operation.path);
  const params = operation.parameters
    .filter((p) => p.in === 'path' || p.in === 'query')
    .map(
      (param): CompiledParameter => ({
        param,
        kind: kindOf(param.schema),
        validate: ajv.compile(param.schema),
        position: param.in === 'path' ? names.indexOf(param.name) : -1,
      }),
    );
  const bodySchema = jsonMediaOf(operation.requestBody?.content)?.schema;
  const validateBody = bodySchema ? ajv.compile(bodySchema) : undefined;
  const bodyRequired = operation.requestBody?.required === true;

  return {
    operation,
    validate({ pathValues, query: queryValues, body }) {
      const path: Record<string, string> = {};
      const query: Record<string, unknown> = {};
      for (const { param, kind, validate, position } of params) {
        let raw: string | undefined;
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

/** The body's JSON media: `application/json`, else the first `+json` type (`merge-patch+json`). */
export function jsonMediaOf(content: Record<string, SpecMedia> | undefined): SpecMedia | undefined {
  if (!content) return undefined;
  const type =
    Object.keys(content).find((t) => t === 'application/json') ?? Object.keys(content).find(isJsonType);
  return type === undefined ? undefined : content[type];
}

/** `application/json` or any `type/subtype+json`, parameters ignored. */
export function isJsonType(mediaType: string): boolean {
  const type = (mediaType.split(';')[0] ?? '').trim().toLowerCase();
  return type === 'application/json' || /^[a-z0-9!#$&^_.-]+\/[a-z0-9!#$&^_.+-]+\+json$/.test(type);
}

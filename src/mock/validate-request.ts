import type { ErrorObject, ValidateFunction } from 'ajv';
import { type ApiError, apiError } from '../errors.ts';
import { fail, ok, type Result } from '../result.ts';
import { createAjv } from '../spec/create-ajv.ts';
import type { JsonSchema, SpecOperation, SpecParameter } from '../spec/types.ts';

type Ajv = ReturnType<typeof createAjv>;

export interface ValidRequest {
  path: Record<string, string>;
  /** Declared query parameters only, converted to their schema's type. */
  query: Record<string, unknown>;
  body: unknown;
}

interface CompiledParameter {
  param: SpecParameter;
  kind: 'integer' | 'number' | 'boolean' | 'string';
  validate: ValidateFunction;
}

/** The validators of one operation, compiled once at start-up. */
export interface RequestValidator {
  operation: SpecOperation;
  validate(input: {
    params: Record<string, string>;
    query: Record<string, unknown>;
    body: unknown;
  }): Result<ValidRequest, ApiError>;
}

export function compileRequestValidator(operation: SpecOperation, ajv: Ajv = createAjv()): RequestValidator {
  const params = operation.parameters
    .filter((p) => p.in === 'path' || p.in === 'query')
    .map(
      (param): CompiledParameter => ({
        param,
        kind: kindOf(param.schema),
        validate: ajv.compile(param.schema),
      }),
    );
  const bodySchema = operation.requestBody?.content['application/json']?.schema;
  const validateBody = bodySchema ? ajv.compile(bodySchema) : undefined;
  const bodyRequired = operation.requestBody?.required === true;

  return {
    operation,
    validate({ params: pathValues, query: queryValues, body }) {
      const path: Record<string, string> = {};
      const query: Record<string, unknown> = {};
      for (const { param, kind, validate } of params) {
        const raw = param.in === 'path' ? pathValues[param.name] : queryValues[param.name];
        // `?pageSize=` is sent, and empty: not an integer, nor a `nextToken` of at least 1 character.
        if (raw === undefined || (raw === '' && param.in === 'path')) {
          if (param.required) return fail(apiError('INVALID_REQUEST', `${param.name}: is required`));
          continue;
        }
        if (typeof raw !== 'string') {
          return fail(apiError(codeFor(param.name), `${param.name}: must be given once, as a single value`));
        }
        const value = convert(raw, kind);
        if (value === undefined) {
          return fail(
            apiError(codeFor(param.name), `${param.name}: must be ${article(kind)}, got ${quote(raw)}`),
          );
        }
        if (!validate(value)) {
          return fail(apiError(codeFor(param.name), `${param.name}: ${describe(validate.errors?.[0])}`));
        }
        if (param.in === 'path') path[param.name] = raw;
        else query[param.name] = value;
      }
      if (validateBody) {
        if (body === undefined) {
          if (bodyRequired) return fail(apiError('INVALID_REQUEST', 'body: a JSON object is required'));
        } else if (!validateBody(body)) {
          return fail(apiError('INVALID_REQUEST', bodyMessage(validateBody.errors?.[0])));
        }
      }
      return ok({ path, query, body });
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

function describe(error: ErrorObject | undefined): string {
  if (!error) return 'is invalid';
  if (error.keyword === 'enum')
    return `must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`;
  return error.message ?? 'is invalid';
}

/** Names the offending field of a body: `name`, `address.country`, `aliases[2]`, or `body` itself. */
function bodyMessage(error: ErrorObject | undefined): string {
  if (!error) return 'body: is invalid';
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let field = segments.reduce((acc, s) => (/^\d+$/.test(s) ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s), '');
  const join = (name: string) => (field ? `${field}.${name}` : name);
  if (error.keyword === 'required') field = join(String(error.params.missingProperty));
  if (error.keyword === 'additionalProperties') {
    return `${join(String(error.params.additionalProperty))}: is not an allowed property`;
  }
  return `${field || 'body'}: ${describe(error)}`;
}

import { fail, ok, type Result } from '../../shared/result.ts';
import { createAjv } from '../create-ajv.ts';
import { describeAjvError } from '../describe-ajv-error.ts';
import type { ListShape, Role } from './resource-types.ts';

/** What an overlay (or an `x-togai-mock-resource` extension) says about one collection. */
export interface ResourceHint {
  name?: string;
  /** The item's key property (`"id"`), or the parameter and property when the path has several. */
  key?: string;
  list?: Partial<ListShape>;
  /** `false` keeps it answered from examples, with `why` as the reason shown. */
  stateful?: false;
  why?: string;
}

/** What an overlay (or `x-togai-mock-role`) says about one operation. */
export interface OperationHint {
  /** `none`: not part of any resource (answered from examples). */
  role: Role | 'none';
  /** The collection path it belongs to, when not the one its own path implies. */
  resource?: string;
  why?: string;
}

/**
 * `togai-mock.resources.json`: corrections to the inferred model where a description is ambiguous.
 * `resources` by collection path (`/pets`), `operations` by operationId.
 */
export interface ResourceOverlay {
  resources?: Record<string, ResourceHint>;
  operations?: Record<string, OperationHint>;
}

export const OVERLAY_FILE = 'togai-mock.resources.json';

const ROLES = ['list', 'create', 'read', 'update', 'replace', 'delete', 'action', 'none'];

const hintSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string', pattern: '^[A-Za-z0-9_.-]+$' },
    key: { type: 'string', minLength: 1 },
    stateful: { const: false },
    why: { type: 'string', minLength: 1 },
    list: {
      type: 'object',
      additionalProperties: false,
      properties: {
        envelope: { enum: ['array', 'object'] },
        items: { type: 'string', minLength: 1 },
        next: { type: 'string', minLength: 1 },
        pageSize: { type: 'string', minLength: 1 },
        page: {
          type: 'object',
          additionalProperties: false,
          required: ['param', 'style'],
          properties: {
            param: { type: 'string', minLength: 1 },
            style: { enum: ['token', 'cursor', 'offset', 'number'] },
          },
        },
      },
    },
  },
} as const;

const operationSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['role'],
  properties: {
    role: { enum: ROLES },
    resource: { type: 'string', pattern: '^/' },
    why: { type: 'string', minLength: 1 },
  },
} as const;

/** The JSON Schema of `togai-mock.resources.json` (also what `x-` extensions are checked against). */
export const OVERLAY_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    resources: {
      type: 'object',
      propertyNames: { pattern: '^/' },
      additionalProperties: hintSchema,
    },
    operations: { type: 'object', additionalProperties: operationSchema },
  },
} as const;

type Validate = ReturnType<ReturnType<typeof createAjv>['compile']>;
let validators: Record<'overlay' | 'hint' | 'operation', Validate> | undefined;
const compiled = () => {
  if (!validators) {
    const ajv = createAjv();
    validators = {
      overlay: ajv.compile(OVERLAY_SCHEMA),
      hint: ajv.compile(hintSchema),
      operation: ajv.compile(operationSchema),
    };
  }
  return validators;
};

function check<T>(validate: Validate, value: unknown, source: string): Result<T, string> {
  if (validate(value)) return ok(value as T);
  return fail(`${source}: ${describeAjvError(validate.errors?.[0], { root: '(the whole value)' })}`);
}

/** Checks a parsed overlay; the error names the file, the field and what is wrong with it. */
export const readOverlay = (value: unknown, source = OVERLAY_FILE): Result<ResourceOverlay, string> =>
  check(compiled().overlay, value, source);

/** Checks an `x-togai-mock-resource` extension; `where` names it in the error. */
export const readHint = (value: unknown, where: string): Result<ResourceHint, string> =>
  check(compiled().hint, value, where);

/** Checks an `x-togai-mock-role` extension: a role, or `{role, resource, why}`. */
export const readRole = (value: unknown, where: string): Result<OperationHint, string> =>
  check(compiled().operation, typeof value === 'string' ? { role: value } : value, where);

import type { ValidateFunction } from 'ajv';
import { fail, ok, type Result } from '../shared/result.ts';
import { createAjv } from '../spec/create-ajv.ts';
import { describeAjvError } from '../spec/describe-ajv-error.ts';
import { checkPreferences } from './check-prefer.ts';
import { type ApiError, apiError } from './errors.ts';
import type { FaultSpec } from './fault-queue.ts';
import type { Router } from './router.ts';
import type { OperationRoute } from './serve-operation.ts';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
/** Headers a fault may not set: the adapter frames the answer itself. */
const FRAMING = /^(content-length|transfer-encoding|connection|keep-alive|upgrade|trailer)$/i;

const SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    tenant: { type: 'string', minLength: 1, maxLength: 64 },
    method: { type: 'string', enum: [...METHODS, '*'] },
    path: { type: 'string', pattern: '^/', maxLength: 500 },
    operation: { type: 'string', minLength: 1, maxLength: 200 },
    status: { type: 'integer', minimum: 100, maximum: 599 },
    body: {},
    headers: {
      type: 'object',
      maxProperties: 20,
      propertyNames: { pattern: "^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$" },
      additionalProperties: { type: 'string', maxLength: 1000 },
    },
    example: { type: 'string', minLength: 1, maxLength: 200 },
    delayMs: { type: 'integer', minimum: 0, maximum: 60_000 },
    reset: { type: 'boolean' },
    count: { type: 'integer', minimum: 1, maximum: 10_000 },
  },
} as const;

let validate: ValidateFunction | undefined;

export type FaultRequest = FaultSpec & { tenant?: string };

/**
 * The body of `POST /__admin/faults`, checked field by field (messages name the field, like the
 * API's), for consistency (a dropped connection has no status), and against the spec: a fault no
 * request could ever match is a mistake worth a 400 now, not a silence later.
 */
export function parseFault(
  body: unknown,
  router: Router<OperationRoute>,
  operations: readonly string[],
): Result<FaultRequest, ApiError> {
  const input =
    typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : undefined;
  if (input === undefined)
    return fail(apiError('INVALID_REQUEST', 'body: must be an object describing the fault'));
  // Methods are accepted in any case, as HTTP clients write them.
  const method = typeof input.method === 'string' ? input.method.toUpperCase() : input.method;
  const candidate = { ...input, ...(method !== undefined ? { method } : {}) };
  validate ??= createAjv().compile(SCHEMA);
  if (!validate(candidate)) return fail(apiError('INVALID_REQUEST', describeAjvError(validate.errors?.[0])));
  const spec = candidate as unknown as FaultRequest & { method?: string };
  const refused = checkConsistency(spec) ?? checkTarget(spec, router, operations);
  if (refused) return fail(apiError('INVALID_REQUEST', refused));
  const { method: given, ...rest } = spec;
  return ok({
    ...rest,
    ...(given !== undefined && given !== '*' ? { method: given } : {}),
    count: spec.count ?? 1,
  });
}

function checkConsistency(spec: FaultRequest): string | undefined {
  const answers = spec.status !== undefined || spec.body !== undefined || spec.example !== undefined;
  if (!answers && spec.reset !== true && spec.delayMs === undefined)
    return 'body: say what the fault does: status, body, example, delayMs or reset';
  if (spec.reset === true && answers)
    return 'reset: drops the connection, so it takes no status, body or example';
  if (spec.body !== undefined && spec.example !== undefined)
    return 'example: give a body or an example, not both';
  if (spec.path === undefined && spec.operation === undefined && spec.method === undefined)
    return 'path: say which requests the fault catches: a path (with * and **), an operation or a method';
  const framing = Object.keys(spec.headers ?? {}).find((name) => FRAMING.test(name));
  if (framing !== undefined) return `headers.${framing}: is set by the server itself`;
  return undefined;
}

/** The operations a fault could catch, checked by routing a path with each `*` filled in. */
function checkTarget(
  spec: FaultRequest,
  router: Router<OperationRoute>,
  operations: readonly string[],
): string | undefined {
  if (spec.operation !== undefined && !operations.includes(spec.operation))
    return `operation: the spec has no operation ${JSON.stringify(spec.operation.slice(0, 100))}`;
  const candidates: OperationRoute[] = [];
  if (spec.path !== undefined && !spec.path.includes('**')) {
    const found = router.match(spec.path.replaceAll('*', 'x'));
    if (!found) return `path: no operation of the spec is at ${spec.path.slice(0, 200)}`;
    for (const [method, route] of found.routes.byMethod) {
      if (spec.method === undefined || spec.method === '*' || spec.method === method) candidates.push(route);
    }
    if (candidates.length === 0) return `method: ${spec.method} is not allowed on ${found.routes.template}`;
  }
  if (
    spec.example === undefined &&
    (spec.status === undefined || spec.status >= 400 || spec.body !== undefined)
  )
    return undefined;
  // A named example, or a success status answered from the spec: some candidate must document it.
  const prefs = {
    ...(spec.status !== undefined ? { code: spec.status } : {}),
    ...(spec.example !== undefined ? { example: spec.example } : {}),
  };
  const refusals = candidates.map((route) => checkPreferences(route.operation, prefs));
  if (candidates.length === 0 || refusals.some((refusal) => refusal === undefined)) return undefined;
  return (refusals[0]?.message ?? '').replace(/^Prefer: (example|code)=/, (_, field: string) =>
    field === 'code' ? 'status: ' : 'example: ',
  );
}

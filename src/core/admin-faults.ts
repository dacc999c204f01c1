import { tenantName } from '../shared/logged-request.ts';
import type { AdminDeps } from './admin.ts';
import { isAdmin, refuseUnlessAdmin } from './admin-caller.ts';
import { readBearerToken } from './auth.ts';
import { apiError } from './errors.ts';
import { parseFault } from './parse-fault.ts';
import { readJsonBody } from './read-body.ts';
import { errorResponse, jsonResponse, type RequestNotes } from './respond.ts';
import type { CoreRequest, CoreResponse } from './types.ts';

/** Whose faults a call is about: a tenant's name, or every tenant's (`undefined`, admin only). */
type Scope = { ok: true; tenant: string | undefined } | { ok: false; refused: CoreResponse };

/**
 * `/__admin/faults`: `POST` queues a fault for the caller's tenant (the admin token may name any
 * tenant with `tenant`, or `*` for every one), `GET` lists, `DELETE` clears, `DELETE /{id}` removes
 * one. A tenant sees and touches only its own faults and those the admin queued for everybody.
 */
export async function serveFaults(
  deps: AdminDeps,
  request: CoreRequest,
  notes: RequestNotes,
  id: string | undefined,
  all: boolean,
): Promise<CoreResponse> {
  const method = request.method === 'HEAD' ? 'GET' : request.method;
  if (method === 'POST' && id === undefined) return queueFault(deps, request, notes);
  const scope = scopeOf(deps, request, notes, request.query.get('tenant') ?? undefined, all);
  if (!scope.ok) return scope.refused;
  if (method === 'GET' && id === undefined)
    return jsonResponse(200, { data: await deps.faults.list(scope.tenant) });
  if (method === 'DELETE') {
    const removed = await deps.faults.remove(scope.tenant, id);
    if (id !== undefined && removed === 0) {
      return errorResponse(
        notes,
        apiError('NOT_FOUND', `id: no queued fault ${id.slice(0, 40)} of this tenant`),
      );
    }
    return jsonResponse(200, { success: true, removed });
  }
  return errorResponse(
    notes,
    apiError(
      'METHOD_NOT_ALLOWED',
      `method: ${request.method} is not allowed on ${request.path.slice(0, 200)}`,
    ),
    { allow: id === undefined ? 'GET, HEAD, POST, DELETE' : 'DELETE' },
  );
}

async function queueFault(deps: AdminDeps, request: CoreRequest, notes: RequestNotes): Promise<CoreResponse> {
  const body = await readJsonBody(request);
  if (!body.ok) return errorResponse(notes, body.error);
  const { router, operationIds } = deps.spec();
  const parsed = parseFault(body.value, router, operationIds);
  if (!parsed.ok) return errorResponse(notes, parsed.error);
  const { tenant: named, ...spec } = parsed.value;
  const scope = scopeOf(deps, request, notes, named, false);
  if (!scope.ok) return scope.refused;
  if (scope.tenant === undefined) {
    return errorResponse(
      notes,
      apiError(
        'INVALID_REQUEST',
        'tenant: name the tenant as the request log names it, or "*" for every tenant',
      ),
    );
  }
  const added = await deps.faults.add(scope.tenant, spec);
  return added.ok ? jsonResponse(201, added.value) : errorResponse(notes, added.error);
}

/**
 * A tenant names itself with its bearer token. Naming a tenant (`tenant`) or every tenant (`all`)
 * needs the admin token; the admin with neither speaks for the bearer token it also sends, if any.
 */
function scopeOf(
  deps: AdminDeps,
  request: CoreRequest,
  notes: RequestNotes,
  named: string | undefined,
  all: boolean,
): Scope {
  if (named !== undefined || all) {
    const refused = refuseUnlessAdmin(deps.adminToken, request, notes);
    if (refused) return { ok: false, refused };
    return { ok: true, tenant: all ? undefined : named };
  }
  const auth = readBearerToken(request.headers.authorization);
  if (auth.ok) return { ok: true, tenant: tenantName(auth.value) };
  if (isAdmin(deps.adminToken, request)) return { ok: true, tenant: undefined };
  return {
    ok: false,
    refused: errorResponse(
      notes,
      apiError('UNAUTHORIZED', 'Authorization: name the tenant with its own Bearer token'),
    ),
  };
}

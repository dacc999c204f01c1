import { DomainException } from '../store/errors.ts';
import { apiError } from './errors.ts';
import { errorResponse, type RequestNotes } from './respond.ts';
import type { Router } from './router.ts';
import { type OperationDeps, type OperationRoute, serveOperation } from './serve-operation.ts';
import type { CoreAnswer, CoreRequest } from './types.ts';

/** Routing from the spec: 404 for an unknown path, 405 with `Allow` for another method on a known one. */
export function route(
  router: Router<OperationRoute>,
  deps: OperationDeps,
  request: CoreRequest,
  notes: RequestNotes,
): Promise<CoreAnswer> | CoreAnswer {
  const found = router.match(request.path);
  if (!found) {
    return errorResponse(
      notes,
      apiError('NOT_FOUND', `path: no operation at ${request.method} ${request.path.slice(0, 200)}`),
    );
  }
  const method = request.method === 'HEAD' ? 'GET' : request.method;
  const operation = found.routes.byMethod.get(method);
  if (!operation) {
    return errorResponse(
      notes,
      apiError('METHOD_NOT_ALLOWED', `method: ${request.method} is not allowed on ${found.routes.template}`),
      { allow: found.routes.allow },
    );
  }
  const values: string[] = [];
  for (const raw of found.rawValues) {
    try {
      values.push(raw.includes('%') ? decodeURIComponent(raw) : raw);
    } catch {
      return errorResponse(notes, apiError('INVALID_REQUEST', 'path: has malformed percent-encoding'));
    }
  }
  return serveOperation(deps, operation, request, values, notes);
}

/** A store's thrown domain error (a backend down) is its own answer; anything else is a bug: 500. */
export function renderThrown(error: unknown, notes: RequestNotes): CoreAnswer {
  if (error instanceof DomainException) return errorResponse(notes, error.error);
  console.error(error);
  return errorResponse(
    notes,
    apiError('INTERNAL', 'internal: the mock hit an unexpected error; see its log'),
  );
}

import { checkPreferences } from './check-prefer.ts';
import { apiError, codeForStatus } from './errors.ts';
import type { QueuedFault } from './fault-queue.ts';
import { errorResponse, jsonResponse, type RequestNotes } from './respond.ts';
import { serveFromFallback } from './serve-fallback.ts';
import type { OperationDeps, OperationRoute } from './serve-operation.ts';
import type { CoreAnswer, CoreRequest } from './types.ts';

/**
 * The answer of a queued fault (`POST /__admin/faults`) that caught this request, after its delay:
 * a dropped connection, the body given, a named example or the documented answer of a status (as
 * `Prefer: example=`/`code=` would give), or an error in the API's `{message}` shape. Undefined
 * when the fault only delays: the real answer follows.
 */
export async function answerFault(
  deps: OperationDeps,
  route: OperationRoute,
  request: CoreRequest,
  fault: QueuedFault,
  notes: RequestNotes,
): Promise<CoreAnswer | undefined> {
  const by = `fault ${fault.id} (queued with POST /__admin/faults)`;
  if (fault.delayMs) await deps.sleep(fault.delayMs);
  if (fault.reset) {
    notes.problem = `${by}: connection dropped`;
    return { fault: 'reset', holdMs: 0 };
  }
  const headers = { ...fault.headers };
  if (fault.body !== undefined) {
    notes.problem = `${by}: its body`;
    return jsonResponse(fault.status ?? 200, fault.body, headers);
  }
  const { status, example } = fault;
  if (example === undefined && (status === undefined || status >= 400)) {
    if (status === undefined) return undefined;
    notes.problem = `${by}: ${status}`;
    const message = `fault: a ${status} queued for this tenant (${fault.id})`;
    const answer = errorResponse(notes, apiError(codeForStatus(status), message), headers);
    return { ...answer, status, headers: { ...answer.headers, 'x-error-code': codeForStatus(status) } };
  }
  const prefs = {
    ...(status !== undefined ? { code: status } : {}),
    ...(example !== undefined ? { example } : {}),
  };
  const refused = checkPreferences(route.operation, prefs);
  if (refused) return errorResponse(notes, apiError('INJECTED_FAULT', `${by}: ${refused.message}`));
  const answer = await serveFromFallback(deps, request, undefined, prefs, notes);
  notes.problem = `${by}: ${example !== undefined ? `example ${example}` : status}`;
  return { ...answer, headers: { ...answer.headers, ...headers } };
}

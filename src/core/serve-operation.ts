import type { SpecOperation } from '../spec/types.ts';
import { answerFault } from './apply-fault.ts';
import type { Chaos } from './chaos.ts';
import { checkPreferences } from './check-prefer.ts';
import { type ApiError, apiError } from './errors.ts';
import type { FaultQueuePort } from './fault-queue.ts';
import type { Handler } from './handlers.ts';
import { fillAnswer } from './items/fill-answer.ts';
import type { PageDefaults } from './paginate.ts';
import { type Preferences, parsePrefer, wantsFallback } from './parse-prefer.ts';
import { MAX_BODY_BYTES, readJsonBody } from './read-body.ts';
import { challengeFor, readCredentials } from './read-credentials.ts';
import { errorResponse, jsonResponse, type RequestNotes } from './respond.ts';
import { serveFromFallback } from './serve-fallback.ts';
import type { TenantRegistry } from './store-port.ts';
import type { CoreAnswer, CoreRequest, CoreResponse, Fallback, MaybePromise } from './types.ts';
import type { RequestValidator } from './validate-request.ts';

export interface OperationDeps {
  tenants: TenantRegistry;
  fallback: Fallback;
  secret: string;
  chaos: Chaos;
  /** How long `Prefer: fail=timeout` holds a request before dropping the connection. */
  holdMs: number;
  /** The clock of the rate limiter, in ms (injectable so tests need not wait). */
  now(): number;
  sleep(ms: number): Promise<void>;
  faults: FaultQueuePort;
}

export interface OperationRoute {
  operation: SpecOperation;
  /** The operation's request validator, made on first use (see build-routes.ts). */
  validator(): MaybePromise<RequestValidator>;
  pageDefaults: PageDefaults;
  /** The store's handler for this operation's resource; absent: the fallback answers. */
  handler?: Handler;
  /**
   * An error's body in the shape the description documents for it (another API's errors are not
   * Togai's `{"message"}`); absent for Togai's, or undefined for a status it documents no schema for.
   */
  shapeError?: (status: number, message: string) => unknown;
}

/**
 * One request to one spec operation: auth → rate limit → scenario controls → body → validation →
 * the store's handler, or the fallback for operations the store does not implement. Auth comes
 * before the body is read: a client without a token learns nothing else (and sends no more).
 */
export async function serveOperation(
  deps: OperationDeps,
  route: OperationRoute,
  request: CoreRequest,
  pathValues: string[],
  notes: RequestNotes,
): Promise<CoreAnswer> {
  const { operation } = route;
  notes.operation = operation.operationId;
  const refuse = (error: ApiError, headers: Record<string, string> = {}): CoreResponse => {
    const answer = errorResponse(notes, error, headers);
    const shaped = route.shapeError?.(answer.status, error.message);
    return shaped === undefined ? answer : { ...answer, body: JSON.stringify(shaped) };
  };
  if (operation.requiresAuth) {
    const auth = readCredentials(request, operation.security);
    if (!auth.ok) {
      const challenge = challengeFor(operation.security);
      return refuse(auth.error, challenge ? { 'www-authenticate': challenge } : {});
    }
    notes.token = auth.value;
    const notice = deps.tenants.resetNotice?.(auth.value);
    if (notice !== undefined) notes.resetNotice = notice;
  }
  const wait = deps.chaos.retryAfter(notes.token, deps.now());
  if (wait > 0) {
    return refuse(apiError('RATE_LIMITED', `rate limit: too many requests; retry in ${wait} s`), {
      'retry-after': String(wait),
    });
  }
  const prefs = parsePrefer(request.headers.prefer);
  if (!prefs.ok) return refuse(prefs.error);
  const refused = checkPreferences(operation, prefs.value);
  if (refused) return refuse(refused);
  const delay = prefs.value.delayMs ?? deps.chaos.delay();
  if (delay > 0) await deps.sleep(delay);
  const fault = injectFault(deps, prefs.value, notes);
  if (fault) return fault;
  const target = { method: request.method, path: request.path, operation: operation.operationId };
  const taken = deps.faults.take(notes.token, target);
  const queued = taken instanceof Promise ? await taken : taken;
  if (queued) {
    const answer = await answerFault(deps, route, request, queued, notes);
    if (answer) return answer;
  }

  let body: unknown;
  if (operation.requestBody) {
    const read = await readJsonBody(request, MAX_BODY_BYTES, (bytes) => {
      notes.requestBody = bytes;
    });
    if (!read.ok) return refuse(read.error);
    body = read.value;
  }
  const made = route.validator();
  const validator = made instanceof Promise ? await made : made;
  const valid = validator.validate({ pathValues, query: request.query, body });
  if (!valid.ok) return refuse(valid.error);

  if (!route.handler || wantsFallback(prefs.value))
    return serveFromFallback(deps, request, body, prefs.value, notes);
  const pending = route.handler({
    store: deps.tenants.get(notes.token),
    request: valid.value,
    secret: deps.secret,
    pageDefaults: route.pageDefaults,
  });
  // The in-memory store answers at once: no extra tick for it, one `await` for a shared store.
  const result = pending instanceof Promise ? await pending : pending;
  if (!result.ok) return refuse(result.error);
  if (result.value.fromExamples) {
    const answer = await serveFromFallback(deps, request, body, prefs.value, notes);
    return fillAnswer(operation, answer, result.value.body, valid.value.path);
  }
  if (result.value.body === undefined) return { status: result.value.status, headers: {} };
  return jsonResponse(result.value.status, result.value.body);
}

/** `Prefer: fail=…` and `--error-rate`: the answer (or fault) that replaces the real one. */
function injectFault(deps: OperationDeps, prefs: Preferences, notes: RequestNotes): CoreAnswer | undefined {
  if (prefs.fail === 'reset') return { fault: 'reset', holdMs: 0 };
  if (prefs.fail === 'timeout') return { fault: 'timeout', holdMs: deps.holdMs };
  if (prefs.fail === '500' || deps.chaos.shouldFail()) {
    const by = prefs.fail ? 'Prefer: fail=500' : '--error-rate';
    return errorResponse(notes, apiError('INJECTED_FAULT', `fault: a server error injected by ${by}`));
  }
  return undefined;
}

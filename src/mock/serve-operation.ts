import type { Request, Response } from 'express';
import { apiError, ERROR_STATUS, type ErrorCode } from '../errors.ts';
import type { SpecOperation } from '../spec/types.ts';
import type { AccountStore } from '../store/types.ts';
import { readBearerToken } from './auth.ts';
import type { Chaos } from './chaos.ts';
import { HANDLERS } from './handlers.ts';
import type { PageDefaults } from './paginate.ts';
import { type Preferences, parsePrefer, wantsPrism } from './parse-prefer.ts';
import type { Fallback } from './prism-fallback.ts';
import { sendError } from './send-error.ts';
import { serializeReply } from './serialize-reply.ts';
import type { RequestValidator } from './validate-request.ts';

export interface OperationDeps {
  storeFor(token: string): AccountStore;
  /** Why the tenant's data was dropped without it asking (`evicted`, `expired`), if it was. */
  resetNotice?(token: string): string | undefined;
  fallback(): Promise<Fallback>;
  secret: string;
  chaos: Chaos;
  /** How long `Prefer: fail=timeout` holds a request before dropping the connection. */
  holdMs: number;
  /** The clock of the rate limiter, in ms (injectable so tests need not wait). */
  now(): number;
}

export interface OperationRoute {
  operation: SpecOperation;
  validator: RequestValidator;
  pageDefaults: PageDefaults;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One request to one spec operation: auth → rate limit → scenario controls → validation →
 * the store's handler, or Prism's mocker for operations the store does not implement.
 */
export async function serveOperation(
  deps: OperationDeps,
  route: OperationRoute,
  req: Request,
  res: Response,
) {
  const { operation } = route;
  let token = '';
  if (operation.requiresAuth) {
    const auth = readBearerToken(req.headers.authorization);
    if (!auth.ok) return sendError(res, auth.error, { 'WWW-Authenticate': 'Bearer' });
    token = auth.value;
  }
  res.locals.tenant = token;
  const notice = token === '' ? undefined : deps.resetNotice?.(token);
  if (notice !== undefined) res.set('X-Tenant-Reset', notice);
  const wait = deps.chaos.retryAfter(token, deps.now());
  if (wait > 0) {
    return sendError(res, apiError('RATE_LIMITED', `rate limit: too many requests; retry in ${wait} s`), {
      'Retry-After': String(wait),
    });
  }
  const prefs = parsePrefer(req.get('prefer'));
  if (!prefs.ok) return sendError(res, prefs.error);
  const forced = prefs.value.code;
  if (forced !== undefined && !isDocumented(operation, forced)) {
    const documented = Object.keys(operation.responses).join(', ');
    return sendError(
      res,
      apiError(
        'INVALID_REQUEST',
        `Prefer: code=${forced} is not documented for ${operation.operationId} (${documented})`,
      ),
    );
  }
  const delay = prefs.value.delayMs ?? deps.chaos.delay();
  if (delay > 0) await sleep(delay);
  if (injectFault(deps, prefs.value, req, res)) return;

  const valid = route.validator.validate({
    params: req.params as Record<string, string>,
    query: req.query as Record<string, unknown>,
    body: req.body,
  });
  if (!valid.ok) return sendError(res, valid.error);

  const handler = HANDLERS[operation.operationId];
  if (!handler || wantsPrism(prefs.value)) return serveFromPrism(deps, req, res, prefs.value);
  const result = handler({
    store: deps.storeFor(token),
    request: valid.value,
    secret: deps.secret,
    pageDefaults: route.pageDefaults,
  });
  if (!result.ok) return sendError(res, result.error);
  res
    .status(result.value.status)
    .set('Content-Type', 'application/json; charset=utf-8')
    .send(serializeReply(result.value.body));
}

/** A forced status must be one the spec declares, or an error status its `default` response covers. */
const isDocumented = (operation: SpecOperation, code: number) =>
  String(code) in operation.responses || (code >= 400 && 'default' in operation.responses);

/** `Prefer: fail=…` and `--error-rate`: answers (or drops) the request and returns true. */
function injectFault(deps: OperationDeps, prefs: Preferences, req: Request, res: Response): boolean {
  if (prefs.fail === 'reset') {
    req.socket.destroy();
    return true;
  }
  if (prefs.fail === 'timeout') {
    const timer = setTimeout(() => req.socket.destroy(), deps.holdMs);
    res.on('close', () => clearTimeout(timer));
    return true;
  }
  if (prefs.fail === '500' || deps.chaos.shouldFail()) {
    sendError(
      res,
      apiError(
        'INJECTED_FAULT',
        `fault: a server error injected by ${prefs.fail ? 'Prefer: fail=500' : '--error-rate'}`,
      ),
    );
    return true;
  }
  return false;
}

async function serveFromPrism(deps: OperationDeps, req: Request, res: Response, prefs: Preferences) {
  const fallback = await deps.fallback();
  const answer = await fallback(
    {
      method: req.method,
      path: req.path,
      query: req.query as Record<string, string | string[]>,
      headers: req.headers as Record<string, string>,
      body: req.body,
    },
    {
      ...(prefs.code !== undefined ? { code: prefs.code } : {}),
      ...(prefs.example ? { example: prefs.example } : {}),
      dynamic: prefs.dynamic === true,
    },
  );
  res.status(answer.status);
  for (const [name, value] of Object.entries(answer.headers)) {
    if (name.toLowerCase() !== 'content-length') res.setHeader(name, value);
  }
  if (answer.status >= 400) res.setHeader('X-Error-Code', errorCodeForStatus(answer.status));
  if (answer.body === undefined) res.end();
  else res.json(answer.body);
}

/** Prism fills headers from their schema ("string"); a forced error gets the first code of its status. */
function errorCodeForStatus(status: number): string {
  const code = (Object.keys(ERROR_STATUS) as ErrorCode[]).find((c) => ERROR_STATUS[c] === status);
  return code ?? (status === 400 ? 'INVALID_REQUEST' : 'INTERNAL');
}

import { fail, ok, type Result } from '../shared/result.ts';
import { readBearerToken } from './auth.ts';
import { type ApiError, apiError } from './errors.ts';
import { ADMIN_CALLER } from './request-log.ts';
import { errorResponse, type RequestNotes } from './respond.ts';
import type { CoreRequest, CoreResponse } from './types.ts';

const MAX_LOG_LIMIT = 10_000;

/** Calls about every tenant: allowed only with the server's admin token. */
export function refuseUnlessAdmin(
  adminToken: string | undefined,
  request: CoreRequest,
  notes: RequestNotes,
): CoreResponse | undefined {
  if (adminToken === undefined) {
    return errorResponse(
      notes,
      apiError(
        'FORBIDDEN',
        'X-Admin-Token: calls about every tenant need a server started with --admin-token',
      ),
    );
  }
  if (request.headers['x-admin-token'] !== adminToken) {
    return errorResponse(notes, apiError('FORBIDDEN', 'X-Admin-Token: missing or wrong admin token'));
  }
  return undefined;
}

export function withTenant(
  request: CoreRequest,
  notes: RequestNotes,
  then: (token: string) => CoreResponse | Promise<CoreResponse>,
): CoreResponse | Promise<CoreResponse> {
  const auth = readBearerToken(request.headers.authorization);
  if (!auth.ok) {
    return errorResponse(
      notes,
      apiError('UNAUTHORIZED', 'Authorization: name the tenant with its own Bearer token'),
    );
  }
  return then(auth.value);
}

/** Whether the caller holds the server's admin token. */
export const isAdmin = (adminToken: string | undefined, request: CoreRequest): boolean =>
  adminToken !== undefined && request.headers['x-admin-token'] === adminToken;

/** Who the log names for an admin call: the tenant of its bearer token, else the admin, else nobody. */
export function callerOf(adminToken: string | undefined, request: CoreRequest): string {
  const auth = readBearerToken(request.headers.authorization);
  if (auth.ok) return auth.value;
  const admin = adminToken;
  return admin !== undefined && request.headers['x-admin-token'] === admin ? ADMIN_CALLER : '';
}

/**
 * `all`: `true` or `1` mean every tenant (admin token only), `false` or `0` (or none) the caller's.
 * Anything else is refused rather than read as "no": `?all=1` once reset the caller's own tenant.
 */
export function readAll(query: URLSearchParams): Result<boolean, ApiError> {
  const values = query.getAll('all');
  if (values.length === 0) return ok(false);
  const value = values.length === 1 ? values[0] : undefined;
  if (value === 'true' || value === '1') return ok(true);
  if (value === 'false' || value === '0') return ok(false);
  return fail(apiError('INVALID_REQUEST', 'all: must be given once, as true or false'));
}

/** `limit` as strictly as `pageSize`: plain digits, once, within bounds. */
export function readLimit(query: URLSearchParams): Result<number, ApiError> {
  const values = query.getAll('limit');
  if (values.length === 0) return ok(100);
  if (values.length > 1) return fail(apiError('INVALID_REQUEST', 'limit: must be given once'));
  const raw = values[0] as string;
  const limit = /^\d{1,5}$/.test(raw) ? Number(raw) : 0;
  if (limit < 1 || limit > MAX_LOG_LIMIT) {
    return fail(apiError('INVALID_REQUEST', `limit: must be a whole number from 1 to ${MAX_LOG_LIMIT}`));
  }
  return ok(limit);
}

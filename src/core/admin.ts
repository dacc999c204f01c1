import { fail, ok, type Result } from '../shared/result.ts';
import type { LoadedSpec } from '../spec/types.ts';
import { serveExport, serveImport, type TransferDeps, type TransferState } from './admin-transfer.ts';
import { readBearerToken } from './auth.ts';
import type { Chaos } from './chaos.ts';
import { type ApiError, apiError } from './errors.ts';
import { exportTenant, type Fixture, importFixture } from './fixtures.ts';
import { ADMIN_CALLER, type RequestLogPort } from './request-log.ts';
import { errorResponse, jsonResponse, type RequestNotes } from './respond.ts';
import type { TenantRegistry } from './store-port.ts';
import type { CoreRequest, CoreResponse } from './types.ts';
import { compileFixtureChecker, type FixtureChecker } from './validate-fixture.ts';

/** The reserved prefix of the admin API; no Togai path starts with it. */
export const ADMIN_PREFIX = '/__admin';
const MAX_LOG_LIMIT = 10_000;

export const isAdminPath = (path: string): boolean =>
  path.startsWith(ADMIN_PREFIX) && (path.length === ADMIN_PREFIX.length || path[ADMIN_PREFIX.length] === '/');

export interface AdminDeps {
  tenants: TenantRegistry;
  log: RequestLogPort;
  chaos: Chaos;
  now(): number;
  transfer: TransferDeps;
  transferState: TransferState;
  /** When set, calls about every tenant need `X-Admin-Token: <adminToken>`. */
  adminToken?: string;
  info: () => Record<string, unknown>;
}

/** The tenant operations behind the admin API, also offered to programs (`mock.import`, `mock.export`). */
export interface TenantAdmin {
  exportTenant(token: string): Promise<Result<Required<Fixture>, ApiError>>;
  importTenant(
    token: string,
    body: unknown,
  ): Promise<Result<{ customers: number; accounts: number }, ApiError>>;
}

export function createTenantAdmin(
  tenants: TenantRegistry,
  spec: LoadedSpec,
  pause: () => Promise<void>,
  caps: { accounts: number; customers: number },
): TenantAdmin {
  // Compiled on the first import, not at start-up: most sessions never import a fixture, and the
  // compile cost a quarter of a second of every start on Togai's published description.
  let checker: FixtureChecker | undefined;
  return {
    exportTenant: (token) => exportTenant(tenants.get(token)),
    async importTenant(token, body) {
      checker ??= compileFixtureChecker(spec, caps);
      const fixture = await checker.checkInSlices(body, pause);
      if (!fixture.ok) return fixture;
      const imported = await importFixture(tenants.get(token), fixture.value, pause);
      if (!imported.ok) return imported;
      const installed = await tenants.set(token, imported.value.store);
      if (installed && !installed.ok) return installed;
      return { ok: true, value: { customers: imported.value.customers, accounts: imported.value.accounts } };
    },
  };
}

/**
 * The sandbox's admin API. A call about "a tenant" names it by that tenant's own bearer token in
 * `Authorization`, so a demo user can reset or export their own sandbox and nobody else's: it has
 * no more power than the API itself. Calls about every tenant (`?all=true`) need the admin token,
 * and are refused when the server has none, so a public sandbox is safe by default.
 */
export async function serveAdmin(
  deps: AdminDeps,
  admin: TenantAdmin,
  request: CoreRequest,
  notes: RequestNotes,
): Promise<CoreResponse> {
  const sub = request.path.slice(ADMIN_PREFIX.length).replace(/\/$/, '');
  const method = request.method === 'HEAD' ? 'GET' : request.method;
  const route = `${method} ${sub}`;
  notes.token = callerOf(deps, request);
  const everyone = readAll(request.query);
  if (!everyone.ok) return errorResponse(notes, everyone.error);
  const all = everyone.value;
  // The admin API counts against the caller's rate like the API itself (exports are the costliest).
  const wait = deps.chaos.retryAfter(notes.token, deps.now());
  if (wait > 0) {
    return errorResponse(
      notes,
      apiError('RATE_LIMITED', `rate limit: too many requests; retry in ${wait} s`),
      {
        'retry-after': String(wait),
      },
    );
  }
  if (route === 'GET ') return jsonResponse(200, { ...deps.info(), tenants: await deps.tenants.size() });
  if (route === 'GET /requests') {
    const limit = readLimit(request.query);
    if (!limit.ok) return errorResponse(notes, limit.error);
    if (all)
      return (
        refuseUnlessAdmin(deps, request, notes) ??
        jsonResponse(200, { data: await deps.log.recent(limit.value) })
      );
    return withTenant(request, notes, async (token) =>
      jsonResponse(200, { data: await deps.log.recent(limit.value, token) }),
    );
  }
  if (route === 'POST /reset') {
    if (all) {
      const refused = refuseUnlessAdmin(deps, request, notes);
      if (refused) return refused;
      await deps.tenants.resetAll();
      return jsonResponse(200, { success: true, reset: 'all' });
    }
    return withTenant(request, notes, async (token) => {
      await deps.tenants.reset(token);
      return jsonResponse(200, { success: true, reset: 'tenant' });
    });
  }
  if (route === 'GET /export') {
    return withTenant(request, notes, (token) =>
      serveExport(deps.transfer, deps.transferState, token, notes),
    );
  }
  if (route === 'POST /import') {
    return withTenant(request, notes, (token) =>
      serveImport(deps.transfer, deps.transferState, admin.importTenant, request, token, notes),
    );
  }
  return errorResponse(
    notes,
    apiError('NOT_FOUND', `path: no admin operation at ${request.method} ${request.path.slice(0, 200)}`),
  );
}

/** Calls about every tenant: allowed only with the server's admin token. */
function refuseUnlessAdmin(
  deps: AdminDeps,
  request: CoreRequest,
  notes: RequestNotes,
): CoreResponse | undefined {
  if (deps.adminToken === undefined) {
    return errorResponse(
      notes,
      apiError(
        'FORBIDDEN',
        'X-Admin-Token: calls about every tenant need a server started with --admin-token',
      ),
    );
  }
  if (request.headers['x-admin-token'] !== deps.adminToken) {
    return errorResponse(notes, apiError('FORBIDDEN', 'X-Admin-Token: missing or wrong admin token'));
  }
  return undefined;
}

function withTenant(
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

/** Who the log names for an admin call: the tenant of its bearer token, else the admin, else nobody. */
function callerOf(deps: AdminDeps, request: CoreRequest): string {
  const auth = readBearerToken(request.headers.authorization);
  if (auth.ok) return auth.value;
  const admin = deps.adminToken;
  return admin !== undefined && request.headers['x-admin-token'] === admin ? ADMIN_CALLER : '';
}

/**
 * `all`: `true` or `1` mean every tenant (admin token only), `false` or `0` (or none) the caller's.
 * Anything else is refused rather than read as "no": `?all=1` once reset the caller's own tenant.
 */
function readAll(query: URLSearchParams): Result<boolean, ApiError> {
  const values = query.getAll('all');
  if (values.length === 0) return ok(false);
  const value = values.length === 1 ? values[0] : undefined;
  if (value === 'true' || value === '1') return ok(true);
  if (value === 'false' || value === '0') return ok(false);
  return fail(apiError('INVALID_REQUEST', 'all: must be given once, as true or false'));
}

/** `limit` as strictly as `pageSize`: plain digits, once, within bounds. */
function readLimit(query: URLSearchParams): Result<number, ApiError> {
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

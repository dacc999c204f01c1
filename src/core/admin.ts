import type { Result } from '../shared/result.ts';
import type { LoadedSpec } from '../spec/types.ts';
import { callerOf, readAll, readLimit, refuseUnlessAdmin, withTenant } from './admin-caller.ts';
import { serveFaults } from './admin-faults.ts';
import { serveExchange, serveRequestStream, serveTenantGlance } from './admin-inspect.ts';
import { serveExport, serveImport, type TransferDeps, type TransferState } from './admin-transfer.ts';
import type { Chaos } from './chaos.ts';
import { type ApiError, apiError } from './errors.ts';
import type { ExchangeLogPort } from './exchange-log.ts';
import type { FaultQueuePort } from './fault-queue.ts';
import {
  exportTenant,
  type Fixture,
  type FixtureValidator,
  fixtureValidatorFor,
  importFixture,
} from './fixtures.ts';
import type { LiveFeed } from './live-feed.ts';
import { ADMIN_OPERATION } from './record-answer.ts';
import type { RawLoggedRequest, RequestLogPort } from './request-log.ts';
import { errorResponse, jsonResponse, type RequestNotes } from './respond.ts';
import type { Router } from './router.ts';
import type { OperationRoute } from './serve-operation.ts';
import type { TenantRegistry } from './store-port.ts';
import type { CoreRequest, CoreResponse } from './types.ts';

/** The reserved prefix of the admin API; no Togai path starts with it. */
export const ADMIN_PREFIX = '/__admin';

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
  faults: FaultQueuePort;
  exchanges: ExchangeLogPort;
  feed: LiveFeed<RawLoggedRequest>;
  /** The spec now served (it changes on reload): faults are checked against it. */
  spec(): { router: Router<OperationRoute>; operationIds: readonly string[] };
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
  let validate: FixtureValidator | Promise<FixtureValidator> | undefined;
  return {
    exportTenant: (token) => exportTenant(tenants.get(token)),
    async importTenant(token, body) {
      validate ??= fixtureValidatorFor(spec, caps);
      // Checked a slice of items at a time: a large fixture takes tens of milliseconds to check.
      const fixture = await (await validate).inSlices(body, pause);
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
  notes.operation = ADMIN_OPERATION;
  notes.token = callerOf(deps.adminToken, request);
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
  // Calls about one tenant name it with its bearer token; `?all=true` ones need the admin token.
  const tenantOrAll = (then: (token: string | undefined) => CoreResponse | Promise<CoreResponse>) =>
    all
      ? (refuseUnlessAdmin(deps.adminToken, request, notes) ?? then(undefined))
      : withTenant(request, notes, then);
  const [, first = '', rest] = /^\/?([^/]*)(?:\/(.*))?$/.exec(sub) ?? [];
  const route = `${method} /${first}${rest === undefined ? '' : '/*'}`;
  switch (route) {
    case 'GET /':
      return jsonResponse(200, { ...deps.info(), tenants: await deps.tenants.size() });
    case 'GET /requests': {
      const limit = readLimit(request.query);
      if (!limit.ok) return errorResponse(notes, limit.error);
      return tenantOrAll(async (token) =>
        jsonResponse(200, { data: await deps.log.recent(limit.value, token) }),
      );
    }
    case 'GET /requests/*':
      return rest === 'stream'
        ? tenantOrAll((token) => serveRequestStream(deps, token))
        : tenantOrAll((token) => serveExchange(deps, notes, decodeSegment(rest), token));
    case 'GET /tenant':
      return withTenant(request, notes, (token) => serveTenantGlance(deps, token));
    case 'POST /reset':
      return tenantOrAll(async (token) => {
        if (token === undefined) await deps.tenants.resetAll();
        else await deps.tenants.reset(token);
        return jsonResponse(200, { success: true, reset: token === undefined ? 'all' : 'tenant' });
      });
    case 'GET /export':
      return withTenant(request, notes, (token) =>
        serveExport(deps.transfer, deps.transferState, token, notes),
      );
    case 'POST /import':
      return withTenant(request, notes, (token) =>
        serveImport(deps.transfer, deps.transferState, admin.importTenant, request, token, notes),
      );
  }
  if (first === 'faults' && (rest === undefined || !rest.includes('/')))
    return serveFaults(deps, request, notes, rest === undefined ? undefined : decodeSegment(rest), all);
  return errorResponse(
    notes,
    apiError('NOT_FOUND', `path: no admin operation at ${request.method} ${request.path.slice(0, 200)}`),
  );
}

const decodeSegment = (segment: string | undefined): string => {
  try {
    return decodeURIComponent(segment ?? '');
  } catch {
    return segment ?? '';
  }
};

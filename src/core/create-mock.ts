import type { Result } from '../shared/result.ts';
import type { LoadedSpec } from '../spec/types.ts';
import { type AdminDeps, createTenantAdmin, isAdminPath, serveAdmin, type TenantAdmin } from './admin.ts';
import { createTransferState } from './admin-transfer.ts';
import { buildRoutes } from './build-routes.ts';
import { createChaos } from './chaos.ts';
import { renderThrown, route } from './dispatch.ts';
import type { ApiError } from './errors.ts';
import type { Fixture } from './fixtures.ts';
import { transferLimits } from './import-limit.ts';
import { createMemoryTenants } from './memory-tenants.ts';
import { type LoggedRequest, RequestLog, type RequestLogPort } from './request-log.ts';
import type { RequestNotes } from './respond.ts';
import { cursorSecretFor } from './secret.ts';
import type { OperationDeps } from './serve-operation.ts';
import type { TenantRegistry } from './store-port.ts';
import { type CoreAnswer, type CoreRequest, type Fallback, isFault } from './types.ts';
import { withFixture } from './with-fixture.ts';

export const MOCK_DEFAULTS = { seed: 1, accounts: 300, customers: 8 } as const;

export interface MockOptions {
  /** The loaded spec (see `loadSpec` / `buildSpec`); the adapter loads files, the core never does. */
  spec: LoadedSpec;
  seed?: number;
  /** Total number of seeded accounts. */
  accounts?: number;
  customers?: number;
  /** Data applied to every tenant on first use, on top of the seeded data. */
  fixture?: Fixture;
  /** One state for every token instead of one tenant per token. */
  shared?: boolean;
  maxTenants?: number;
  tenantIdleMs?: number;
  maxAccounts?: number;
  maxCustomers?: number;
  /**
   * Past `maxTenants`, a tenant unused this long makes room for a new one first; otherwise the
   * least used does. Default 5 min. See docs/limits.md.
   */
  tenantEvictIdleMs?: number;
  /** Most items all tenants together may add to the seeded data. Default 1,000,000. */
  maxStoredItems?: number;
  /** Most bytes (of JSON) all tenants together may hold beyond the seeded data. Default 128 MiB. */
  maxStoredBytes?: number;
  /** Most items one tenant may add. Default 50,000. */
  maxTenantItems?: number;
  /** Most bytes (of JSON) one tenant may hold. Default 8 MiB. */
  maxTenantBytes?: number;
  /**
   * Signs `nextToken`s. Default: random per process, so no token outlives a restart and nobody can
   * forge one. Give one to keep tokens valid across restarts of the same data set, and to get the
   * same tokens byte for byte from every adapter.
   */
  tokenSecret?: string;
  /** Added latency per request, in ms. */
  latency?: { min: number; max: number };
  /** Share of requests (0–1) answered with an injected 500. */
  errorRate?: number;
  /** Requests per second allowed per tenant before 429. */
  rateLimit?: number;
  /** When set, admin calls about every tenant need `X-Admin-Token`. */
  adminToken?: string;
  /** Requests kept in the log per tenant (the anonymous caller and the admin count as one each). Default 500. */
  requestLogSize?: number;
  /** Requests kept in the log over all tenants; the least recently active tenant's go first. Default 50,000. */
  requestLogTotal?: number;
  /** How long `Prefer: fail=timeout` holds a request. Default 30 s. */
  holdMs?: number;
  /** The clock in ms (rate limiter, log); the real one by default. */
  now?: () => number;
  /** How latency is waited; `setTimeout` by default (tests inject their own). */
  sleep?: (ms: number) => Promise<void>;
  /**
   * How exports and imports give other requests their turn between slices of work; a timer tick
   * (`setTimeout(0)`) by default. Tests inject their own to see the slices without a clock.
   */
  yieldToOthers?: () => Promise<void>;
  /** The largest `POST /__admin/import` body, in bytes. Default: the largest export the budgets allow, at least 20 MiB. */
  maxImportBytes?: number;
  /** Builds the mocker for operations the store does not implement, per spec. Default: 501. */
  fallback?: (spec: LoadedSpec) => Fallback;
  /** The tenants' stores; in-memory copy-on-write forks of the seeded baseline by default. */
  tenants?: TenantRegistry;
  /** Where requests are logged; the in-memory log by default (Redis: one shared by every instance). */
  requestLog?: RequestLogPort;
}

export interface Mock {
  /** Answers one request: a response, or a fault for the adapter to realize. Never rejects. */
  handle(request: CoreRequest): Promise<CoreAnswer>;
  readonly spec: LoadedSpec;
  readonly settings: { seed: number; accounts: number; customers: number; shared: boolean };
  /** Swaps in another spec and/or fixture; tenants keep their data, new tenants get the new fixture. */
  update(next: { spec?: LoadedSpec; fixture?: Fixture | undefined }): void;
  /** Drops one tenant's changes (by its bearer token), or every tenant's when no token is given. */
  reset(token?: string): Promise<void>;
  export(token: string): ReturnType<TenantAdmin['exportTenant']>;
  /** Validates `fixture` against the spec and swaps it in whole for the tenant, or changes nothing. */
  import(token: string, fixture: unknown): Promise<Result<{ customers: number; accounts: number }, ApiError>>;
  /** The newest logged requests first; only `token`'s own when given. */
  requests(options?: { limit?: number; token?: string }): LoggedRequest[] | Promise<LoggedRequest[]>;
}

const notImplemented: Fallback = async (request) => ({
  status: 501,
  headers: {},
  body: { message: `operation: ${request.method} ${request.path.slice(0, 200)} is not served by this mock` },
});

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const nextTick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The mock as a function over a loaded spec: no server, no framework, no Node built-in. */
export function createMock(options: MockOptions): Mock {
  const settings = {
    seed: options.seed ?? MOCK_DEFAULTS.seed,
    accounts: options.accounts ?? MOCK_DEFAULTS.accounts,
    customers: options.customers ?? MOCK_DEFAULTS.customers,
    shared: options.shared === true,
  };
  let fixture = options.fixture;
  // The in-memory tenants start from a template with the fixture applied once (no tenant is made
  // for a token that only reads); any other registry gets it through `withFixture`.
  const tenants = options.tenants
    ? withFixture(options.tenants, () => fixture)
    : createMemoryTenants(options, settings, () => fixture);
  const log: RequestLogPort =
    options.requestLog ??
    new RequestLog({
      perTenant: options.requestLogSize ?? 500,
      total: options.requestLogTotal ?? 50_000,
    });
  const now = options.now ?? Date.now;
  const chaos = createChaos({
    seed: settings.seed,
    ...(options.latency ? { latency: options.latency } : {}),
    ...(options.errorRate !== undefined ? { errorRate: options.errorRate } : {}),
    ...(options.rateLimit !== undefined ? { rateLimit: options.rateLimit } : {}),
  });
  const pause = options.yieldToOthers ?? nextTick;
  const limits = transferLimits({ ...options, ...settings });
  const adminDeps: AdminDeps = {
    tenants,
    log,
    chaos,
    now,
    transfer: {
      tenants,
      pause,
      now,
      limits,
    },
    transferState: createTransferState(),
    info: () => ({ ...settings, maxImportBytes: limits.bytes }),
    ...(options.adminToken !== undefined ? { adminToken: options.adminToken } : {}),
  };
  const secret = cursorSecretFor({ ...settings, tokenSecret: options.tokenSecret, fixture });
  const build = (spec: LoadedSpec) => ({
    spec,
    routes: buildRoutes(spec),
    admin: createTenantAdmin(tenants, spec, pause, limits),
    deps: {
      tenants,
      fallback: options.fallback?.(spec) ?? notImplemented,
      secret,
      chaos,
      holdMs: options.holdMs ?? 30_000,
      now,
      sleep: options.sleep ?? realSleep,
    } satisfies OperationDeps,
  });
  let current = build(options.spec);

  // Not async: the in-memory path awaits once, in `handle`.
  const answer = (request: CoreRequest, notes: RequestNotes): CoreAnswer | Promise<CoreAnswer> => {
    if (isAdminPath(request.path)) return serveAdmin(adminDeps, current.admin, request, notes);
    return route(current.routes, current.deps, request, notes);
  };

  return {
    async handle(request) {
      const started = performance.now();
      const notes: RequestNotes = { token: '' };
      let result: CoreAnswer;
      try {
        result = await answer(request, notes);
      } catch (error) {
        result = renderThrown(error, notes);
      }
      if (notes.resetNotice !== undefined && !isFault(result))
        result.headers['x-tenant-reset'] = notes.resetNotice;
      if (!isFault(result)) {
        log.add({
          atMs: now(),
          method: request.method,
          path: request.path.slice(0, 300),
          status: result.status,
          latencyMs: Math.round((performance.now() - started) * 10) / 10,
          token: notes.token,
          ...(notes.problem !== undefined ? { problem: notes.problem } : {}),
        });
      }
      return result;
    },
    get spec() {
      return current.spec;
    },
    settings,
    update(next) {
      const rebuilt = next.spec ? build(next.spec) : current;
      if ('fixture' in next) fixture = next.fixture;
      current = rebuilt;
    },
    async reset(token) {
      if (token === undefined) await tenants.resetAll();
      else await tenants.reset(token);
    },
    export: (token) => current.admin.exportTenant(token),
    import: (token, body) => current.admin.importTenant(token, body),
    requests: ({ limit, token } = {}) => log.recent(limit, token),
  };
}

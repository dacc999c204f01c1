import type { Result } from '../shared/result.ts';
import type { LoadedSpec } from '../spec/types.ts';
import { type AdminDeps, createTenantAdmin, isAdminPath, serveAdmin, type TenantAdmin } from './admin.ts';
import { createTransferState } from './admin-transfer.ts';
import { buildRoutes } from './build-routes.ts';
import { createChaos } from './chaos.ts';
import { renderThrown, route } from './dispatch.ts';
import type { ApiError } from './errors.ts';
import { MemoryExchangeLog } from './exchange-log.ts';
import { MemoryFaultQueue } from './fault-queue.ts';
import type { Fixture } from './fixtures.ts';
import { transferLimits } from './import-limit.ts';
import { itemServingFor, reservingFor } from './items/plan-for-spec.ts';
import { LiveFeed } from './live-feed.ts';
import { createMemoryTenants } from './memory-tenants.ts';
import { checkReady, statsOf } from './mock-health.ts';
import type { MockOptions } from './mock-options.ts';
import { createRecorder } from './record-answer.ts';
import { type LoggedRequest, type RawLoggedRequest, RequestLog, type RequestLogPort } from './request-log.ts';
import type { RequestNotes } from './respond.ts';
import { cursorSecretFor } from './secret.ts';
import type { OperationDeps } from './serve-operation.ts';
import type { CoreAnswer, CoreRequest, Fallback } from './types.ts';
import { withFixture } from './with-fixture.ts';

// 90 customers for 300 accounts: about the mean of the seeded accounts-per-customer spread
// (src/store/seed-ownership.ts), so most customers own one to three accounts and a few many.
export const MOCK_DEFAULTS = { seed: 1, accounts: 300, customers: 90 } as const;
export type { MockOptions };

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
  /** Whether the store answers (Redis: a round trip), within `timeoutMs` (default 2 s). */
  ready(timeoutMs?: number): Promise<Result<true, string>>;
  /** Tenants and what they hold, for metrics; what the store cannot tell is absent. */
  stats(): Promise<MockStats>;
  /** Ends the live request streams (`/__admin/requests/stream`), so a server can close at once. */
  close(): void;
}

export interface MockStats {
  tenants: number;
  storedItems?: number;
  storedBytes?: number;
  /** Tenants dropped without asking, by why, since start. */
  evicted?: number;
  expired?: number;
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
  const items = options.items ?? itemServingFor(options.spec, settings.seed, options.resources);
  // The in-memory tenants start from a template with the fixture applied once (no tenant is made
  // for a token that only reads); any other registry gets it through `withFixture`.
  const tenants = options.tenants
    ? withFixture(options.tenants, () => fixture)
    : createMemoryTenants(options, settings, () => fixture, items.plan.collections);
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
  const faults = options.faults ?? new MemoryFaultQueue(now);
  const feed = new LiveFeed<RawLoggedRequest>();
  const exchanges =
    options.exchanges ?? new MemoryExchangeLog(options.requestBodiesBytes ?? 16 * 1024 * 1024);
  const recorder = createRecorder({
    log,
    exchanges,
    feed,
    now,
    ...(options.observe ? { observe: options.observe } : {}),
  });
  const adminDeps: AdminDeps = {
    tenants,
    log,
    chaos,
    now,
    transfer: { tenants, pause, now, limits },
    transferState: createTransferState(),
    info: () => ({ ...settings, maxImportBytes: limits.bytes }),
    faults,
    exchanges,
    feed,
    spec: () => ({ router: current.routes, operationIds: current.operationIds }),
    ...(options.adminToken !== undefined ? { adminToken: options.adminToken } : {}),
  };
  const secret = cursorSecretFor({ ...settings, tokenSecret: options.tokenSecret, fixture });
  const build = (spec: LoadedSpec) => ({
    spec,
    routes: buildRoutes(
      spec,
      spec === options.spec
        ? items.handlers
        : reservingFor(itemServingFor(spec, settings.seed, options.resources), items.plan).handlers,
    ),
    operationIds: spec.operations.map((operation) => operation.operationId),
    admin: createTenantAdmin(tenants, spec, pause, limits),
    deps: {
      tenants,
      fallback: options.fallback?.(spec) ?? notImplemented,
      secret,
      chaos,
      holdMs: options.holdMs ?? 30_000,
      now,
      sleep: options.sleep ?? realSleep,
      faults,
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
      const id = recorder.idOf(request);
      const notes: RequestNotes = { token: '' };
      let result: CoreAnswer;
      try {
        result = await answer(request, notes);
      } catch (error) {
        result = renderThrown(error, notes);
      }
      return recorder.record(request, result, notes, id, started);
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
    ready: (timeoutMs = 2000) => checkReady(tenants, timeoutMs),
    stats: () => statsOf(tenants),
    close: () => feed.close(),
  };
}

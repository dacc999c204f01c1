import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type express from 'express';
import { DEFAULT_SPEC_PATH, loadSpec } from '../spec/load-spec.ts';
import type { LoadedSpec } from '../spec/types.ts';
import { createBaseline, createCursorSecret, createTenants } from '../store/index.ts';
import { mountAdmin } from './admin-routes.ts';
import { createChaos } from './chaos.ts';
import { createApp } from './create-app.ts';
import { mountDocs } from './docs-routes.ts';
import { type Fixture, loadFixtureFile } from './fixtures.ts';
import { createPrismFallback, type Fallback } from './prism-fallback.ts';
import { RequestLog } from './request-log.ts';
import { fixtureTemplate } from './with-fixture.ts';

export const DEFAULTS = { seed: 1, accounts: 300, customers: 8, port: 4010, host: '127.0.0.1' } as const;

export interface MockServerOptions {
  /** Path of the OpenAPI document; the bundled spec by default. */
  specPath?: string;
  seed?: number;
  /** Total number of seeded accounts. */
  accounts?: number;
  customers?: number;
  /** A fixture file (see fixtures/) applied to every tenant on top of the seeded data. */
  fixturePath?: string;
  /** One state for every token instead of one tenant per token. */
  shared?: boolean;
  /**
   * Most tenants holding data at once (a token that only reads holds none); past it, the least
   * recently used may make room only when idle for `tenantEvictIdleMs`.
   */
  maxTenants?: number;
  /** A tenant unused this long is evicted. */
  tenantIdleMs?: number;
  /** Most accounts a tenant may hold; creating more answers an error. */
  maxAccounts?: number;
  /** Most customers a tenant may hold. Default: the seeded count plus 10,000. */
  maxCustomers?: number;
  /**
   * A tenant holding data may be pushed out by a new one (past `maxTenants`) only after this long
   * unused. Default 5 min. See docs/limits.md.
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
  /** Origins allowed by CORS: any (default) or a list. */
  corsOrigins?: true | string[];
  /**
   * Signs `nextToken`s. Default: random per process, so no token outlives a restart. Give one to
   * keep tokens valid across restarts of the same data set (seed, sizes, fixture path).
   */
  tokenSecret?: string;
  /** Added latency per request, in ms. */
  latency?: { min: number; max: number };
  /** Share of requests (0–1) answered with an injected 500. */
  errorRate?: number;
  /** Requests per second allowed per tenant before 429. */
  rateLimit?: number;
  /** When set, the admin API needs `X-Admin-Token`. */
  adminToken?: string;
  /** Requests kept in the admin API's log. Default 500. */
  requestLogSize?: number;
  /** How long `Prefer: fail=timeout` holds a request. Default 30 s. */
  holdMs?: number;
  /** The rate limiter's clock in ms; the real one by default (tests inject their own). */
  now?: () => number;
  /** A request (headers and body) must arrive within this. Default 30 s. */
  requestTimeoutMs?: number;
  /** The headers must arrive within this. Default 10 s. */
  headersTimeoutMs?: number;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export interface MockServer {
  /** The current app (replaced by `reload`). */
  readonly app: express.Express;
  readonly spec: LoadedSpec;
  options: Required<Pick<MockServerOptions, 'seed' | 'accounts' | 'customers'>> & MockServerOptions;
  listen(port?: number, host?: string): Promise<RunningServer>;
  /**
   * Reads the spec and fixture files again and swaps the app in place. Tenants keep their data;
   * new tenants get the new fixture. A broken file leaves the running app as it was.
   */
  reload(): Promise<{ ok: true } | { ok: false; error: string }>;
  close(): Promise<void>;
}

/** Builds the mock: loads the spec, seeds the store, wires the app. Throws on an unusable spec or fixture. */
export async function createMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const settings = {
    ...options,
    seed: options.seed ?? DEFAULTS.seed,
    accounts: options.accounts ?? DEFAULTS.accounts,
    customers: options.customers ?? DEFAULTS.customers,
  };
  const baseline = createBaseline({
    seed: settings.seed,
    accounts: settings.accounts,
    customers: settings.customers,
    ...(options.maxAccounts !== undefined ? { maxAccounts: options.maxAccounts } : {}),
    ...(options.maxCustomers !== undefined ? { maxCustomers: options.maxCustomers } : {}),
  });
  let fixture: Fixture | undefined;
  const tenants = createTenants({
    baseline,
    shared: options.shared === true,
    template: fixtureTemplate(() => fixture),
    ...(options.maxTenants !== undefined ? { maxTenants: options.maxTenants } : {}),
    ...(options.tenantIdleMs !== undefined ? { idleMs: options.tenantIdleMs } : {}),
    ...(options.tenantEvictIdleMs !== undefined ? { evictIdleMs: options.tenantEvictIdleMs } : {}),
    ...(options.maxStoredItems !== undefined ? { maxStoredItems: options.maxStoredItems } : {}),
    ...(options.maxStoredBytes !== undefined ? { maxStoredBytes: options.maxStoredBytes } : {}),
    ...(options.maxTenantItems !== undefined ? { maxTenantItems: options.maxTenantItems } : {}),
    ...(options.maxTenantBytes !== undefined ? { maxTenantBytes: options.maxTenantBytes } : {}),
  });
  // Random per process unless the operator gives one: then tokens survive a restart of this data set.
  const secret = createCursorSecret({
    ...(options.tokenSecret !== undefined ? { tokenSecret: options.tokenSecret } : {}),
    dataSet: JSON.stringify([
      settings.seed,
      settings.accounts,
      settings.customers,
      options.fixturePath ?? '',
    ]),
  });
  const log = new RequestLog(options.requestLogSize ?? 500);
  const chaos = createChaos({
    seed: settings.seed,
    ...(options.latency ? { latency: options.latency } : {}),
    ...(options.errorRate !== undefined ? { errorRate: options.errorRate } : {}),
    ...(options.rateLimit !== undefined ? { rateLimit: options.rateLimit } : {}),
  });
  const info = {
    seed: settings.seed,
    accounts: settings.accounts,
    customers: settings.customers,
    shared: options.shared === true,
  };

  const registry = tenants;

  const build = async (): Promise<{ spec: LoadedSpec; app: express.Express; fixture?: Fixture }> => {
    const loaded = await loadSpec(options.specPath ?? DEFAULT_SPEC_PATH);
    if (!loaded.ok) throw new Error(loaded.error);
    const spec = loaded.value;
    const nextFixture = options.fixturePath ? await loadFixtureFile(options.fixturePath, spec) : undefined;
    let prism: Promise<Fallback> | undefined;
    const app = createApp({
      spec,
      storeFor: (token) => registry.get(token),
      resetNotice: (token) => tenants.resetNotice(token),
      fallback: () => {
        prism ??= createPrismFallback(spec.document);
        return prism;
      },
      secret,
      log,
      chaos,
      corsOrigins: options.corsOrigins ?? true,
      holdMs: options.holdMs ?? 30_000,
      now: options.now ?? Date.now,
      extraRoutes: (express) => {
        mountDocs(express, { spec, ...info });
        mountAdmin(express, {
          spec,
          tenants: registry,
          log,
          info,
          ...(options.adminToken ? { adminToken: options.adminToken } : {}),
        });
      },
    });
    return { spec, app, ...(nextFixture ? { fixture: nextFixture } : {}) };
  };

  let current = await build();
  fixture = current.fixture;
  const servers = new Set<Server>();
  const closeServer = (server: Server) =>
    new Promise<void>((resolve) => {
      servers.delete(server);
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return {
    get app() {
      return current.app;
    },
    get spec() {
      return current.spec;
    },
    options: settings,
    async listen(port = DEFAULTS.port, host = DEFAULTS.host) {
      // The server calls whichever app is current, so a reload needs no restart.
      const headersTimeout = options.headersTimeoutMs ?? 10_000;
      const server = createServer(
        {
          requestTimeout: options.requestTimeoutMs ?? 30_000,
          headersTimeout,
          // Node checks those timeouts every 30 s by default: a slow client would hold on long past them.
          connectionsCheckingInterval: Math.min(1_000, headersTimeout),
        },
        (req, res) => current.app(req, res),
      );
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
      servers.add(server);
      const { port: bound } = server.address() as AddressInfo;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      return { url: `http://${shownHost}:${bound}`, close: () => closeServer(server) };
    },
    async reload() {
      try {
        current = await build();
        fixture = current.fixture;
        return { ok: true };
      } catch (error) {
        return { ok: false, error: (error as Error).message };
      }
    },
    async close() {
      await Promise.all([...servers].map(closeServer));
    },
  };
}

import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type express from 'express';
import { DEFAULT_SPEC_PATH, loadSpec } from '../spec/load-spec.ts';
import type { LoadedSpec } from '../spec/types.ts';
import { createBaseline, createTenants } from '../store/index.ts';
import { mountAdmin } from './admin-routes.ts';
import { createChaos } from './chaos.ts';
import { createApp } from './create-app.ts';
import { createPrismFallback, type Fallback } from './prism-fallback.ts';
import { RequestLog } from './request-log.ts';

export const DEFAULTS = {
  seed: 1,
  accounts: 300,
  customers: 8,
  port: 4010,
  host: '127.0.0.1',
} as const;

export interface MockServerOptions {
  /** Path of the OpenAPI document; the bundled spec by default. */
  specPath?: string;
  seed?: number;
  /** Total number of seeded accounts. */
  accounts?: number;
  customers?: number;
  /** One state for every token instead of one tenant per token. */
  shared?: boolean;
  /** Most tenants kept at once; the least recently used is evicted past it. */
  maxTenants?: number;
  /** A tenant unused this long is evicted. */
  tenantIdleMs?: number;
  /** Most accounts a tenant may hold; creating more answers an error. */
  maxAccounts?: number;
  /** Origins allowed by CORS: any (default) or a list. */
  corsOrigins?: true | string[];
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
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export interface MockServer {
  app: express.Express;
  spec: LoadedSpec;
  options: Required<Pick<MockServerOptions, 'seed' | 'accounts' | 'customers'>> & MockServerOptions;
  listen(port?: number, host?: string): Promise<RunningServer>;
  close(): Promise<void>;
}

/** Builds the mock: loads the spec, seeds the store, wires the app. Throws on an unusable spec. */
export async function createMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const settings = {
    ...options,
    seed: options.seed ?? DEFAULTS.seed,
    accounts: options.accounts ?? DEFAULTS.accounts,
    customers: options.customers ?? DEFAULTS.customers,
  };
  const loaded = await loadSpec(options.specPath ?? DEFAULT_SPEC_PATH);
  if (!loaded.ok) throw new Error(loaded.error);
  const spec = loaded.value;
  const baseline = createBaseline({
    seed: settings.seed,
    accounts: settings.accounts,
    customers: settings.customers,
    ...(options.maxAccounts !== undefined ? { maxAccounts: options.maxAccounts } : {}),
  });
  const tenants = createTenants({
    baseline,
    shared: options.shared === true,
    ...(options.maxTenants !== undefined ? { maxTenants: options.maxTenants } : {}),
    ...(options.tenantIdleMs !== undefined ? { idleMs: options.tenantIdleMs } : {}),
  });
  let prism: Promise<Fallback> | undefined;
  const fallback = () => {
    prism ??= createPrismFallback(spec.document);
    return prism;
  };
  // Tokens are signed with a secret derived from the seed: the same seed gives the same bytes,
  // and a token stays valid across restarts of the same data set.
  const secret = createHash('sha256').update(`togai-mock:${settings.seed}:${settings.accounts}`).digest('hex');
  const log = new RequestLog(options.requestLogSize ?? 500);
  const info = {
    seed: settings.seed,
    accounts: settings.accounts,
    customers: settings.customers,
    shared: options.shared === true,
  };
  const app = createApp({
    spec,
    storeFor: (token) => tenants.get(token),
    fallback,
    secret,
    log,
    corsOrigins: options.corsOrigins ?? true,
    holdMs: options.holdMs ?? 30_000,
    chaos: createChaos({
      seed: settings.seed,
      ...(options.latency ? { latency: options.latency } : {}),
      ...(options.errorRate !== undefined ? { errorRate: options.errorRate } : {}),
      ...(options.rateLimit !== undefined ? { rateLimit: options.rateLimit } : {}),
    }),
    extraRoutes: (express) => {
      mountAdmin(express, {
        spec,
        tenants,
        log,
        info,
        ...(options.adminToken ? { adminToken: options.adminToken } : {}),
      });
    },
  });

  const servers = new Set<Server>();
  const closeServer = (server: Server) =>
    new Promise<void>((resolve) => {
      servers.delete(server);
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return {
    app,
    spec,
    options: settings,
    async listen(port = DEFAULTS.port, host = DEFAULTS.host) {
      const server = await new Promise<Server>((resolve, reject) => {
        const s = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(s)));
      });
      server.requestTimeout = 30_000;
      server.headersTimeout = 10_000;
      servers.add(server);
      // Warm Prism up in the background so the first forced or unimplemented response is quick.
      void fallback().catch(() => undefined);
      const { port: bound } = server.address() as AddressInfo;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      return { url: `http://${shownHost}:${bound}`, close: () => closeServer(server) };
    },
    async close() {
      await Promise.all([...servers].map(closeServer));
    },
  };
}

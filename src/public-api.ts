import type { LoadedSpec } from './spec/types.ts';

/*
 * The package's public server types, declared here rather than re-exported from the server module:
 * that module's declarations import Express (`app`), whose types are only our devDependency, and a
 * consumer's `tsc` would fail on them. test/package/public-types.test.ts proves these stay equal to
 * the implementation's options, so the two cannot drift.
 */

export interface MockServerOptions {
  /** Path of the OpenAPI document; the bundled spec by default. */
  specPath?: string;
  /** Seed of the generated data: the same seed gives the same bytes. Default 1. */
  seed?: number;
  /** Total number of seeded accounts. Default 300. */
  accounts?: number;
  /** Number of seeded customers. Default 8. */
  customers?: number;
  /** A fixture file (see `togai-accounts-mock/fixtures`) applied to every tenant on top of the seeded data. */
  fixturePath?: string;
  /** One state for every token instead of one tenant per token. */
  shared?: boolean;
  /** Most tenants kept at once; the least recently used is evicted past it. */
  maxTenants?: number;
  /** A tenant unused this long is evicted. */
  tenantIdleMs?: number;
  /** Most accounts a tenant may hold; creating more answers an error. */
  maxAccounts?: number;
  /** Most customers a tenant may hold. Default: the seeded count plus 10,000. */
  maxCustomers?: number;
  /** Most items all tenants together may add to the seeded data. Default 1,000,000. */
  maxStoredItems?: number;
  /** Origins allowed by CORS: any (default) or a list. */
  corsOrigins?: true | string[];
  /** Added latency per request, in ms. */
  latency?: { min: number; max: number };
  /** Share of requests (0–1) answered with an injected 500. */
  errorRate?: number;
  /** Requests per second allowed per tenant before 429. */
  rateLimit?: number;
  /** When set, the admin API's calls about every tenant need `X-Admin-Token`. */
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
  /** `http://127.0.0.1:PORT`, with the port actually bound (useful with port 0). */
  url: string;
  /** Stops this listener. */
  close(): Promise<void>;
}

export interface MockServer {
  readonly spec: LoadedSpec;
  options: Required<Pick<MockServerOptions, 'seed' | 'accounts' | 'customers'>> & MockServerOptions;
  /** Starts listening; port 4010 and host 127.0.0.1 by default, port 0 picks a free port. */
  listen(port?: number, host?: string): Promise<RunningServer>;
  /**
   * Reads the spec and fixture files again and swaps the app in place. Tenants keep their data;
   * new tenants get the new fixture. A broken file leaves the running app as it was.
   */
  reload(): Promise<{ ok: true } | { ok: false; error: string }>;
  /** Stops every listener. */
  close(): Promise<void>;
}

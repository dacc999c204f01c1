import type { ResourceOverlay } from '../spec/resources/resource-overlay.ts';
import type { LoadedSpec } from '../spec/types.ts';
import type { ExchangeLogPort } from './exchange-log.ts';
import type { FaultQueuePort } from './fault-queue.ts';
import type { Fixture } from './fixtures.ts';
import type { ItemServing } from './items/plan-for-spec.ts';
import type { RawLoggedRequest, RequestLogPort } from './request-log.ts';
import type { TenantRegistry } from './store-port.ts';
import type { Fallback } from './types.ts';

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
  /** Random ids the store makes (alias records, keys of created items); `crypto.randomUUID` by default. */
  randomUUID?: () => string;
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
  /**
   * What the store holds of the description beyond Togai's rules (see items/plan-for-spec.ts),
   * when the caller built the tenants for it (Redis mode); made from `spec` otherwise.
   */
  items?: ItemServing;
  /** Corrections to the inferred resources (togai-mock.resources.json). */
  resources?: ResourceOverlay;
  /** Where requests are logged; the in-memory log by default (Redis: one shared by every instance). */
  requestLog?: RequestLogPort;
  /** One-shot faults queued through `POST /__admin/faults`; in memory by default. */
  faults?: FaultQueuePort;
  /**
   * Bytes of request and answer bodies kept for the inspector (`GET /__admin/requests/{id}`), the
   * newest first. Default 16 MiB; 0 keeps none.
   */
  requestBodiesBytes?: number;
  /** Where those bodies are kept; in memory by default. */
  exchanges?: ExchangeLogPort;
  /**
   * Called with every request's log line as it is answered (the Node adapter's access log and
   * metrics). It runs on the hot path: keep it cheap, and never throw.
   */
  observe?: (entry: RawLoggedRequest) => void;
}

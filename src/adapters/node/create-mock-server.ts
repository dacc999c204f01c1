import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  baselineOptionsOf,
  createMock,
  fromRedisTenants,
  MOCK_DEFAULTS,
  type Mock,
  type MockOptions,
  redisFixtureApplier,
  specFallbackFor,
  tenancyOf,
  tenantName,
} from '../../core/index.ts';
import { type ItemServing, itemServingFor } from '../../core/items/plan-for-spec.ts';
import { bundledSpec } from '../../spec/bundled-spec.ts';
import { DEFAULT_SPEC_PATH } from '../../spec/load-spec.ts';
import type { LoadedSpec } from '../../spec/types.ts';
import type { RedisMode } from '../../store/redis/index.ts';
import { type AccessLogFormat, createAccessLog } from './access-log.ts';
import { createApp } from './create-app.ts';
import { mountDocs } from './docs-routes.ts';
import { type GracefulClose, trackForGracefulClose } from './graceful-close.ts';
import { loadFixtureFile } from './load-fixture-file.ts';
import { loadOverlayFile } from './load-overlay-file.ts';
import { loadRecordingFile } from './load-recording-file.ts';
import { Metrics } from './metrics.ts';
import { mountOps } from './ops-routes.ts';
import { prismFallbackFor } from './prism-fallback.ts';
import { loadSpecCached } from './spec-cache.ts';

/** `redis` of the server options: a URL, or a URL with the knobs tests and deployments turn. */
export type RedisOption =
  | string
  | {
      url: string;
      /** Prefix of every key; lets several data sets share one Redis. Default `togai:`. */
      prefix?: string;
      /** A Redis command not answered within this fails the request with 503. Default 1000 ms. */
      commandTimeoutMs?: number;
    };

export const DEFAULTS = { ...MOCK_DEFAULTS, port: 4010, host: '127.0.0.1', graceMs: 5_000 } as const;

/** The core's options (documented on `MockOptions`) less what this adapter builds from files. */
export interface MockServerOptions extends Omit<MockOptions, 'spec' | 'fixture' | 'fallback' | 'tenants'> {
  /** Path of the OpenAPI document; the bundled spec by default. */
  specPath?: string;
  /** Corrections to the resources inferred from the description; default `togai-mock.resources.json` beside it. */
  resourcesPath?: string;
  /** A fixture file (see fixtures/) applied to every tenant on top of the seeded data. */
  fixturePath?: string;
  /**
   * A HAR recording (`togai-mock proxy --record`): every tenant starts with exactly the accounts,
   * customers and aliases it saw; operations the store does not implement replay recorded answers.
   */
  recordingPath?: string;
  /** Origins allowed by CORS: any (default) or a list. */
  corsOrigins?: true | string[];
  /** A request (headers and body) must arrive within this. Default 30 s. */
  requestTimeoutMs?: number;
  /** The headers must arrive within this. Default 10 s. */
  headersTimeoutMs?: number;
  /**
   * Keep tenants in Redis (a `redis://` URL), shared by every process started with the same spec,
   * seed and sizes, and kept across restarts (see docs/scaling.md). Default: in this process's memory.
   */
  redis?: RedisOption;
  /**
   * A proxy in front of the mock rewrites scheme and host: the docs pages then build their URLs
   * from `X-Forwarded-Proto` and `X-Forwarded-Host` (checked like `Host`). Default false: ignored.
   */
  trustProxy?: boolean;
  /**
   * Who answers operations the store does not implement: the description itself (`spec`, the
   * default: valid examples, else generated from the schema) or Prism (loaded on first use).
   */
  fallback?: 'spec' | 'prism';
  /** One line per request on stdout: `pretty`, `json`, or `off` (the default for a program). */
  accessLog?: AccessLogFormat;
}

export interface CloseOptions {
  /** How long requests in flight may take to finish before their connections are cut. Default 5 s. */
  graceMs?: number;
}

export interface RunningServer {
  /** `http://127.0.0.1:PORT`, with the port actually bound (useful with port 0). */
  url: string;
  /** Stops accepting, lets requests in flight finish (up to `graceMs`), then closes. */
  close(options?: CloseOptions): Promise<void>;
}

// Deliberately no Express in here: these are the package's public types, and a consumer's tsc must
// not need our devDependency @types/express (test/package checks it).
export interface MockServer {
  readonly spec: LoadedSpec;
  /** The environment-free mock the app serves (reset, export, import, the request log). */
  readonly mock: Mock;
  /** What the store holds of the description beyond Togai's rules (its collections and handlers). */
  readonly items: ItemServing;
  options: Required<Pick<MockServerOptions, 'seed' | 'accounts' | 'customers'>> & MockServerOptions;
  listen(port?: number, host?: string): Promise<RunningServer>;
  /**
   * Reads the spec and fixture files again and swaps the app in place. Tenants keep their data;
   * new tenants get the new fixture. A broken file leaves the running app as it was.
   */
  reload(): Promise<{ ok: true } | { ok: false; error: string }>;
  /** Closes every listener as `RunningServer.close` does. */
  close(options?: CloseOptions): Promise<void>;
}

/** Builds the mock: loads the spec, seeds the store, wires the app. Throws on an unusable spec or fixture. */
export async function createMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const settings = {
    ...options,
    seed: options.seed ?? DEFAULTS.seed,
    accounts: options.accounts ?? DEFAULTS.accounts,
    customers: options.customers ?? DEFAULTS.customers,
  };
  // At start the bundled spec comes prepared at build time; a reload reads its file again (it may
  // have been edited), like any `specPath`, through the disk cache (spec-cache.ts).
  const readFiles = async (reloading: boolean) => {
    const loaded =
      options.specPath === undefined && !reloading
        ? { ok: true as const, value: bundledSpec() }
        : await loadSpecCached(options.specPath ?? DEFAULT_SPEC_PATH);
    if (!loaded.ok) throw new Error(loaded.error);
    const spec = loaded.value;
    const recording = options.recordingPath
      ? await loadRecordingFile(options.recordingPath, spec)
      : undefined;
    const fixture = options.fixturePath
      ? await loadFixtureFile(options.fixturePath, spec)
      : recording?.fixture;
    // togai-mock.resources.json beside the description corrects the inferred resources.
    const overlay = await loadOverlayFile(options.specPath ?? DEFAULT_SPEC_PATH, options.resourcesPath);
    if (!overlay.ok) throw new Error(overlay.error);
    return { spec, fixture, recording, overlay: overlay.value };
  };
  const first = await readFiles(false);
  const metrics = new Metrics();
  const accessLog = createAccessLog(options.accessLog ?? 'off');
  const given = options.observe;
  // On Redis the tenants apply the fixture themselves (once per tenant across every instance).
  let fixture = first.fixture;
  // Loaded only when asked for: the in-memory default never loads the Redis client.
  // What the store holds of the description: the same collections in memory and on Redis.
  const items = itemServingFor(first.spec, settings.seed, first.overlay);
  const redis = options.redis === undefined ? undefined : await openRedis(options.redis);
  async function openRedis(option: RedisOption): Promise<RedisMode> {
    const { openRedisMode } = await import('../../store/redis/index.ts');
    const opened = await openRedisMode({
      ...(typeof option === 'string' ? { url: option } : option),
      baseline: baselineOptionsOf(options, settings),
      items: items.plan.collections,
      spec: JSON.stringify(first.spec.document),
      tenancy: tenancyOf(options),
      ...(options.requestLogSize !== undefined ? { requestLogSize: options.requestLogSize } : {}),
      tenantName,
      fixture: redisFixtureApplier(() => fixture),
      onStatus: (message) => console.error(`togai-mock: ${message}`),
      onCommand: (failed) => metrics.redisCommand(failed),
    });
    if (!opened.ok) throw new Error(opened.error);
    return opened.value;
  }
  const mock = createMock({
    ...pickCoreOptions(options),
    // Metrics and the access log read the core's log line: no listener on the response.
    observe: (entry) => {
      metrics.observe(entry);
      accessLog?.record(entry);
      given?.(entry);
    },
    seed: settings.seed,
    accounts: settings.accounts,
    customers: settings.customers,
    spec: first.spec,
    items,
    ...(first.overlay ? { resources: first.overlay } : {}),
    ...(first.fixture && !redis ? { fixture: first.fixture } : {}),
    // A recording answers first, for what it saw; the spec (or Prism) for the rest.
    fallback: (spec) => {
      const fromSpec = options.fallback === 'prism' ? prismFallbackFor(spec) : specFallbackFor(spec);
      return first.recording ? first.recording.fallback(fromSpec) : fromSpec;
    },
    ...(redis
      ? {
          tenants: fromRedisTenants(redis.tenants),
          requestLog: redis.log,
          // Every instance on the Redis signs tokens alike (see `RedisMode.tokenSecret`).
          tokenSecret: options.tokenSecret ?? redis.tokenSecret,
        }
      : {}),
  });
  const buildApp = (spec: LoadedSpec) =>
    createApp({
      mock,
      corsOrigins: options.corsOrigins ?? true,
      ownRoutes: (app) => {
        mountDocs(app, { spec, ...mock.settings, trustProxy: options.trustProxy === true });
        mountOps(app, { mock, metrics });
      },
    });
  let app = buildApp(first.spec);

  const servers = new Map<Server, GracefulClose>();
  const closeServer = (server: Server, { graceMs = DEFAULTS.graceMs }: CloseOptions = {}) => {
    const graceful = servers.get(server);
    servers.delete(server);
    return graceful ? graceful.close(graceMs) : Promise.resolve();
  };
  return {
    get spec() {
      return mock.spec;
    },
    mock,
    items,
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
        (req, res) => app(req, res),
      );
      const graceful = trackForGracefulClose(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
      servers.set(server, graceful);
      const { port: bound } = server.address() as AddressInfo;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      return {
        url: `http://${shownHost}:${bound}`,
        close: (closeOptions) => {
          // Live request streams never end by themselves: end them, or they hold the close for its grace.
          mock.close();
          return closeServer(server, closeOptions);
        },
      };
    },
    async reload() {
      try {
        const next = await readFiles(true);
        const nextApp = buildApp(next.spec);
        fixture = next.fixture;
        mock.update({ spec: next.spec, ...(redis ? {} : { fixture: next.fixture }) });
        app = nextApp;
        return { ok: true };
      } catch (error) {
        return { ok: false, error: (error as Error).message };
      }
    },
    async close(closeOptions) {
      mock.close();
      accessLog?.flush();
      await Promise.all([...servers.keys()].map((server) => closeServer(server, closeOptions)));
      await redis?.close();
    },
  };
}

/** The options the core takes as they are (the rest are the server's: files, sockets, CORS). */
function pickCoreOptions(options: MockServerOptions) {
  const {
    specPath: _spec,
    fixturePath: _fixture,
    recordingPath: _recording,
    corsOrigins: _cors,
    requestTimeoutMs: _request,
    headersTimeoutMs: _headers,
    redis: _redis,
    trustProxy: _trustProxy,
    accessLog: _accessLog,
    observe: _observe,
    ...core
  } = options;
  return core;
}

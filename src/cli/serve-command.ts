import { watch } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import {
  createMockServer,
  DEFAULTS,
  type MockServer,
  type MockServerOptions,
} from '../adapters/node/create-mock-server.ts';
import { hasPrism, PRISM_MISSING } from '../adapters/node/prism-fallback.ts';
import { parseLatency } from '../core/index.ts';
import { summarizeServing } from '../core/serving-summary.ts';
import { DEFAULT_SPEC_PATH } from '../spec/load-spec.ts';
import { redactUrl } from '../store/redis/redact-url.ts';
import { COMMAND_SUMMARIES } from './command-summaries.ts';
import { EXIT } from './exit-codes.ts';
import { explainListenError } from './listen-error.ts';
import { byteSize, wholeNumber } from './option-parsers.ts';
import { stopOnSignal } from './stop-on-signal.ts';

const latency = (value: string) => {
  const range = parseLatency(value);
  if (!range) throw new InvalidArgumentError('must be milliseconds, "MS" or "MIN-MAX" (e.g. 50-200)');
  return range;
};

const rate = (value: string) => {
  const n = Number(value);
  if (!/^(0|1|0?\.\d+)$/.test(value) || n < 0 || n > 1) throw new InvalidArgumentError('must be from 0 to 1');
  return n;
};

interface ServeFlags {
  fallback?: 'spec' | 'prism';
  log: 'pretty' | 'json' | 'off';
  port: number;
  host: string;
  seed: number;
  accounts: number;
  customers: number;
  spec?: string;
  fixture?: string;
  fromRecording?: string;
  shared?: boolean;
  maxTenants?: number;
  tenantIdle?: number;
  maxAccounts?: number;
  maxStoredItems?: number;
  maxStoredBytes?: number;
  maxTenantItems?: number;
  maxTenantBytes?: number;
  maxImportBytes?: number;
  tenantEvictIdle?: number;
  corsOrigin?: string[];
  latency?: { min: number; max: number };
  errorRate?: number;
  rateLimit?: number;
  adminToken?: string;
  tokenSecret?: string;
  trustProxy?: boolean;
  watch?: boolean;
  redis?: string;
  grace: number;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve', { isDefault: true })
    .description(COMMAND_SUMMARIES.serve)
    .option(
      '-p, --port <port>',
      'port to listen on (0 picks a free one)',
      wholeNumber(0, 65535),
      DEFAULTS.port,
    )
    .option('-H, --host <host>', 'address to bind', DEFAULTS.host)
    .option(
      '-s, --seed <seed>',
      'seed of the data (same seed, same bytes)',
      wholeNumber(0, 2 ** 31 - 1),
      DEFAULTS.seed,
    )
    .option('-a, --accounts <n>', 'number of seeded accounts', wholeNumber(0, 5_000_000), DEFAULTS.accounts)
    .option('-c, --customers <n>', 'number of seeded customers', wholeNumber(1, 100_000), DEFAULTS.customers)
    .option('--spec <file>', 'OpenAPI document to serve (default: the bundled spec)')
    .option('--fixture <file>', 'fixture (JSON, see fixtures/) applied to every tenant on top of the seed')
    .option(
      '--from-recording <file.har>',
      'start every tenant with exactly the data of a recording (togai-mock proxy --record); see docs/proxy.md',
    )
    .option('--shared', 'one shared state for every token (default: one isolated tenant per token)')
    .option(
      '--max-tenants <n>',
      'most tenants holding data at once; readers hold none (default 1000)',
      wholeNumber(1, 1_000_000),
    )
    .option(
      '--tenant-idle <seconds>',
      'evict a tenant unused this long (default 1800)',
      wholeNumber(1, 86_400 * 30),
    )
    .option('--max-accounts <n>', 'most accounts one tenant may hold', wholeNumber(1, 50_000_000))
    .option(
      '--max-stored-items <n>',
      'most items all tenants together may add (default 1000000)',
      wholeNumber(1, 100_000_000),
    )
    .option(
      '--max-stored-bytes <size>',
      'most bytes (JSON) all tenants together may hold, e.g. 512M (default 128M)',
      byteSize,
    )
    .option(
      '--max-tenant-items <n>',
      'most items one tenant may add (default 50000)',
      wholeNumber(1, 100_000_000),
    )
    .option(
      '--max-tenant-bytes <size>',
      'most bytes (JSON) one tenant may hold, e.g. 32M (default 8M)',
      byteSize,
    )
    .option(
      '--max-import-bytes <size>',
      'largest POST /__admin/import body (default: the largest export the byte budgets allow, at least 20M)',
      byteSize,
    )
    .option(
      '--tenant-evict-idle <seconds>',
      'past --max-tenants, a tenant unused this long goes first, before the least used (default 300)',
      wholeNumber(0, 86_400 * 30),
    )
    .option('--cors-origin <origin...>', 'origins allowed by CORS (default: any)')
    .option('--latency <ms>', 'added latency per request, "MS" or "MIN-MAX"', latency)
    .option('--error-rate <share>', 'share of requests answered with an injected 500 (0–1)', rate)
    .option('--rate-limit <n>', 'requests per second per tenant before 429', wholeNumber(1, 1_000_000))
    .option(
      '--admin-token <token>',
      'X-Admin-Token for admin calls about every tenant (or TOGAI_MOCK_ADMIN_TOKEN)',
    )
    .option(
      '--token-secret <secret>',
      'key of nextToken signatures, to keep tokens across restarts (or TOGAI_MOCK_TOKEN_SECRET; default: random)',
    )
    .option(
      '--trust-proxy',
      'behind a proxy: build the docs URLs from X-Forwarded-Proto/-Host (default: ignore them)',
    )
    .option('--watch', 'reload the spec and fixture when they change, keeping tenants')
    .option(
      '--redis <url>',
      'keep tenants in Redis, shared by every process on it and kept across restarts (or TOGAI_MOCK_REDIS)',
    )
    .option(
      '--grace <ms>',
      'on SIGINT/SIGTERM, how long requests in flight may take to finish before exit',
      wholeNumber(0, 600_000),
      5_000,
    )
    .addOption(
      new Option(
        '--fallback <who>',
        'who answers operations the store does not implement: the spec (its valid examples, else data generated from its schemas) or Prism',
      )
        .choices(['spec', 'prism'])
        .default('spec'),
    )
    .addOption(
      new Option('--log <format>', 'one line per request on stdout, with its X-Request-Id')
        .choices(['pretty', 'json', 'off'])
        .default('pretty'),
    )
    .action(async (flags: ServeFlags) => {
      if (flags.fixture && flags.fromRecording)
        throw new Error('--fixture and --from-recording both set the starting data: give one');
      const started = performance.now();
      const adminToken = flags.adminToken ?? process.env.TOGAI_MOCK_ADMIN_TOKEN;
      const redis = flags.redis ?? (process.env.TOGAI_MOCK_REDIS || undefined);
      const tokenSecret = flags.tokenSecret ?? process.env.TOGAI_MOCK_TOKEN_SECRET;
      const options: MockServerOptions = {
        seed: flags.seed,
        accounts: flags.accounts,
        customers: flags.customers,
        ...(flags.spec ? { specPath: flags.spec } : {}),
        ...(flags.fixture ? { fixturePath: flags.fixture } : {}),
        ...(flags.fromRecording ? { recordingPath: flags.fromRecording } : {}),
        ...(flags.shared ? { shared: true } : {}),
        ...(flags.maxTenants ? { maxTenants: flags.maxTenants } : {}),
        ...(flags.tenantIdle ? { tenantIdleMs: flags.tenantIdle * 1000 } : {}),
        ...(flags.maxAccounts ? { maxAccounts: flags.maxAccounts } : {}),
        ...(flags.maxStoredItems ? { maxStoredItems: flags.maxStoredItems } : {}),
        ...(flags.maxStoredBytes ? { maxStoredBytes: flags.maxStoredBytes } : {}),
        ...(flags.maxTenantItems ? { maxTenantItems: flags.maxTenantItems } : {}),
        ...(flags.maxTenantBytes ? { maxTenantBytes: flags.maxTenantBytes } : {}),
        ...(flags.maxImportBytes ? { maxImportBytes: flags.maxImportBytes } : {}),
        ...(flags.tenantEvictIdle !== undefined ? { tenantEvictIdleMs: flags.tenantEvictIdle * 1000 } : {}),
        ...(flags.corsOrigin ? { corsOrigins: flags.corsOrigin } : {}),
        ...(flags.latency ? { latency: flags.latency } : {}),
        ...(flags.errorRate !== undefined ? { errorRate: flags.errorRate } : {}),
        ...(flags.rateLimit ? { rateLimit: flags.rateLimit } : {}),
        ...(adminToken ? { adminToken } : {}),
        ...(redis ? { redis } : {}),
        ...(tokenSecret ? { tokenSecret } : {}),
        ...(flags.trustProxy ? { trustProxy: true } : {}),
        ...(flags.fallback === 'prism' ? { fallback: 'prism' as const } : {}),
        accessLog: flags.log,
      };
      if (flags.fallback === 'prism' && !(await hasPrism())) {
        console.error(`togai-mock: ${PRISM_MISSING}`);
        process.exit(EXIT.setup);
      }
      const server = await createMockServer(options);
      let url: string;
      try {
        ({ url } = await server.listen(flags.port, flags.host));
      } catch (error) {
        const advice = explainListenError(error, flags.port, flags.host);
        if (!advice) throw error;
        console.error(`togai-mock: ${advice}`);
        process.exit(EXIT.setup);
      }
      const ms = Math.round(performance.now() - started);
      const tenancy = `${flags.shared ? 'one shared state' : 'one tenant per credential'}${
        redis ? `, kept in Redis at ${redactUrl(redis)}` : ''
      }`;
      // One write, so that whoever reads the URL line has the rest too.
      console.log(
        [
          `togai-mock listening on ${url} (ready in ${ms} ms)`,
          ...describeServing(server, flags, tenancy, url),
          ...(flags.fromRecording
            ? [`  data: every tenant starts from the recording ${flags.fromRecording}`]
            : []),
          `  docs: ${url}/docs   inspector: ${url}/__inspector   admin: ${url}/__admin`,
          `  health: ${url}/healthz   ready: ${url}/readyz   metrics: ${url}/metrics`,
        ].join('\n'),
      );
      if (flags.watch)
        watchFiles(server, [flags.spec ?? DEFAULT_SPEC_PATH, ...(flags.fixture ? [flags.fixture] : [])]);
      stopOnSignal(server, flags.grace);
    });
}

/** The banner's lines about what is served: only what the mock does with this description. */
function describeServing(server: MockServer, flags: ServeFlags, tenancy: string, url: string): string[] {
  const serving = summarizeServing(server.spec, server.items);
  const title = server.spec.title || 'the description';
  const held = `${serving.collections} collections held in the store (${serving.writable} take creates; see togai-mock spec resources FILE)`;
  const split = `${serving.fromStore} operations from the store, ${serving.fromExamples} from its examples`;
  if (!serving.togai)
    return [
      `  ${title} (not Togai's: ${serving.why}): ${split}`,
      `  ${held}; seed ${flags.seed}, ${tenancy}`,
    ];
  return [
    `  seed ${flags.seed}, ${flags.accounts} accounts, ${flags.customers} customers, ${tenancy}`,
    `  ${title} (Togai's: ${serving.why}): ${split}`,
    ...(serving.collections > 0 ? [`  ${held}`] : []),
    `  try: curl -s -H 'Authorization: Bearer demo-token' '${url}/accounts?pageSize=2'`,
  ];
}

/** Watches each file's folder (editors replace files, which a watch on the file itself misses). */
function watchFiles(server: MockServer, files: string[]): void {
  let timer: NodeJS.Timeout | undefined;
  const reload = () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const result = await server.reload();
      if (result.ok) console.log(`togai-mock: reloaded ${files.join(', ')}`);
      else console.error(`togai-mock: not reloaded, still serving the previous version: ${result.error}`);
    }, 150);
  };
  for (const file of files.map((f) => resolve(f))) {
    watch(dirname(file), (_event, name) => {
      if (name === basename(file)) reload();
    }).unref();
  }
  console.log(`  watching ${files.join(', ')}`);
}

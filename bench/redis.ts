/**
 * Redis mode against in-memory, in one run: GET by id and a list page, served by one in-memory
 * process, by one process on Redis, and by two processes on the same Redis (each of the two
 * loaded by its own half of the connections, so the offered load is the same).
 * Run alone: `npx tsx bench/redis.ts [--quick]`; `npm run bench` runs it too.
 */
import { startRedisServer } from '../test/helpers/redis-server.ts';
import { type ChildServer, killAllChildren, readCpuSeconds } from './child-server.ts';
import { AUTH, PAGE_SIZE } from './fixtures.ts';
import { CONNECTIONS, type LoadRequest, type LoadResult, runLoad } from './load.ts';
import { startOurs } from './servers.ts';

export interface RedisRow {
  scenario: string;
  setup: 'in-memory' | 'redis, 1 process' | 'redis, 2 processes';
  rps: number;
  p99: number;
  /** CPU of the mock processes and of redis-server per request, in µs. */
  mockCpuMicros: number;
  redisCpuMicros: number;
  problem?: string;
}

export interface RedisBench {
  rows: RedisRow[];
  targets: { name: string; met: boolean; detail: string }[];
}

const SETUPS = ['in-memory', 'redis, 1 process', 'redis, 2 processes'] as const;

async function prepare(url: string): Promise<{ oneAccountPath: string; customerId: string }> {
  // A tenant with an overlay, so reads merge real Redis entries, not an empty tenant.
  const customers = (await (await fetch(`${url}/customers?pageSize=1`, { headers: AUTH })).json()) as {
    data: { id: string }[];
  };
  const customerId = customers.data[0]?.id ?? '';
  for (let i = 0; i < 20; i++) {
    await fetch(`${url}/accounts`, {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ id: `bench-overlay-${i}`, name: 'Overlay', customerId }),
    });
  }
  const page = (await (await fetch(`${url}/accounts?pageSize=10`, { headers: AUTH })).json()) as {
    data: { id: string }[];
  };
  return { oneAccountPath: `/accounts/${encodeURIComponent(page.data[5]?.id ?? '')}`, customerId };
}

async function loadAll(targets: readonly ChildServer[], request: LoadRequest, seconds: number) {
  const per = Math.max(1, Math.floor(CONNECTIONS / targets.length));
  const results = await Promise.all(targets.map((t) => runLoad(t.url, request, seconds, per)));
  return {
    rps: results.reduce((sum, r) => sum + r.rps, 0),
    p99: Math.max(...results.map((r) => r.p99)),
    total: results.reduce((sum, r) => sum + r.total, 0),
    failed: results.reduce((sum, r) => sum + r.non2xx + r.errors, 0),
  } satisfies Pick<LoadResult, 'rps' | 'p99' | 'total'> & { failed: number };
}

export async function measureRedisMode(
  options: { seconds: number; warmupSeconds: number },
  log: (line: string) => void,
): Promise<RedisBench> {
  const redis = await startRedisServer();
  const rows: RedisRow[] = [];
  try {
    for (const setup of SETUPS) {
      const extra = setup === 'in-memory' ? [] : ['--redis', redis.url];
      const servers =
        setup === 'redis, 2 processes'
          ? await Promise.all([startOurs({ extraArgs: extra }), startOurs({ extraArgs: extra })])
          : [await startOurs({ extraArgs: extra })];
      const first = servers[0] as ChildServer;
      const { oneAccountPath, customerId } = await prepare(first.url);
      let created = 0;
      const scenarios: [string, LoadRequest][] = [
        ['GET /accounts/{id}', { method: 'GET', path: oneAccountPath, headers: AUTH }],
        [
          `GET /accounts?pageSize=${PAGE_SIZE}`,
          { method: 'GET', path: `/accounts?pageSize=${PAGE_SIZE}`, headers: AUTH },
        ],
        [
          'POST /accounts (one tenant)',
          {
            method: 'POST',
            path: '/accounts',
            headers: { ...AUTH, 'content-type': 'application/json' },
            // Unique per setup too: the two Redis setups share one Redis.
            makeBody: () =>
              JSON.stringify({
                id: `zbench-${setup.length}-${(created++).toString(36)}`,
                name: 'Bench',
                customerId,
              }),
          },
        ],
      ];
      for (const [scenario, request] of scenarios) {
        await loadAll(servers, request, options.warmupSeconds);
        const cpu = async () => ({
          mock: (await Promise.all(servers.map((s) => s.cpuSeconds()))).reduce((a, b) => a + b, 0),
          redis: redis.pid === undefined ? 0 : await readCpuSeconds(redis.pid),
        });
        const before = await cpu();
        const result = await loadAll(servers, request, options.seconds);
        const after = await cpu();
        const perRequest = (seconds: number) => (result.total > 0 ? (seconds * 1e6) / result.total : 0);
        const row: RedisRow = {
          scenario,
          setup,
          rps: result.rps,
          p99: result.p99,
          mockCpuMicros: perRequest(after.mock - before.mock),
          redisCpuMicros: perRequest(after.redis - before.redis),
          ...(result.failed > 0 ? { problem: `${result.failed} failed requests` } : {}),
        };
        rows.push(row);
        log(
          `  ${scenario.padEnd(26)} ${setup.padEnd(19)} ${Math.round(row.rps).toString().padStart(6)} req/s  p99 ${row.p99} ms  CPU µs/req: mock ${Math.round(row.mockCpuMicros)}, redis ${Math.round(row.redisCpuMicros)}`,
        );
      }
      await Promise.all(servers.map((s) => s.stop()));
    }
  } finally {
    await redis.dispose();
  }
  const targets = [...new Set(rows.map((r) => r.scenario))]
    .filter((scenario) => scenario.startsWith('GET'))
    .flatMap((scenario) => {
      const of = (setup: RedisRow['setup']) => rows.find((r) => r.scenario === scenario && r.setup === setup);
      const memory = of('in-memory');
      const one = of('redis, 1 process');
      const two = of('redis, 2 processes');
      if (!memory || !one || !two) return [];
      return [
        {
          name: `${scenario}: one process on Redis ≥ half of in-memory`,
          met: one.rps >= memory.rps / 2,
          detail: `${Math.round((100 * one.rps) / memory.rps)}% of in-memory`,
        },
        {
          name: `${scenario}: two processes > one`,
          met: two.rps > one.rps,
          detail: `${(two.rps / one.rps).toFixed(2)}× one process`,
        },
      ];
    });
  return { rows, targets };
}

export function renderRedisBench(bench: RedisBench): string {
  const lines = [
    '## Redis mode',
    '',
    '| scenario | setup | req/s | p99 ms | mock CPU µs/req | redis CPU µs/req | problem |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...bench.rows.map(
      (r) =>
        `| ${r.scenario} | ${r.setup} | ${Math.round(r.rps).toLocaleString('en-US')} | ${r.p99} | ${Math.round(r.mockCpuMicros)} | ${Math.round(r.redisCpuMicros)} | ${r.problem ?? ''} |`,
    ),
    '',
    ...bench.targets.map((t) => `- ${t.met ? 'met' : 'NOT met'}: ${t.name} (${t.detail})`),
  ];
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const quick = process.argv.includes('--quick');
  process.on('exit', killAllChildren);
  measureRedisMode({ seconds: quick ? 2 : 5, warmupSeconds: quick ? 0.5 : 1 }, console.log).then(
    (bench) => {
      console.log(`\n${renderRedisBench(bench)}`);
      process.exit(bench.rows.some((r) => r.problem) ? 1 : 0);
    },
    (error: unknown) => {
      console.error(`bench: could not measure: ${(error as Error).message}`);
      killAllChildren();
      process.exit(1);
    },
  );
}

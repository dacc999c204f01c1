/**
 * The validating proxy's added latency: one keep-alive connection, one request in flight, the same list
 * page asked of the upstream directly and through the proxy (judging on), interleaved so drift in the
 * machine's load hits both alike. Not a load test: a few thousand sequential requests.
 * Standalone: `node --import tsx bench/proxy-latency.ts` (starts our mock itself).
 */
import { Agent, request } from 'node:http';
import { pathToFileURL } from 'node:url';
import { type ChildServer, killAllChildren, spawnServer } from './child-server.ts';
import { AUTH, PAGE_SIZE } from './fixtures.ts';
import { startOurs } from './servers.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const PATH = `/accounts?pageSize=${PAGE_SIZE}`;

export interface ProxyLatency {
  requests: number;
  path: string;
  direct: { p50: number; p99: number };
  proxied: { p50: number; p99: number };
  /** Proxied minus direct, per percentile, in ms. */
  added: { p50: number; p99: number };
  /** Violations the proxy reported over the run: 0 expected in front of our mock. */
  violations: number;
}

export function startProxy(upstream: string): Promise<ChildServer> {
  return spawnServer({
    name: 'proxy',
    args: ['--import', 'tsx', 'src/cli/main.ts', 'proxy', '--upstream', upstream, '--port', '0'],
    cwd: ROOT,
    url: { fromStdout: /listening on (http:\/\/\S+)/ },
    probePath: PATH,
    headers: AUTH,
    timeoutMs: 60_000,
  });
}

function timeOne(agent: Agent, url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = request(url, { agent, headers: AUTH }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode !== 200) reject(new Error(`${url} answered ${res.statusCode}`));
        else resolve(Number(process.hrtime.bigint() - started) / 1e6);
      });
    });
    req.on('error', reject);
    req.end();
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

export async function measureProxyLatency(upstream: string, requests = 3000): Promise<ProxyLatency> {
  const proxy = await startProxy(upstream);
  const direct = new Agent({ keepAlive: true, maxSockets: 1 });
  const proxied = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const times = { direct: [] as number[], proxied: [] as number[] };
    const warmup = Math.min(500, requests);
    for (let i = 0; i < warmup + requests; i++) {
      // Alternate which goes first, so neither always follows the other's work.
      const order = i % 2 === 0 ? (['direct', 'proxied'] as const) : (['proxied', 'direct'] as const);
      for (const which of order) {
        const ms = await timeOne(
          which === 'direct' ? direct : proxied,
          (which === 'direct' ? upstream : proxy.url) + PATH,
        );
        if (i >= warmup) times[which].push(ms);
      }
    }
    const stats = (list: number[]) => {
      const sorted = [...list].sort((a, b) => a - b);
      return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
    };
    const d = stats(times.direct);
    const p = stats(times.proxied);
    const res = await fetch(`${proxy.url}/__admin/violations`);
    const { total } = (await res.json()) as { total: number };
    return {
      requests,
      path: PATH,
      direct: d,
      proxied: p,
      added: { p50: p.p50 - d.p50, p99: p.p99 - d.p99 },
      violations: total,
    };
  } finally {
    direct.destroy();
    proxied.destroy();
    await proxy.stop();
  }
}

const ms = (n: number) => n.toFixed(3);

export function proxySection(r: ProxyLatency): string {
  return [
    `${r.requests} sequential \`GET ${r.path}\` over one kept-alive connection each, direct and through`,
    '`togai-mock proxy` (judging every exchange), interleaved. Target: under 1 ms added at p50.',
    '',
    '| | p50 ms | p99 ms |',
    '| --- | --- | --- |',
    `| our mock, direct | ${ms(r.direct.p50)} | ${ms(r.direct.p99)} |`,
    `| through the proxy | ${ms(r.proxied.p50)} | ${ms(r.proxied.p99)} |`,
    `| added by the proxy | ${ms(r.added.p50)} | ${ms(r.added.p99)} |`,
    '',
    `Violations reported over the run: ${r.violations}. Target ${r.added.p50 < 1 ? 'met' : 'missed'}.`,
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.on('exit', killAllChildren);
  const ours = await startOurs();
  try {
    console.log(proxySection(await measureProxyLatency(ours.url, Number(process.argv[2] ?? 3000))));
  } finally {
    await ours.stop();
  }
}

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { spawnServer } from './child-server.ts';
import { AUTH } from './fixtures.ts';
import type { TargetCheck } from './targets.ts';

/**
 * The start-up costs issue 21 sets as ratios to peers measured in the same run, on the installed
 * package (bench/package-startup.ts installs it): each pair interleaved, the median of each judged.
 * - the MSW entry: in a fresh process, `import('msw/node')` then our entry and `createHandlers()`,
 *   CPU of each (CPU, not wall: a shared machine moves wall time by ±50%); then the first `fetch`
 *   through our handlers, beside the first through one trivial MSW handler;
 * - `togai-mock --version` beside `node -e 0`;
 * - `serve`'s first 200 beside a bare `node:http` server's (both spawn → first 200), and the same
 *   with `--spec <Togai's published description>` on its second start (the first fills the cache).
 */
const ROOT = resolve(import.meta.dirname, '..');
export const PUBLISHED =
  process.env.TOGAI_PUBLISHED_SPEC ?? resolve(ROOT, '..', 'shared', 'togai-published', 'openapi.yaml');
const URL_LINE = /listening on (http:\/\/\S+)/;

const MSW_PROBE = `const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const ours = process.argv[2] === 'ours';
const c0 = cpu();
const { setupServer } = await import('msw/node');
const c1 = cpu();
let handlers;
if (ours) handlers = (await import('togai-accounts-mock/msw')).createHandlers();
else handlers = [(await import('msw/core/http')).http.get('https://api.togai.com/accounts', () => Response.json({ data: [] }))];
const c2 = cpu();
const server = setupServer(...handlers);
server.listen({ onUnhandledRequest: 'error' });
const t = performance.now();
const res = await fetch('https://api.togai.com/accounts?pageSize=10', { headers: { authorization: 'Bearer bench' } });
await res.text();
const firstFetchMs = performance.now() - t;
server.close();
if (res.status !== 200) throw new Error('answered ' + res.status);
console.log(JSON.stringify({ mswNodeCpuMs: c1 - c0, entryCpuMs: c2 - c1, firstFetchMs }));
`;

const BARE_HTTP = `import { createServer } from 'node:http';
const server = createServer((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[]}'));
server.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port));
`;

export interface InstantStartup {
  /** CPU ms of `import('msw/node')` and, after it, of our entry plus `createHandlers()`, per run. */
  mswNodeCpuMs: number[];
  entryCpuMs: number[];
  /** Wall ms of the first `fetch` through our handlers, and through one trivial handler. */
  firstFetchMs: number[];
  trivialFirstFetchMs: number[];
  versionMs: number[];
  nodeBareMs: number[];
  /** Spawn → first 200 of a bare node:http server, and of `serve --spec <published>` (second start). */
  httpBareMs: number[];
  publishedSecondMs: number[];
  /** The CPU each of those two processes used up to its first 200. */
  httpBareCpuMs: number[];
  publishedSecondCpuMs: number[];
}

/** Installs msw beside the package (from npm's cache: the repository's own install filled it). */
function installMsw(project: string): void {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'node_modules/msw/package.json'), 'utf8'));
  const result = spawnSync(
    'npm',
    ['install', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund', `msw@${version}`],
    { cwd: project, encoding: 'utf8', timeout: 180_000 },
  );
  if (result.status !== 0) throw new Error(`npm install msw failed:\n${result.stderr}`);
}

function runNode(args: string[], cwd: string): { ms: number; stdout: string } {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', timeout: 60_000 });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed:\n${result.stderr}`);
  return { ms, stdout: result.stdout };
}

async function firstOk(name: string, args: string[], cwd: string, env?: Record<string, string>) {
  const server = await spawnServer({
    name,
    args,
    cwd,
    url: { fromStdout: URL_LINE },
    probePath: '/accounts',
    headers: AUTH,
    timeoutMs: 60_000,
    ...(env ? { env } : {}),
  });
  const cpuMs = (await server.cpuSeconds()) * 1000;
  await server.stop();
  return { wallMs: server.startupMs, cpuMs };
}

export async function measureInstant(project: string, work: string, runs: number): Promise<InstantStartup> {
  installMsw(project);
  await writeFile(join(project, 'msw-probe.mjs'), MSW_PROBE);
  await writeFile(join(project, 'bare-http.mjs'), BARE_HTTP);
  const bin = join(project, 'node_modules/togai-accounts-mock/dist/cli/main.js');
  const cache = { TOGAI_MOCK_CACHE_DIR: join(work, 'spec-cache') };
  const published = existsSync(PUBLISHED);
  const serveSpec = [bin, 'serve', '--port', '0', '--spec', PUBLISHED];
  // The first start with the published description prepares it into the cache.
  if (published) await firstOk('published-first', serveSpec, project, cache);
  const out: InstantStartup = {
    mswNodeCpuMs: [],
    entryCpuMs: [],
    firstFetchMs: [],
    trivialFirstFetchMs: [],
    versionMs: [],
    nodeBareMs: [],
    httpBareMs: [],
    publishedSecondMs: [],
    httpBareCpuMs: [],
    publishedSecondCpuMs: [],
  };
  for (let i = 0; i < runs; i += 1) {
    const ours = JSON.parse(runNode(['msw-probe.mjs', 'ours'], project).stdout);
    out.mswNodeCpuMs.push(ours.mswNodeCpuMs);
    out.entryCpuMs.push(ours.entryCpuMs);
    out.firstFetchMs.push(ours.firstFetchMs);
    out.trivialFirstFetchMs.push(
      JSON.parse(runNode(['msw-probe.mjs', 'trivial'], project).stdout).firstFetchMs,
    );
    out.nodeBareMs.push(runNode(['-e', '0'], project).ms);
    out.versionMs.push(runNode([bin, '--version'], project).ms);
    const bare = await firstOk('bare-http', ['bare-http.mjs'], project);
    out.httpBareMs.push(bare.wallMs);
    out.httpBareCpuMs.push(bare.cpuMs);
    if (published) {
      const second = await firstOk('published-second', serveSpec, project, cache);
      out.publishedSecondMs.push(second.wallMs);
      out.publishedSecondCpuMs.push(second.cpuMs);
    }
  }
  return out;
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

const ms = (n: number) => `${Math.round(n)} ms`;

/** Issue 21's targets, each a ratio to its peer in this run (medians). */
export function checkInstant(
  instant: InstantStartup,
  serve: { wallMs: number; cpuMs: number },
): TargetCheck[] {
  const serveMs = serve.wallMs;
  const httpCpu = median(instant.httpBareCpuMs);
  const byCpu = (cpu: number) => `; by CPU: ${(cpu / httpCpu).toFixed(2)}×, ${ms(cpu)} vs ${ms(httpCpu)}`;
  const entry = median(instant.entryCpuMs);
  const mswNode = median(instant.mswNodeCpuMs);
  const http = median(instant.httpBareMs);
  const version = median(instant.versionMs);
  const bare = median(instant.nodeBareMs);
  const fetchMs = median(instant.firstFetchMs);
  const checks: TargetCheck[] = [
    {
      target: 'MSW entry: import + createHandlers ≤ 0.5× importing msw/node (CPU, fresh process)',
      measured: `${(entry / mswNode).toFixed(2)}× (${ms(entry)} vs ${ms(mswNode)})`,
      met: entry <= 0.5 * mswNode,
    },
    {
      target: 'MSW: first fetch through the handlers < 10 ms',
      measured: `${fetchMs.toFixed(1)} ms (a trivial MSW handler: ${median(instant.trivialFirstFetchMs).toFixed(1)} ms)`,
      met: fetchMs < 10,
    },
    {
      target: 'CLI --version ≤ 2× node -e 0',
      measured: `${(version / bare).toFixed(2)}× (${ms(version)} vs ${ms(bare)})`,
      met: version <= 2 * bare,
    },
    {
      target: 'serve: spawn → first 200 ≤ 3× a bare node:http server',
      measured: `${(serveMs / http).toFixed(2)}× (${ms(serveMs)} vs ${ms(http)}${byCpu(serve.cpuMs)})`,
      met: serveMs <= 3 * http,
    },
  ];
  if (instant.publishedSecondMs.length > 0) {
    const published = median(instant.publishedSecondMs);
    checks.push({
      target: "serve --spec <Togai's published>, second start: first 200 ≤ 3× bare node:http",
      measured: `${(published / http).toFixed(2)}× (${ms(published)} vs ${ms(http)}${byCpu(median(instant.publishedSecondCpuMs))})`,
      met: published <= 3 * http,
    });
  }
  return checks;
}

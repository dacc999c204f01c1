import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AUTH, PAGE_SIZE } from './fixtures.ts';
import { runLoad } from './load.ts';
import { startOurs } from './servers.ts';

/** A body of about 15 MB: accounts carrying 2 KB of metadata each (what the probe sent). */
const IMPORT_ACCOUNTS = 7_000;
const VICTIM_PATH = `/accounts?pageSize=${PAGE_SIZE}`;
const VICTIM = { authorization: 'Bearer bench-victim' };
const run = promisify(execFile);

export interface ImportStall {
  importBytes: number;
  /** How both imports were answered, and how long each took. */
  imports: { status: number; ms: number }[];
  /** The victim's slowest and typical answers at rest, then while the two imports ran. */
  rest: { max: number; p50: number; p99: number; count: number };
  during: { max: number; p50: number; p99: number; count: number };
  /** The same two imports on a server with the default budgets: refused before they are parsed. */
  refused: { status: number; ms: number }[];
  target: { limitMs: number; met: boolean };
}

function fixtureOf(customerId: string): string {
  const blob = 'm'.repeat(2_000);
  const accounts = Array.from({ length: IMPORT_ACCOUNTS }, (_, i) => ({
    id: `IMPORTED_${i}`,
    name: `Imported ${i}`,
    customerId,
    metadata: { blob },
  }));
  return JSON.stringify({ accounts });
}

const summary = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;
  return { max: sorted.at(-1) ?? 0, p50: at(0.5), p99: at(0.99), count: sorted.length };
};

/** The victim, one request after another on its own connection, until `until` resolves. */
async function victimWhile(url: string, until: Promise<unknown>): Promise<number[]> {
  let done = false;
  void until.finally(() => {
    done = true;
  });
  const ms: number[] = [];
  while (!done) {
    const started = performance.now();
    const res = await fetch(url + VICTIM_PATH, { headers: VICTIM });
    await res.arrayBuffer();
    ms.push(performance.now() - started);
  }
  return ms;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Two imports at once, each sent by a process of its own: sending 15 MB from this process would
 * hold the event loop that times the victim, and measure the bench instead of the server.
 */
async function importTwice(url: string, file: string): Promise<{ status: number; ms: number }[]> {
  const sender = `
    const body = require('node:fs').readFileSync(process.argv[1]);
    const started = performance.now();
    fetch(process.argv[2], {
      method: 'POST',
      headers: { authorization: 'Bearer ' + process.argv[3], 'content-type': 'application/json' },
      body,
    }).then(async (res) => {
      await res.arrayBuffer();
      console.log(JSON.stringify({ status: res.status, ms: performance.now() - started }));
    });`;
  return Promise.all(
    ['bench-importer-a', 'bench-importer-b'].map(async (token) => {
      const { stdout } = await run(process.execPath, ['-e', sender, file, `${url}/__admin/import`, token]);
      return JSON.parse(stdout) as { status: number; ms: number };
    }),
  );
}

/**
 * Issue 23's probe: two tenants each post a 15 MB import while a third reads. On a server whose
 * budgets take them (64 MiB a tenant) both are parsed and applied in slices; the victim's slowest
 * answer must stay under 150 ms, or 3× its slowest at rest, whichever is larger. With the default
 * budgets (8 MiB a tenant) both are refused before they are parsed.
 */
export async function measureImportStall(log: (line: string) => void): Promise<ImportStall> {
  const roomy = await startOurs({ extraArgs: ['--max-tenant-bytes', '64M', '--max-stored-bytes', '512M'] });
  const dir = await mkdtemp(join(tmpdir(), 'togai-import-'));
  const file = join(dir, 'fixture.json');
  try {
    const customers = (await (
      await fetch(`${roomy.url}/customers?pageSize=1`, { headers: AUTH })
    ).json()) as {
      data: { id: string }[];
    };
    const body = fixtureOf(customers.data[0]?.id ?? '');
    await writeFile(file, body);
    await victimWhile(roomy.url, sleep(1000));
    const rest = summary(await victimWhile(roomy.url, sleep(3000)));
    const running = importTwice(roomy.url, file);
    const during = summary(await victimWhile(roomy.url, running));
    const imports = await running;
    log(`  at rest max ${rest.max.toFixed(1)} ms; during two imports max ${during.max.toFixed(1)} ms`);
    const strict = await startOurs();
    try {
      const refused = await importTwice(strict.url, file);
      const limitMs = Math.max(150, 3 * rest.max);
      return {
        importBytes: Buffer.byteLength(body),
        imports,
        rest,
        during,
        refused,
        target: { limitMs, met: during.max < limitMs && imports.every((i) => i.status === 200) },
      };
    } finally {
      await strict.stop();
    }
  } finally {
    await roomy.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

export interface AccessLogCost {
  off: { rps: number; cpuMicros: number };
  json: { rps: number; cpuMicros: number };
  /** CPU per request with the log on over off, minus one, the median of the rounds' ratios. */
  cost: number;
  met: boolean;
}

/**
 * The access log's cost per request: the same server with `--log json` (its stdout read and
 * dropped by this process) and `--log off`, under the same load, rounds alternating. CPU per
 * request is compared (req/s moves with whatever else the machine runs).
 */
export async function measureAccessLogCost(
  seconds: number,
  rounds: number,
  log: (line: string) => void,
): Promise<AccessLogCost> {
  const servers = {
    off: await startOurs({ extraArgs: ['--log', 'off'] }),
    json: await startOurs({ extraArgs: ['--log', 'json'] }),
  };
  const totals = { off: { seconds: 0, requests: 0, rps: 0 }, json: { seconds: 0, requests: 0, rps: 0 } };
  // Each round measures both, back to back: the ratio within a round is what the machine's drift
  // (other work on a shared box) disturbs least, and the median ratio is reported.
  const ratios: number[] = [];
  try {
    const request = { method: 'GET' as const, path: VICTIM_PATH, headers: AUTH };
    for (const name of ['off', 'json'] as const) await runLoad(servers[name].url, request, 2);
    for (let round = 0; round < rounds; round++) {
      const perRequest = { off: 0, json: 0 };
      for (const name of round % 2 === 0 ? (['off', 'json'] as const) : (['json', 'off'] as const)) {
        const before = await servers[name].cpuSeconds();
        const result = await runLoad(servers[name].url, request, seconds);
        const used = (await servers[name].cpuSeconds()) - before;
        totals[name].seconds += used;
        totals[name].requests += result.total;
        totals[name].rps += result.rps / rounds;
        perRequest[name] = (used * 1e6) / Math.max(1, result.total);
        log(
          `  round ${round + 1} --log ${name.padEnd(4)} ${Math.round(result.rps)} req/s, ${Math.round(perRequest[name])} µs CPU/req`,
        );
      }
      ratios.push(perRequest.json / perRequest.off);
    }
  } finally {
    await Promise.all(Object.values(servers).map((s) => s.stop()));
  }
  const per = (name: 'off' | 'json') => ({
    rps: totals[name].rps,
    cpuMicros: (totals[name].seconds * 1e6) / Math.max(1, totals[name].requests),
  });
  const sorted = [...ratios].sort((a, b) => a - b);
  const cost = (sorted[Math.floor((sorted.length - 1) / 2)] ?? 1) - 1;
  return { off: per('off'), json: per('json'), cost, met: cost < 0.05 };
}

/** The sandbox section of the report. */
export function renderSandbox(stall: ImportStall, logCost: AccessLogCost): string {
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  return [
    '## Sandbox: imports beside other tenants, and the access log',
    '',
    `Two tenants each post a ${(stall.importBytes / 1e6).toFixed(1)} MB import (${IMPORT_ACCOUNTS} accounts) at once while a third reads \`GET ${VICTIM_PATH}\` one request after another.`,
    '',
    '| | victim answers | p50 | p99 | slowest |',
    '| --- | --- | --- | --- | --- |',
    `| at rest | ${stall.rest.count} | ${ms(stall.rest.p50)} | ${ms(stall.rest.p99)} | ${ms(stall.rest.max)} |`,
    `| during the two imports (64 MiB tenant budgets: both parsed and applied) | ${stall.during.count} | ${ms(stall.during.p50)} | ${ms(stall.during.p99)} | ${ms(stall.during.max)} |`,
    '',
    `Imports: ${stall.imports.map((i) => `${i.status} in ${ms(i.ms)}`).join(', ')}. With the default budgets (8 MiB a tenant): ${stall.refused.map((i) => `${i.status} in ${ms(i.ms)}`).join(', ')} (refused before parsing).`,
    `Target: the victim's slowest answer under ${ms(stall.target.limitMs)} (150 ms, or 3× its slowest at rest): **${stall.target.met ? 'met' : 'MISSED'}**.`,
    '',
    `Access log (\`--log json\` vs \`--log off\`, same load): ${logCost.json.cpuMicros.toFixed(1)} vs ${logCost.off.cpuMicros.toFixed(1)} µs CPU per request (${Math.round(logCost.json.rps)} vs ${Math.round(logCost.off.rps)} req/s): cost (median of the rounds' ratios) ${(100 * logCost.cost).toFixed(1)}%, target under 5%: **${logCost.met ? 'met' : 'MISSED'}**.`,
  ].join('\n');
}

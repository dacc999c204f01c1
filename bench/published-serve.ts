/**
 * `npx tsx bench/published-serve.ts [published.yaml]`: how fast `togai-mock serve --spec <Togai's
 * published description>` is ready, and its peak memory, with a short walk that proves the store
 * serves it (every seeded account page by page, a created account found in the list). Targets
 * (issue 9): ready in at most 2 s, under 300 MB peak. Reported, not enforced; exit 1 only when
 * something could not be measured.
 */
import { readFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RESOURCE_HANDLERS, shapeOf } from '../src/core/index.ts';
import { loadSpec } from '../src/spec/load-spec.ts';
import { sampleSchema } from '../src/spec/sample-schema.ts';
import type { SpecOperation } from '../src/spec/types.ts';
import { killAllChildren, spawnServer } from './child-server.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PUBLISHED = process.argv[2] ?? resolve(ROOT, '..', 'shared', 'togai-published', 'openapi.yaml');
const AUTH = { authorization: 'Bearer bench-published-token' };
const TARGET = { readyMs: 2000, peakMiB: 300 };

/** VmHWM: the process's peak resident memory so far, in MiB. */
async function readPeakMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = /^VmHWM:\s+(\d+)\s+kB/m.exec(status)?.[1];
  if (kib === undefined) throw new Error(`no VmHWM for pid ${pid}`);
  return Number(kib) / 1024;
}

async function call(url: string, method = 'GET', body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(url, {
    method,
    headers: { ...AUTH, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

/** Follows nextToken to the end; returns every id seen. */
async function walk(base: string): Promise<string[]> {
  const ids: string[] = [];
  let path = '/accounts?pageSize=50';
  for (let page = 0; page < 1000; page++) {
    const { status, json } = await call(base + path);
    if (status !== 200) throw new Error(`GET ${path} answered ${status}`);
    const body = json as { data: { id: string }[]; nextToken?: string };
    ids.push(...body.data.map((a) => a.id));
    if (!body.nextToken) return ids;
    path = `/accounts?nextToken=${encodeURIComponent(body.nextToken)}`;
  }
  throw new Error('the walk never ended');
}

/** One request to `op` with sampled path parameters, required query parameters and body. */
async function callSampled(base: string, op: SpecOperation): Promise<number> {
  let path = op.path;
  const query = new URLSearchParams();
  for (const param of op.parameters) {
    const value = sampleSchema(param.schema);
    const text = Array.isArray(value) ? value.join(',') : String(value);
    if (param.in === 'path') path = path.replace(`{${param.name}}`, encodeURIComponent(text));
    else if (param.in === 'query' && param.required) query.set(param.name, text);
  }
  const schema = op.requestBody?.content['application/json']?.schema;
  const search = query.toString();
  const url = `${base}${path}${search ? `?${search}` : ''}`;
  return (await call(url, op.method.toUpperCase(), schema ? sampleSchema(schema) : undefined)).status;
}

/** The same measure for the bundled spec: what node, tsx and the seeded store cost by themselves. */
async function measureBundled(): Promise<{ readyMs: number; cpu: number; peak: number }> {
  const server = await spawnServer({
    name: 'ours (bundled spec)',
    args: ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0'],
    cwd: ROOT,
    url: { fromStdout: /listening on (http:\/\/\S+)/ },
    probePath: '/accounts?pageSize=1',
    headers: AUTH,
    timeoutMs: 60_000,
  });
  try {
    return { readyMs: server.startupMs, cpu: await server.cpuSeconds(), peak: await readPeakMiB(server.pid) };
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const bundled = await measureBundled();
  const server = await spawnServer({
    name: 'ours (published description)',
    args: ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', '--spec', PUBLISHED],
    cwd: ROOT,
    url: { fromStdout: /listening on (http:\/\/\S+)/ },
    probePath: '/accounts?pageSize=1',
    headers: AUTH,
    timeoutMs: 60_000,
  });
  try {
    const readyPeak = await readPeakMiB(server.pid);
    // CPU seconds barely move when other processes compete for the cores: the steadier figure.
    const readyCpu = await server.cpuSeconds();
    const seeded = await walk(server.url);
    const owner = (await call(`${server.url}/customers?pageSize=1`)).json as { data: { id: string }[] };
    const created = await call(`${server.url}/accounts`, 'POST', {
      id: 'zz-bench-published',
      name: 'Bench account',
      customerId: owner.data[0]?.id,
    });
    const after = await walk(server.url);
    const walkedPeak = await readPeakMiB(server.pid);
    const spec = await loadSpec(PUBLISHED);
    if (!spec.ok) throw new Error(spec.error);
    const others = spec.value.operations.filter((op) => !(shapeOf(op.method, op.path) in RESOURCE_HANDLERS));
    const started = performance.now();
    const statuses: number[] = [];
    for (const op of others) statuses.push(await callSampled(server.url, op));
    const fallbackMs = performance.now() - started;
    const answered = statuses.filter((status) => status >= 200 && status < 300).length;
    const peak = await readPeakMiB(server.pid);
    const lines = [
      `ready (spawn to first 200 on /accounts): ${Math.round(server.startupMs)} ms (target ≤ ${TARGET.readyMs}); the server's own "ready in": ${server.reportedReadyMs ?? '?'} ms; CPU used by then: ${readyCpu.toFixed(2)} s`,
      `peak memory: ${readyPeak.toFixed(0)} MiB when ready, ${walkedPeak.toFixed(0)} MiB after the walks, ${peak.toFixed(0)} MiB after every other operation once (target < ${TARGET.peakMiB})`,
      `the ${others.length} other operations, each called once: ${answered} answered 2xx in ${Math.round(fallbackMs)} ms`,
      `seeded accounts walked page by page: ${seeded.length}, distinct ${new Set(seeded).size}`,
      `POST /accounts with customerId: ${created.status}; found in the next walk: ${after.includes('zz-bench-published')}`,
    ];
    lines.push(
      `for comparison, the bundled spec: ready in ${Math.round(bundled.readyMs)} ms, ${bundled.cpu.toFixed(2)} s CPU, ${bundled.peak.toFixed(0)} MiB peak`,
    );
    console.log(lines.join('\n'));
    console.log(
      `(load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${cpus().length} cores)`,
    );
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`bench/published-serve: ${(error as Error).message}`);
  killAllChildren();
  process.exit(1);
});

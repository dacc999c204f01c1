import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildServer } from './child-server.ts';
import { runLoad } from './load.ts';
import type { Scenario } from './scenarios.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export type Category =
  | 'validation'
  | 'store'
  | 'cursor (HMAC, base64)'
  | 'serialization'
  | 'express'
  | 'mock glue'
  | 'node http/net'
  | 'gc'
  | 'native/other';

export interface ProfileSummary {
  server: string;
  scenario: string;
  rps: number;
  /** Requests answered in the measured window: per-request costs divide by it. */
  requests: number;
  /** Sampled time not idle, in ms; the percentages below are of it. */
  busyMs: number;
  categories: { category: Category; ms: number; share: number }[];
  top: { name: string; where: string; category: Category; ms: number; share: number }[];
}

const EXPRESS_PACKAGES =
  /node_modules\/(express|router|body-parser|finalhandler|send|serve-static|qs|on-finished|content-type|content-disposition|type-is|accepts|mime-types|mime-db|negotiator|statuses|encodeurl|escape-html|parseurl|proxy-addr|cookie|vary|depd|debug|http-errors|iconv-lite|raw-body|bytes|media-typer|fresh|range-parser|forwarded|ipaddr\.js|merge-descriptors|methods|path-to-regexp|etag|unpipe|destroy|ee-first)\//;

// Native frames V8 reports without a script: socket writes and reads of the HTTP layer.
const NATIVE_IO =
  /^(writev|writeBuffer|writeUtf8String|writeLatin1String|writeAsciiString|onStreamRead|shutdown|close)$/;

/** Buckets a frame by where its code lives: the question is which layer of a request costs what. */
export function categorize(frame: ProfileNode['callFrame']): Category | 'idle' {
  const { functionName: name, url } = frame;
  if (name === '(idle)') return 'idle';
  if (name === '(garbage collector)') return 'gc';
  if (
    url.includes('/node_modules/ajv') ||
    url.includes('/src/core/validate-request') ||
    /^validate\d*$/.test(name)
  )
    return 'validation';
  if (url.includes('/src/store/cursor') || url.startsWith('node:internal/crypto'))
    return 'cursor (HMAC, base64)';
  if (
    url.includes('/src/store/') ||
    url.includes('/node_modules/@faker-js/') ||
    url.includes('/node_modules/sorted-btree/') ||
    url.includes('/node_modules/lru-cache/')
  )
    return 'store';
  // Express's res.json calls its own `stringify` helper around JSON.stringify; V8 charges the
  // builtin's time to that helper.
  if (
    (url.endsWith('/express/lib/response.js') && name === 'stringify') ||
    (url === '' && name === 'stringify')
  )
    return 'serialization';
  if (EXPRESS_PACKAGES.test(url)) return 'express';
  if (url.startsWith('node:') || (url === '' && NATIVE_IO.test(name))) return 'node http/net';
  if (url.includes('/src/') || url.includes('/bench/')) return 'mock glue';
  return 'native/other';
}

/** Microseconds of the monotonic clock V8 stamps samples with (CLOCK_MONOTONIC, shared by processes). */
export const monotonicMicros = (): number => Number(process.hrtime.bigint() / 1000n);

export function summarizeProfile(
  profile: CpuProfile,
  meta: { server: string; scenario: string; rps: number; requests: number },
  window?: { from: number; to: number },
  topN = 15,
): ProfileSummary {
  const selfMs = selfTimes(profile, window);
  const byCategory = new Map<Category, number>();
  const byFunction = new Map<string, { name: string; where: string; category: Category; ms: number }>();
  let busyMs = 0;
  for (const node of profile.nodes) {
    const ms = selfMs.get(node.id) ?? 0;
    const category = categorize(node.callFrame);
    if (ms === 0 || category === 'idle') continue;
    busyMs += ms;
    byCategory.set(category, (byCategory.get(category) ?? 0) + ms);
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : '(native)';
    const key = `${functionName}@${where}`;
    const entry = byFunction.get(key) ?? { name: functionName || '(anonymous)', where, category, ms: 0 };
    entry.ms += ms;
    byFunction.set(key, entry);
  }
  const share = (ms: number) => ms / Math.max(busyMs, 1e-9);
  return {
    ...meta,
    busyMs,
    categories: [...byCategory]
      .map(([category, ms]) => ({ category, ms, share: share(ms) }))
      .sort((a, b) => b.ms - a.ms),
    top: [...byFunction.values()]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, topN)
      .map((f) => ({ ...f, share: share(f.ms) })),
  };
}

/**
 * Self time per node. Sample i lasts until the next sample. Only samples inside `window` count, so
 * start-up and warm-up stay out of the picture; if none fall inside (clocks not comparable), all count.
 */
function selfTimes(profile: CpuProfile, window?: { from: number; to: number }): Map<number, number> {
  const all = new Map<number, number>();
  const inside = new Map<number, number>();
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    const id = profile.samples[i] ?? -1;
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    all.set(id, (all.get(id) ?? 0) + ms);
    if (window && at >= window.from && at <= window.to) inside.set(id, (inside.get(id) ?? 0) + ms);
  }
  return inside.size > 0 ? inside : all;
}

const shortUrl = (url: string) =>
  url.replace(/^file:\/\/.*?\/node_modules\//, '').replace(/^file:\/\/.*?\/(src|bench)\//, '$1/');

/**
 * Profiles one server under one scenario's load with `node --cpu-prof`; the profile is written when
 * the server exits on SIGTERM, read, summarized and deleted (profiles are not committed).
 */
export async function profileServer(
  name: string,
  start: (nodeFlags: readonly string[]) => Promise<ChildServer>,
  scenario: Scenario,
  seconds: number,
  warmupSeconds: number,
): Promise<ProfileSummary> {
  const dir = await mkdtemp(join(tmpdir(), 'togai-bench-prof-'));
  try {
    const server = await start(['--cpu-prof', `--cpu-prof-dir=${dir}`]);
    let rps = 0;
    let requests = 0;
    const window = { from: 0, to: 0 };
    try {
      await runLoad(server.url, scenario.request(), warmupSeconds);
      window.from = monotonicMicros();
      const result = await runLoad(server.url, scenario.request(), seconds);
      window.to = monotonicMicros();
      rps = result.rps;
      requests = result.total;
    } finally {
      await server.stop();
    }
    const file = (await readdir(dir)).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error(`${name} wrote no .cpuprofile (did it exit on SIGTERM?)`);
    const profile = JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile;
    return summarizeProfile(profile, { server: name, scenario: scenario.label, rps, requests }, window);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

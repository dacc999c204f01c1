import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLoad } from './load.ts';
import type { Scenario } from './scenarios.ts';
import { startOurs } from './servers.ts';

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
  | 'serialization'
  | 'express'
  | 'node http/net'
  | 'mock glue'
  | 'gc'
  | 'native/other';

export interface ProfileSummary {
  scenario: string;
  rps: number;
  /** Sampled time not idle, in ms; the percentages below are of it. */
  busyMs: number;
  categories: { category: Category; ms: number; share: number }[];
  top: { name: string; where: string; category: Category; ms: number; share: number }[];
}

const EXPRESS_PACKAGES =
  /node_modules\/(express|router|body-parser|finalhandler|send|serve-static|qs|on-finished|content-type|content-disposition|type-is|accepts|mime-types|mime-db|negotiator|statuses|encodeurl|escape-html|parseurl|proxy-addr|cookie|vary|depd|debug|http-errors|iconv-lite|raw-body|bytes|media-typer|fresh|range-parser|forwarded|ipaddr\.js|merge-descriptors|methods|path-to-regexp|etag|unpipe|destroy|ee-first)\//;

/** Buckets a frame by where its code lives: the question is which layer of a request costs what. */
export function categorize(frame: ProfileNode['callFrame']): Category | 'idle' {
  const { functionName: name, url } = frame;
  if (name === '(idle)') return 'idle';
  if (name === '(garbage collector)') return 'gc';
  if (
    url.includes('/node_modules/ajv') ||
    url.includes('/src/mock/validate-request') ||
    /^validate\d*$/.test(name)
  )
    return 'validation';
  if (
    url.includes('/src/store/') ||
    url.includes('/node_modules/@faker-js/') ||
    url.includes('/node_modules/sorted-btree/') ||
    url.includes('/node_modules/lru-cache/')
  )
    return 'store';
  if (url === '' && (name === 'stringify' || name === 'parse' || name === 'JSONStringify'))
    return 'serialization';
  if (EXPRESS_PACKAGES.test(url)) return 'express';
  if (url.startsWith('node:')) return 'node http/net';
  if (url.includes('/src/')) return 'mock glue';
  return 'native/other';
}

/** Microseconds of the monotonic clock V8 stamps samples with (CLOCK_MONOTONIC, shared by processes). */
export const monotonicMicros = (): number => Number(process.hrtime.bigint() / 1000n);

export function summarizeProfile(
  profile: CpuProfile,
  scenario: string,
  rps: number,
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
    scenario,
    rps,
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
 * Profiles our server under one scenario's load with `node --cpu-prof`; the profile is written when
 * the server exits on SIGTERM, read, summarized and deleted (profiles are not committed).
 */
export async function profileOurs(
  scenario: Scenario,
  seconds: number,
  warmupSeconds: number,
): Promise<ProfileSummary> {
  const dir = await mkdtemp(join(tmpdir(), 'togai-bench-prof-'));
  try {
    const server = await startOurs({ nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
    let rps = 0;
    const window = { from: 0, to: 0 };
    try {
      await runLoad(server.url, scenario.request(), warmupSeconds);
      window.from = monotonicMicros();
      rps = (await runLoad(server.url, scenario.request(), seconds)).rps;
      window.to = monotonicMicros();
    } finally {
      await server.stop();
    }
    const file = (await readdir(dir)).find((name) => name.endsWith('.cpuprofile'));
    if (!file) throw new Error('the server wrote no .cpuprofile (did it exit on SIGTERM?)');
    const profile = JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile;
    return summarizeProfile(profile, scenario.label, rps, window);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

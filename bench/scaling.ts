import type { ChildServer } from './child-server.ts';
import { AUTH, midListToken } from './fixtures.ts';
import { runLoad } from './load.ts';
import { startOurs } from './servers.ts';

export interface ScalingRow {
  accounts: number;
  /** Spawn to the first 200, as a user waits for it (includes node and the TypeScript loader). */
  startupMs: number;
  /** What the server itself prints: spec load, seeding, listen. */
  reportedReadyMs?: number;
  rssAtReadyMiB: number;
  rssAfterWarmupMiB: number;
  rssAfterRunMiB: number;
  deepRps: number;
  deepP50: number;
  deepP99: number;
  deepMean: number;
  /** Server CPU per deep-page request: the per-request work, free of queueing and neighbours. */
  deepCpuMicros: number;
  oneRps: number;
  oneP50: number;
  oneP99: number;
  problem?: string;
}

export const SCALING_SIZES = [1_000, 100_000, 1_000_000] as const;
export const SEED = 1;

async function firstIdAfter(url: string, deepPath: string): Promise<string> {
  const res = await fetch(url + deepPath, { headers: AUTH, signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  if (res.status !== 200)
    throw new Error(`the mid-list token was refused (${res.status}): ${text.slice(0, 300)}`);
  const id = (JSON.parse(text) as { data: { id: string }[] }).data[0]?.id;
  if (!id) throw new Error('the deep page is empty');
  return id;
}

/** One size at a time, each in a fresh process, so RSS and startup belong to that size alone. */
export async function measureScaling(
  seconds: number,
  warmupSeconds: number,
  log: (line: string) => void,
): Promise<ScalingRow[]> {
  const rows: ScalingRow[] = [];
  for (const accounts of SCALING_SIZES) {
    let server: ChildServer | undefined;
    try {
      server = await startOurs({ accounts });
      const rssAtReadyMiB = await server.rssMiB();
      const deepPath = `/accounts?nextToken=${encodeURIComponent(midListToken(SEED, accounts))}`;
      const onePath = `/accounts/${encodeURIComponent(await firstIdAfter(server.url, deepPath))}`;
      const deepRequest = { method: 'GET', path: deepPath, headers: AUTH } as const;
      const oneRequest = { method: 'GET', path: onePath, headers: AUTH } as const;
      await runLoad(server.url, deepRequest, warmupSeconds);
      const rssAfterWarmupMiB = await server.rssMiB();
      const cpuBefore = await server.cpuSeconds();
      const deep = await runLoad(server.url, deepRequest, seconds);
      const deepCpuMicros = (((await server.cpuSeconds()) - cpuBefore) * 1e6) / Math.max(deep.total, 1);
      const one = await runLoad(server.url, oneRequest, seconds);
      const rssAfterRunMiB = await server.rssMiB();
      const bad = deep.non2xx + deep.errors + one.non2xx + one.errors;
      const row: ScalingRow = {
        accounts,
        startupMs: server.startupMs,
        ...(server.reportedReadyMs !== undefined ? { reportedReadyMs: server.reportedReadyMs } : {}),
        rssAtReadyMiB,
        rssAfterWarmupMiB,
        rssAfterRunMiB,
        deepRps: deep.rps,
        deepP50: deep.p50,
        deepP99: deep.p99,
        deepMean: deep.mean,
        deepCpuMicros,
        oneRps: one.rps,
        oneP50: one.p50,
        oneP99: one.p99,
        ...(bad ? { problem: `${bad} non-2xx responses or connection errors` } : {}),
      };
      log(
        `  ${accounts.toLocaleString('en-US').padStart(9)} accounts: ready ${Math.round(row.startupMs)} ms, RSS ${Math.round(rssAfterRunMiB)} MiB, deep mean ${deep.mean.toFixed(2)} p50 ${deep.p50} p99 ${deep.p99} ms, ${Math.round(deepCpuMicros)} µs CPU/req (${Math.round(deep.rps)} req/s)`,
      );
      rows.push(row);
    } finally {
      await server?.stop();
    }
  }
  return rows;
}

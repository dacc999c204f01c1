import type { ChildServer } from './child-server.ts';
import { type LoadResult, runLoad } from './load.ts';
import type { Scenario, ScenarioId } from './scenarios.ts';
import type { ServerName } from './servers.ts';

export interface CompareSettings {
  rounds: number;
  seconds: number;
  warmupSeconds: number;
}

export interface Measured {
  scenario: ScenarioId;
  label: string;
  shared: boolean;
  server: ServerName;
  runs: LoadResult[];
  /** Mean over the rounds; min and max show how much the rounds disagreed. */
  rps: number;
  rpsMin: number;
  rpsMax: number;
  p50: number;
  p99: number;
  /** Server CPU time per answered request, in µs: steadier than req/s when the machine is shared. */
  cpuMicros: number;
  /** Set when some responses were not 2xx or connections failed: the row measured something else. */
  problem?: string;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1);

/**
 * Rounds outermost, server order reversed every other round (A/B/C, C/B/A, …): drift in the
 * machine (thermal, noisy neighbours) then lands on every server rather than on whoever ran last.
 */
export async function compareServers(
  servers: Readonly<Record<ServerName, ChildServer>>,
  scenarios: readonly Scenario[],
  settings: CompareSettings,
  log: (line: string) => void,
): Promise<Measured[]> {
  const runs = new Map<string, LoadResult[]>();
  const cpu = new Map<string, { seconds: number; requests: number }>();
  const warmed = new Set<string>();
  for (let round = 0; round < settings.rounds; round++) {
    for (const scenario of scenarios) {
      const order = round % 2 === 0 ? scenario.servers : [...scenario.servers].reverse();
      for (const name of order) {
        const key = `${scenario.id}/${name}`;
        const { url } = servers[name];
        if (!warmed.has(key)) {
          // The first seconds run cold code (JIT, lazily seeded records); they are not what we measure.
          await runLoad(url, scenario.request(), settings.warmupSeconds);
          warmed.add(key);
        }
        const cpuBefore = await servers[name].cpuSeconds();
        const result = await runLoad(url, scenario.request(), settings.seconds);
        const cpuUsed = (await servers[name].cpuSeconds()) - cpuBefore;
        runs.set(key, [...(runs.get(key) ?? []), result]);
        const sum = cpu.get(key) ?? { seconds: 0, requests: 0 };
        cpu.set(key, { seconds: sum.seconds + cpuUsed, requests: sum.requests + result.total });
        log(
          `  round ${round + 1} ${scenario.id.padEnd(10)} ${name.padEnd(7)} ${Math.round(result.rps)
            .toString()
            .padStart(
              6,
            )} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms  ${Math.round((cpuUsed * 1e6) / Math.max(result.total, 1))} µs CPU/req` +
            (result.non2xx || result.errors ? `  (${result.non2xx} non-2xx, ${result.errors} errors)` : ''),
        );
      }
    }
  }
  return scenarios.flatMap((scenario) =>
    scenario.servers.map((server): Measured => {
      const list = runs.get(`${scenario.id}/${server}`) ?? [];
      const non2xx = list.reduce((n, r) => n + r.non2xx, 0);
      const errors = list.reduce((n, r) => n + r.errors, 0);
      const rps = list.map((r) => r.rps);
      const used = cpu.get(`${scenario.id}/${server}`) ?? { seconds: 0, requests: 0 };
      return {
        scenario: scenario.id,
        label: scenario.label,
        shared: scenario.shared,
        server,
        runs: list,
        rps: mean(rps),
        rpsMin: Math.min(...rps),
        rpsMax: Math.max(...rps),
        p50: mean(list.map((r) => r.p50)),
        p99: mean(list.map((r) => r.p99)),
        cpuMicros: (used.seconds * 1e6) / Math.max(used.requests, 1),
        ...(non2xx || errors || list.length === 0
          ? { problem: `${non2xx} non-2xx responses, ${errors} connection errors` }
          : {}),
      };
    }),
  );
}

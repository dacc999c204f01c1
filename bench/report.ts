import type { Measured } from './compare.ts';
import type { ContractSpeed } from './contract-speed.ts';
import type { ProfileSummary } from './cpu-profile.ts';
import type { MswSpeed } from './msw-speed.ts';
import { type ProxyLatency, proxySection } from './proxy-latency.ts';
import type { ScalingRow } from './scaling.ts';
import type { TargetCheck } from './targets.ts';
import { renderWorstMemory, type WorstMemory } from './worst-memory-report.ts';

export interface Report {
  machine: { cpus: number; model: string; node: string; os: string; load: string };
  command: string;
  date: string;
  settings: string;
  startups: { server: string; startupMs: number; reportedReadyMs?: number; rssMiB: number }[];
  measured: Measured[];
  targets: TargetCheck[];
  scaling: ScalingRow[];
  contract?: ContractSpeed;
  proxy?: ProxyLatency;
  profiles?: { ours: ProfileSummary; ceiling: ProfileSummary };
  memory?: WorstMemory;
  /** The MSW adapter in process against a trivial MSW handler, and the browser bundle. */
  msw?: MswSpeed;
  /** Hand-written reading kept from the previous file: the numbers are regenerated, the prose is not. */
  reading?: string;
}

/** Target of issue 10: our handlers at least two thirds of a trivial MSW handler's rate. */
export const MSW_TARGET = 2 / 3;

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

export function renderMswSection(speed: MswSpeed): string {
  return [
    '## The MSW adapter in process',
    '',
    'Our handlers (`createHandlers`) against a trivial MSW handler answering the same page',
    '(`GET /accounts?pageSize=10`) precomputed, in one process, alternately, 20 requests in flight.',
    `Target: ours at least ${pct(MSW_TARGET)} of the trivial handler's rate.`,
    '',
    table(
      ['through', 'ours req/s', 'trivial MSW req/s', 'ours / trivial', 'target'],
      speed.rows.map((r) => [
        r.path,
        int(r.oursPerSec),
        int(r.trivialPerSec),
        pct(r.oursPerSec / r.trivialPerSec),
        r.oursPerSec / r.trivialPerSec >= MSW_TARGET ? 'met' : '**missed**',
      ]),
    ),
    '',
    table(
      ['browser bundle (esbuild, minified, code-split)', 'bytes', 'gzip', 'target: ≤ 80 KiB gzip'],
      [
        [
          '`togai-accounts-mock/msw` alone (msw external): the entry chunk',
          kib(speed.bundle.entryBytes),
          kib(speed.bundle.entryGzipBytes),
          speed.bundle.entryGzipBytes <= 80 * 1024 ? 'met' : '**missed**',
        ],
        [
          'its chunks loaded on demand (ajv for a spec not prepared ahead; the spec fallback)',
          kib(speed.bundle.lazyBytes),
          kib(speed.bundle.lazyGzipBytes),
          '',
        ],
        [
          'a page with msw/browser and the handlers',
          kib(speed.bundle.pageBytes),
          kib(speed.bundle.pageGzipBytes),
          '',
        ],
      ],
    ),
  ].join('\n');
}

export const READING_START = '<!-- reading: kept across runs -->';
export const READING_END = '<!-- /reading -->';

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));
const pct = (n: number) => `${(100 * n).toFixed(1)}%`;
const row = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
const table = (head: readonly string[], rows: readonly (readonly (string | number)[])[]) =>
  [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');

function comparisonTable(measured: readonly Measured[]): string {
  const rows = measured.map((m) => {
    const peer = (server: string) => measured.find((x) => x.scenario === m.scenario && x.server === server);
    const prism = peer('prism');
    const ceiling = peer('ceiling');
    const isOurs = m.server === 'ours';
    return [
      m.scenario,
      m.server,
      `${int(m.rps)} (${int(m.rpsMin)}–${int(m.rpsMax)})`,
      ms(m.p50),
      ms(m.p99),
      int(m.cpuMicros),
      isOurs && prism ? `${(m.rps / prism.rps).toFixed(2)}×` : '',
      isOurs && ceiling ? `${pct(m.rps / ceiling.rps)}` : '',
      isOurs && ceiling ? `${(m.cpuMicros / ceiling.cpuMicros).toFixed(2)}×` : '',
      m.problem ?? '',
    ];
  });
  return table(
    [
      'scenario',
      'server',
      'req/s mean (min–max of rounds)',
      'p50 ms',
      'p99 ms',
      'server CPU µs/req',
      'ours/Prism req/s',
      'ours/ceiling req/s',
      'ours/ceiling CPU/req',
      'problem',
    ],
    rows,
  );
}

function scalingTable(rows: readonly ScalingRow[]): string {
  return table(
    [
      'accounts',
      'spawn → first 200 ms',
      'server says ready ms',
      'RSS MiB at ready / warm / after',
      'deep page req/s',
      'deep mean / p50 / p99 ms',
      'deep CPU µs/req',
      'GET by id req/s',
      'GET by id p50 / p99 ms',
      'problem',
    ],
    rows.map((r) => [
      int(r.accounts),
      int(r.startupMs),
      r.reportedReadyMs === undefined ? '' : int(r.reportedReadyMs),
      `${int(r.rssAtReadyMiB)} / ${int(r.rssAfterWarmupMiB)} / ${int(r.rssAfterRunMiB)}`,
      int(r.deepRps),
      `${r.deepMean.toFixed(2)} / ${ms(r.deepP50)} / ${ms(r.deepP99)}`,
      int(r.deepCpuMicros),
      int(r.oneRps),
      `${ms(r.oneP50)} / ${ms(r.oneP99)}`,
      r.problem ?? '',
    ]),
  );
}

function contractSection(c: ContractSpeed): string {
  const lines = [
    table(
      ['what', 'per second'],
      [
        ['validate a 10-account list page (parsed)', int(c.listValidationsPerSec)],
        ['validate one account (parsed)', int(c.oneValidationsPerSec)],
        ['JSON.parse + validate a 10-account list page', int(c.listParseAndValidatePerSec)],
      ],
    ),
    '',
    c.fullRun
      ? `Full read-only contract run: ${int(c.fullRun.durationMs)} ms, ${c.fullRun.requests} requests, ok: ${c.fullRun.ok}, totals ${c.fullRun.totals} (${c.fullRunNote}).`
      : `Full read-only contract run: not measured (${c.fullRunNote}).`,
  ];
  return lines.join('\n');
}

function profileSection({ ours, ceiling }: { ours: ProfileSummary; ceiling: ProfileSummary }): string {
  const perRequest = (p: ProfileSummary, category: string) =>
    ((p.categories.find((c) => c.category === category)?.ms ?? 0) * 1000) / Math.max(p.requests, 1);
  const categories = [...new Set([...ours.categories, ...ceiling.categories].map((c) => c.category))];
  const busyPerRequest = (p: ProfileSummary) => (p.busyMs * 1000) / Math.max(p.requests, 1);
  return [
    `Scenario profiled: \`${ours.scenario}\`, each server alone under \`node --cpu-prof\` (which costs some`,
    `throughput): ours ${int(ours.rps)} req/s, the ceiling ${int(ceiling.rps)} req/s. Self time of the samples taken`,
    'while the load ran (start-up and warm-up excluded), per answered request:',
    '',
    table(
      ['category', 'ours µs/req', 'ceiling µs/req', 'ours adds µs/req', 'share of ours'],
      [
        ...categories.map((category) => [
          category,
          perRequest(ours, category).toFixed(1),
          perRequest(ceiling, category).toFixed(1),
          (perRequest(ours, category) - perRequest(ceiling, category)).toFixed(1),
          pct(ours.categories.find((c) => c.category === category)?.share ?? 0),
        ]),
        [
          '**total (busy)**',
          busyPerRequest(ours).toFixed(1),
          busyPerRequest(ceiling).toFixed(1),
          (busyPerRequest(ours) - busyPerRequest(ceiling)).toFixed(1),
          '100%',
        ],
      ],
    ),
    '',
    'Top self-time functions of ours:',
    '',
    table(
      ['function', 'where', 'category', 'µs/req', 'share'],
      ours.top.map((f) => [
        `\`${f.name}\``,
        `\`${f.where}\``,
        f.category,
        ((f.ms * 1000) / Math.max(ours.requests, 1)).toFixed(1),
        pct(f.share),
      ]),
    ),
  ].join('\n');
}

export function renderReport(r: Report): string {
  return [
    '# Benchmarks',
    '',
    'Generated by `npm run bench` (bench/run.ts); numbers below are one real run, regenerated by',
    '`npm run bench -- --write docs/benchmarks.md`. Only the reading is written by hand.',
    '',
    `- Machine: ${r.machine.cpus} × ${r.machine.model}, ${r.machine.os}, Node ${r.machine.node}`,
    `- 1-minute load average: ${r.machine.load} (other work on the machine lowers req/s; CPU µs/req moves less)`,
    `- Command: \`${r.command}\``,
    `- Date: ${r.date}`,
    `- Settings: ${r.settings}`,
    '',
    '## Reading',
    '',
    READING_START,
    r.reading?.trim() || '_No reading written yet._',
    READING_END,
    '',
    '## Ours vs Prism vs the ceiling',
    '',
    'The ceiling is a bare Express 5 app (x-powered-by and etag off, like ours) answering bytes',
    'precomputed from our own seeded data. Prism answers its example for every URL.',
    '',
    comparisonTable(r.measured),
    '',
    ...(r.msw ? [renderMswSection(r.msw), ''] : []),
    '## Targets',
    '',
    table(
      ['target', 'measured', 'met'],
      r.targets.map((t) => [t.target, t.measured, t.met ? 'met' : '**missed**']),
    ),
    '',
    '## Startup of the servers in the comparison',
    '',
    table(
      ['server', 'spawn → first 200 ms', 'server says ready ms', 'RSS MiB after the run'],
      r.startups.map((s) => [
        s.server,
        int(s.startupMs),
        s.reportedReadyMs === undefined ? '' : int(s.reportedReadyMs),
        int(s.rssMiB),
      ]),
    ),
    '',
    '## Scaling: ours at 1k, 100k and 1M accounts',
    '',
    'Each size in a fresh process. The deep page resumes after the middle of the list with a',
    'nextToken; GET by id fetches the first account of that page (lazily built at first access).',
    '',
    scalingTable(r.scaling),
    '',
    '## Memory under the worst client',
    '',
    renderWorstMemory(r.memory),
    '',
    '## Contract-runner speed (ajv, compiled once from the spec)',
    '',
    r.contract ? contractSection(r.contract) : '_Not measured._',
    '',
    '## The validating proxy’s added latency',
    '',
    r.proxy ? proxySection(r.proxy) : '_Not measured._',
    '',
    '## Where our time goes (CPU profile)',
    '',
    r.profiles
      ? profileSection(r.profiles)
      : '_Not profiled in this run (`--quick` skips it; add `--profile`)._',
    '',
  ].join('\n');
}

/** Pulls the hand-written reading out of a previous report, so regenerating keeps it. */
export function extractReading(markdown: string): string | undefined {
  const start = markdown.indexOf(READING_START);
  const end = markdown.indexOf(READING_END);
  if (start < 0 || end < start) return undefined;
  return markdown.slice(start + READING_START.length, end);
}

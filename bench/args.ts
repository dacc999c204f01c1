import { parseArgs } from 'node:util';

export interface BenchArgs {
  quick: boolean;
  /** Markdown file to write the report to. */
  write?: string;
  profile: boolean;
  rounds: number;
  seconds: number;
  warmupSeconds: number;
  scalingSeconds: number;
  scalingWarmupSeconds: number;
  profileSeconds: number;
  contractSeconds: number;
  /** Hard stop for the whole bench: a hung child must not hang CI. */
  deadlineMs: number;
  /** Runs of each start-up of the installed package (spawn → first 200). */
  startupRuns: number;
  /** `startup`, `memory`, `msw` or `proxy`: that one part alone (see USAGE). */
  only?: Only;
  /** How long the worst-memory scenario keeps exporting and importing after the fill. */
  memorySeconds: number;
}

/** The parts `--only` can run alone. */
const ONLY = ['startup', 'memory', 'msw', 'proxy', 'published', 'sandbox', 'generic'] as const;
type Only = (typeof ONLY)[number];
const isOnly = (value: string): value is Only => (ONLY as readonly string[]).includes(value);

const USAGE = `usage: npm run bench -- [--quick] [--write docs/benchmarks.md] [--profile | --no-profile] [--only startup|memory|msw|proxy|published|sandbox|generic]
  --only startup  only the start-up of the packed, installed package (CLI and library), about a minute
  --only published  only serving Togai's published description: start-up and peak memory
  --only generic  only a description's collection (usage meters) against the accounts store, one server
  --only memory   only the server's memory under the worst client (default limits), about a minute
  --only proxy    only the validating proxy's added latency (sequential requests, under a minute)
  --quick       one short round per scenario (about 1 minute); no profile unless --profile
  --write FILE  also write the report as markdown (keeps the hand-written reading in FILE)
  --profile     profile our server under load with node --cpu-prof (default in a full run)
  --only sandbox  only a tenant's latency during two 15 MB imports, and the access log's cost
  --only msw      only the MSW adapter in process vs a trivial MSW handler, and the browser bundle size`;

export function readArgs(argv: readonly string[]): BenchArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean', default: false },
      write: { type: 'string' },
      profile: { type: 'boolean' },
      'no-profile': { type: 'boolean' },
      only: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (values.only !== undefined && !isOnly(values.only)) {
    console.error(`bench: --only takes one of ${ONLY.join(', ')}, not "${values.only}"\n${USAGE}`);
    process.exit(2);
  }
  const quick = values.quick === true;
  const profile = values['no-profile'] ? false : (values.profile ?? !quick);
  // A full run: 3 rounds × 5 s over 11 scenario/server pairs, plus scaling and a profile: ~5 min.
  return {
    quick,
    ...(values.write !== undefined ? { write: values.write } : {}),
    profile,
    rounds: quick ? 1 : 3,
    seconds: quick ? 2 : 5,
    warmupSeconds: quick ? 0.5 : 1,
    scalingSeconds: quick ? 2 : 5,
    scalingWarmupSeconds: quick ? 1 : 2,
    profileSeconds: quick ? 3 : 6,
    contractSeconds: quick ? 0.3 : 1,
    deadlineMs: (quick ? 4 : 12) * 60_000,
    startupRuns: quick ? 3 : 7,
    memorySeconds: quick ? 5 : 15,
    ...(values.only !== undefined && isOnly(values.only) ? { only: values.only } : {}),
  };
}

import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { loadSpec } from '../src/spec/load-spec.ts';
import type { Fixtures } from './fixtures.ts';

const CONTRACT_TOKEN = 'bench-contract-token';

// ajv-formats is CommonJS with a `default` property; under NodeNext the import is the module itself.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

export interface ContractSpeed {
  /** Response bodies validated per second, one schema compiled once, bodies already parsed. */
  listValidationsPerSec: number;
  oneValidationsPerSec: number;
  /** JSON.parse plus validation of the list page: what a runner does per response. */
  listParseAndValidatePerSec: number;
  fullRun?: { durationMs: number; requests: number; ok: boolean; totals: string };
  fullRunNote: string;
}

const RUNNER_FILE = new URL('../src/contract/run-contract.ts', import.meta.url);

function throughput(seconds: number, work: () => boolean): number {
  let count = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  while (performance.now() < until) {
    // Batches of 100 keep the clock read out of what is measured.
    for (let i = 0; i < 100; i++)
      if (!work()) throw new Error('a response the mock served failed validation');
    count += 100;
  }
  return count / ((performance.now() - started) / 1000);
}

function schemaOf(spec: Awaited<ReturnType<typeof loadSpec>>, operationId: string): object {
  if (!spec.ok) throw new Error(spec.error);
  const schema = spec.value.operations.find((o) => o.operationId === operationId)?.responses['200']?.content[
    'application/json'
  ]?.schema;
  if (!schema) throw new Error(`no 200 JSON schema for ${operationId}`);
  return schema;
}

/**
 * ajv throughput over real bodies from our mock, compiled once from the spec the way the runner
 * compiles (all errors, formats on); and, when the contract runner exists, one full read-only run.
 */
export async function measureContractSpeed(
  fixtures: Fixtures,
  baseUrl: string,
  seconds: number,
): Promise<ContractSpeed> {
  const spec = await loadSpec();
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true });
  addFormats(ajv);
  const validateList = ajv.compile(schemaOf(spec, 'getAccounts'));
  const validateOne = ajv.compile(schemaOf(spec, 'getAccount'));
  const list = JSON.parse(fixtures.bodies.firstPage) as unknown;
  const one = JSON.parse(fixtures.bodies.oneAccount) as unknown;
  const result: ContractSpeed = {
    listValidationsPerSec: throughput(seconds, () => validateList(list)),
    oneValidationsPerSec: throughput(seconds, () => validateOne(one)),
    listParseAndValidatePerSec: throughput(seconds, () =>
      validateList(JSON.parse(fixtures.bodies.firstPage)),
    ),
    fullRunNote: 'src/contract/run-contract.ts does not exist yet',
  };
  if (!existsSync(RUNNER_FILE)) return result;
  return { ...result, ...(await timeFullRun(baseUrl)) };
}

type RunOutcome = {
  durationMs: number;
  requests: number;
  distinctRequests: number;
  ok: boolean;
  totals: string;
};

async function timeRun(
  run: (options: object) => Promise<Record<string, unknown>>,
  options: object,
): Promise<RunOutcome> {
  const started = performance.now();
  const outcome = await run(options);
  return {
    durationMs: performance.now() - started,
    requests: typeof outcome.requests === 'number' ? outcome.requests : Number.NaN,
    distinctRequests: typeof outcome.distinctRequests === 'number' ? outcome.distinctRequests : Number.NaN,
    ok: outcome.ok === true,
    totals: JSON.stringify(outcome.totals ?? {}),
  };
}

/**
 * One default run (read-only, every phase) and one with --writes, each with its own token so each sees the
 * default data. The note carries the distinct request counts and the writes run (the report prints the note).
 */
async function timeFullRun(baseUrl: string): Promise<Pick<ContractSpeed, 'fullRun' | 'fullRunNote'>> {
  const module = (await import(pathToFileURL(RUNNER_FILE.pathname).href)) as { runContract?: unknown };
  if (typeof module.runContract !== 'function')
    return { fullRunNote: 'run-contract.ts exports no runContract' };
  const run = module.runContract as (options: object) => Promise<Record<string, unknown>>;
  try {
    const read = await timeRun(run, { baseUrl, token: CONTRACT_TOKEN, writes: false, seed: 1 });
    const writes = await timeRun(run, { baseUrl, token: `${CONTRACT_TOKEN}-writes`, writes: true, seed: 1 });
    return {
      fullRun: { durationMs: read.durationMs, requests: read.requests, ok: read.ok, totals: read.totals },
      fullRunNote:
        `runContract read-only, all phases, against the default mock: ${read.distinctRequests} distinct requests; ` +
        `with --writes: ${Math.round(writes.durationMs)} ms, ${writes.requests} requests (${writes.distinctRequests} distinct), ok: ${writes.ok}`,
    };
  } catch (error) {
    return { fullRunNote: `runContract threw: ${(error as Error).message.slice(0, 200)}` };
  }
}

/**
 * `npx tsx bench/contract-speed.ts [runs] [--writes]`: the median of several default runs against a fresh
 * mock, for comparing the runner with an earlier version on the same machine at the same moment.
 */
async function main(): Promise<void> {
  const { createMockServer } = await import('../src/adapters/node/create-mock-server.ts');
  const { runContract } = await import('../src/contract/run-contract.ts');
  const runs = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 5);
  const writes = process.argv.includes('--writes');
  const server = await createMockServer({ seed: 1 });
  const { url } = await server.listen(0, '127.0.0.1');
  const outcomes: RunOutcome[] = [];
  for (let i = 0; i < runs; i += 1)
    outcomes.push(
      await timeRun(runContract as never, {
        baseUrl: url,
        token: `${CONTRACT_TOKEN}-${i}`,
        writes,
        seed: 1,
        retries: 0,
      }),
    );
  await server.close();
  const times = outcomes.map((o) => Math.round(o.durationMs)).sort((a, b) => a - b);
  const last = outcomes.at(-1);
  console.log(
    `${writes ? 'writes' : 'read-only'}: median ${times[Math.floor(times.length / 2)]} ms over ${runs} runs (${times.join(', ')}); ` +
      `${last?.requests} requests, ${last?.distinctRequests} distinct; ok ${last?.ok}`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();

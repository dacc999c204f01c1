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

/** The runner is written in parallel with the bench: its module is checked at run time, not typed. */
async function timeFullRun(baseUrl: string): Promise<Pick<ContractSpeed, 'fullRun' | 'fullRunNote'>> {
  const module = (await import(pathToFileURL(RUNNER_FILE.pathname).href)) as { runContract?: unknown };
  if (typeof module.runContract !== 'function')
    return { fullRunNote: 'run-contract.ts exports no runContract' };
  const run = module.runContract as (options: object) => Promise<Record<string, unknown>>;
  const started = performance.now();
  try {
    // Its own token, so the run sees the default data and not the accounts the POST rounds created.
    const outcome = await run({ baseUrl, token: CONTRACT_TOKEN, writes: false });
    const durationMs = performance.now() - started;
    return {
      fullRun: {
        durationMs,
        requests: typeof outcome.requests === 'number' ? outcome.requests : Number.NaN,
        ok: outcome.ok === true,
        totals: JSON.stringify(outcome.totals ?? {}),
      },
      fullRunNote: 'runContract({ baseUrl, token, writes: false }) against the default mock (300 accounts)',
    };
  } catch (error) {
    return { fullRunNote: `runContract threw: ${(error as Error).message.slice(0, 200)}` };
  }
}

import { loadSpec } from '../spec/load-spec.ts';
import type { SpecOperation } from '../spec/types.ts';
import { READ_ONLY_REASON, type ResponseCheck, type ScenarioCheck } from './checks/check.ts';
import { CHECKS } from './checks/registry.ts';
import { ContractSetupError } from './contract-setup-error.ts';
import { createHttpClient } from './http-client.ts';
import { createRng } from './prng.ts';
import { createRecorder } from './recorder.ts';
import { writeReports } from './reports/write-reports.ts';
import { createResources } from './resources.ts';
import { createScenarioContext, type SharedRun } from './scenario-context.ts';
import { MIN_TOKEN_LENGTH, scrubDeep } from './scrub.ts';
import { CHECK_IDS, type CheckId, type ContractOptions, type ContractResult } from './types.ts';
import { createValidators } from './validators.ts';

const DEFAULTS = { timeoutMs: 10_000, retries: 2, rateLimit: 0, maxPages: 200, maxRetryAfterMs: 30_000 };

/**
 * Runs every selected check against a live server and returns structured results (and writes the requested
 * reports). Rejects with a `ContractSetupError` when the run cannot start: that is not a contract verdict.
 */
export async function runContract(options: ContractOptions): Promise<ContractResult> {
  const started = Date.now();
  const token = options.token ?? process.env.TOGAI_TOKEN;
  if (!token) throw new ContractSetupError('usage', 'no token: pass --token or set TOGAI_TOKEN');
  if (token.length < MIN_TOKEN_LENGTH)
    throw new ContractSetupError(
      'usage',
      `--token: too short to be kept out of reports safely; use at least ${MIN_TOKEN_LENGTH} characters`,
    );
  const baseUrl = validateBaseUrl(options.baseUrl);
  const checkIds = selectChecks(options.checks);
  const loaded = await loadSpec(options.specPath);
  if (!loaded.ok) throw new ContractSetupError('spec', loaded.error);
  const spec = loaded.value;
  const operations = selectOperations(spec.operations, options.operations);
  const seed = options.seed ?? 1;
  const settings = {
    writes: options.writes === true,
    authMode: options.authMode ?? 'per-token',
    maxPages: options.maxPages ?? DEFAULTS.maxPages,
    seed,
  } as const;
  const client = createHttpClient({
    baseUrl,
    token,
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    retries: options.retries ?? DEFAULTS.retries,
    rateLimit: options.rateLimit ?? DEFAULTS.rateLimit,
    maxRetryAfterMs: options.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  await ensureReachable(client, spec.operations);
  const rng = createRng(seed);
  const recorder = createRecorder(operations, checkIds);
  const resources = createResources({ operations: spec.operations, seed, rng, client });
  const selected = CHECKS.filter((check) => checkIds.includes(check.id));
  const run: SharedRun = {
    spec,
    settings,
    rng,
    validators: createValidators(spec.operations),
    client,
    recorder,
    responseChecks: selected.filter((c): c is ResponseCheck => c.kind === 'response'),
    observe: resources.observe,
    ...(options.signal ? { signal: options.signal } : {}),
  };
  let scenarios = selected.filter((c): c is ScenarioCheck => c.kind === 'scenario');
  // Response checks judge traffic; with no scenario selected, valid requests are the traffic (unreported).
  const silent = scenarios.length === 0;
  if (silent) scenarios = CHECKS.filter((c): c is ScenarioCheck => c.id === 'valid-input-accepted');
  let leftovers: string[] = [];
  try {
    const total = operations.length * scenarios.length;
    let done = 0;
    for (const op of operations) {
      for (const check of scenarios) {
        if (options.signal?.aborted) break;
        options.onProgress?.({
          operationId: op.operationId,
          check: check.id,
          done,
          total,
          requests: client.requestCount(),
        });
        const ctx = createScenarioContext(run, check.id, resources, silent);
        const reason = check.skipReason(op, ctx);
        if (reason) recorder.skip(op.operationId, check.id, reason);
        else await check.run(op, ctx);
        done += 1;
      }
      if (op.method !== 'get' && !settings.writes) {
        for (const id of checkIds) recorder.skip(op.operationId, id, READ_ONLY_REASON);
      }
    }
  } finally {
    leftovers = await resources.cleanup();
  }
  const outcomes = recorder.outcomes();
  const totals = { passed: 0, failed: 0, skipped: 0 };
  for (const outcome of outcomes) totals[outcome.status] += 1;
  // Responses are judged as received; the token is scrubbed from everything reported, once, here.
  const result: ContractResult = scrubDeep<ContractResult>(
    {
      ok: totals.failed === 0 && leftovers.length === 0 && options.signal?.aborted !== true,
      baseUrl,
      seed,
      writes: settings.writes,
      authMode: settings.authMode,
      interrupted: options.signal?.aborted === true,
      requests: client.requestCount(),
      durationMs: Date.now() - started,
      outcomes,
      totals,
      leftovers,
    },
    token,
  );
  if (options.reports?.length) await writeReports(result, options.reports, token);
  return result;
}

function validateBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ContractSetupError('usage', `--base-url: "${raw}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ContractSetupError(
      'usage',
      `--base-url: only http and https are supported, got ${url.protocol}`,
    );
  }
  return raw.replace(/\/+$/, '');
}

function selectChecks(wanted: readonly string[] | undefined): CheckId[] {
  if (!wanted || wanted.length === 0) return [...CHECK_IDS];
  const unknown = wanted.filter((id) => !(CHECK_IDS as readonly string[]).includes(id));
  if (unknown.length)
    throw new ContractSetupError(
      'usage',
      `--checks: unknown check ${unknown.join(', ')} (known: ${CHECK_IDS.join(', ')})`,
    );
  return CHECK_IDS.filter((id) => wanted.includes(id));
}

function selectOperations(
  all: readonly SpecOperation[],
  wanted: readonly string[] | undefined,
): SpecOperation[] {
  if (!wanted || wanted.length === 0) return [...all];
  const known = all.map((op) => op.operationId);
  const unknown = wanted.filter((id) => !known.includes(id));
  if (unknown.length)
    throw new ContractSetupError(
      'usage',
      `--operations: unknown operation ${unknown.join(', ')} (known: ${known.join(', ')})`,
    );
  return all.filter((op) => wanted.includes(op.operationId));
}

/** One request before anything else, so an unreachable server is a setup error, not 300 failures. */
async function ensureReachable(
  client: ReturnType<typeof createHttpClient>,
  operations: readonly SpecOperation[],
): Promise<void> {
  const probe = operations.find((op) => op.method === 'get' && !op.path.includes('{'));
  const result = await client.send({ method: 'get', path: probe?.path ?? '/', auth: 'token' });
  if (!result.ok && result.error !== 'interrupted') {
    throw new ContractSetupError('unreachable', `cannot reach ${result.request.url}: ${result.error}`);
  }
}

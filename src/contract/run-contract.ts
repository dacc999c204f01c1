import { loadSpec } from '../spec/load-spec.ts';
import { buildCoverage } from './build-coverage.ts';
import { READ_ONLY_REASON, type ResponseCheck } from './checks/check.ts';
import { CHECK_IDS, CHECKS } from './checks/registry.ts';
import { ContractSetupError } from './contract-setup-error.ts';
import { createHttpClient } from './http-client.ts';
import { createPhaseContext, type SharedRun, sendJudged } from './phases/phase-context.ts';
import { PHASES } from './phases/phases.ts';
import { createRng } from './prng.ts';
import { createRecorder } from './recorder.ts';
import { writeReports } from './reports/write-reports.ts';
import { createResources } from './resources.ts';
import { ensureReachable, selectIds, validateBaseUrl } from './run-setup.ts';
import { MIN_TOKEN_LENGTH, scrubDeep } from './scrub.ts';
import { selectOperations } from './select-operations.ts';
import { type CheckOutcome, type ContractOptions, type ContractResult, PHASE_IDS } from './types.ts';
import { createValidators } from './validators.ts';

const DEFAULTS = {
  timeoutMs: 10_000,
  retries: 2,
  rateLimit: 0,
  maxPages: 200,
  maxRetryAfterMs: 30_000,
  fuzzRuns: 6,
};

/**
 * Runs the selected phases against a live server, every selected check judging what they send, and returns
 * structured results (and writes the requested reports). Rejects with a `ContractSetupError` when the run
 * cannot start: that is not a contract verdict.
 */
export async function runContract(options: ContractOptions): Promise<ContractResult> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const token = options.token ?? process.env.TOGAI_TOKEN;
  if (!token) throw new ContractSetupError('usage', 'no token: pass --token or set TOGAI_TOKEN');
  if (token.length < MIN_TOKEN_LENGTH)
    throw new ContractSetupError(
      'usage',
      `--token: too short to be kept out of reports safely; use at least ${MIN_TOKEN_LENGTH} characters`,
    );
  const baseUrl = validateBaseUrl(options.baseUrl);
  const checkIds = selectIds('--checks', options.checks, CHECK_IDS);
  const phases = selectIds('--phases', options.phases, PHASE_IDS);
  const loaded = await loadSpec(options.specPath);
  if (!loaded.ok) throw new ContractSetupError('spec', loaded.error);
  const spec = loaded.value;
  const { selected: operations, excluded } = selectOperations(spec, options);
  const seed = options.seed ?? 1;
  const limits =
    options.maxResponseTimeMs !== undefined ? { maxResponseTimeMs: options.maxResponseTimeMs } : {};
  const settings = {
    writes: options.writes === true,
    authMode: options.authMode ?? 'per-token',
    maxPages: options.maxPages ?? DEFAULTS.maxPages,
    seed,
    fuzzRuns: options.fuzzRuns ?? DEFAULTS.fuzzRuns,
    limits,
  } as const;
  const client = createHttpClient({
    baseUrl,
    token,
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    retries: options.retries ?? DEFAULTS.retries,
    rateLimit: options.rateLimit ?? DEFAULTS.rateLimit,
    maxRetryAfterMs: options.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs,
    now,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  await ensureReachable(client, spec.operations);
  const rng = createRng(seed);
  const recorder = createRecorder(operations, checkIds);
  const selectedChecks = CHECKS.filter((check) => checkIds.includes(check.id));
  const responseChecks = selectedChecks.filter(
    (c): c is Extract<(typeof CHECKS)[number], ResponseCheck> =>
      c.kind === 'response' && !c.skipReason?.(limits),
  );
  for (const check of selectedChecks)
    if (check.kind === 'response' && check.skipReason?.(limits))
      for (const op of operations) recorder.skip(op.operationId, check.id, check.skipReason(limits) ?? '');
  const run: SharedRun = {
    spec,
    operations,
    settings,
    rng,
    validators: createValidators(),
    client,
    recorder,
    checks: new Set(checkIds),
    responseChecks,
    now,
    ...(options.maxTimeMs !== undefined ? { deadline: started + options.maxTimeMs } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const resources = createResources({
    spec,
    seed,
    rng,
    client,
    validators: run.validators,
    port: {
      send: (op, parts) => sendJudged(run, op, parts, 'setup'),
      reportSetup: (op, failures) => recorder.record(op.operationId, 'setup', failures),
    },
  });
  run.observe = resources.observe;
  const ctx = createPhaseContext(run, resources);
  const chosen = PHASES.filter((phase) => phases.includes(phase.id));
  let leftovers: string[] = [];
  let timedOut = false;
  const runnerErrors: string[] = [];
  try {
    const total = operations.length * chosen.length;
    let done = 0;
    for (const phase of chosen) {
      for (const [index, op] of operations.entries()) {
        if (ctx.aborted()) break;
        options.onProgress?.({
          operationId: op.operationId,
          phase: phase.id,
          done,
          total,
          requests: client.requestCount(),
        });
        try {
          await phase.run(ctx, op, index, operations.length - index);
        } catch (error) {
          // A fault of the runner on one operation (an exotic schema) is said so, and the run goes on.
          const reason = `runner error in the ${phase.id} phase: ${(error as Error).message.slice(0, 200)}`;
          for (const id of checkIds) recorder.skip(op.operationId, id, reason);
          runnerErrors.push(`${op.operationId}: ${reason}`);
        }
        done += 1;
      }
    }
    timedOut = run.deadline !== undefined && now() >= run.deadline && options.signal?.aborted !== true;
    for (const op of operations)
      if (op.method !== 'get' && !settings.writes)
        for (const id of checkIds) recorder.skip(op.operationId, id, READ_ONLY_REASON);
  } finally {
    leftovers = await resources.cleanup();
  }
  const outcomes = numberCases(recorder.outcomes(), timedOut);
  const totals = { passed: 0, failed: 0, skipped: 0 };
  for (const outcome of outcomes) totals[outcome.status] += 1;
  const interrupted = options.signal?.aborted === true;
  // Responses are judged as received; the token is scrubbed from everything reported, once, here.
  const result: ContractResult = scrubDeep<ContractResult>(
    {
      ok: totals.failed === 0 && leftovers.length === 0 && !interrupted,
      baseUrl,
      seed,
      writes: settings.writes,
      authMode: settings.authMode,
      interrupted,
      requests: client.requestCount(),
      distinctRequests: client.distinctCount(),
      durationMs: now() - started,
      phases,
      timedOut,
      outcomes,
      coverage: buildCoverage(operations, excluded, recorder, outcomes, {
        writes: settings.writes,
        phases,
        timedOut,
      }),
      totals,
      leftovers,
      runnerErrors,
    },
    token,
  );
  if (options.reports?.length) await writeReports(result, options.reports, token);
  return result;
}

/** Every failure with a request gets a case id, stable for a given seed, for `contract replay`. */
function numberCases(outcomes: CheckOutcome[], timedOut: boolean): CheckOutcome[] {
  for (const outcome of outcomes) {
    if (
      timedOut &&
      outcome.status === 'skipped' &&
      outcome.reason === 'no request was made for this operation'
    )
      outcome.reason = '--max-time reached before it ran';
    outcome.failures.forEach((failure, i) => {
      if (failure.request) failure.caseId = `${outcome.operationId}.${outcome.check}.${i + 1}`;
    });
  }
  return outcomes;
}

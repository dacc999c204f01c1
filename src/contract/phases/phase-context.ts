import type { LoadedSpec, SpecOperation } from '../../spec/types.ts';
import type { Limits, ResponseCheck } from '../checks/check.ts';
import type { CheckId } from '../checks/registry.ts';
import type { HttpClient } from '../http-client.ts';
import type { Rng } from '../prng.ts';
import type { Recorder } from '../recorder.ts';
import type { Resources } from '../resources.ts';
import type { AuthMode, CheckFailure, Exchange, OutcomeLabel } from '../types.ts';
import type { Validators } from '../validators.ts';
import { fillPath, type RequestParts } from './request-parts.ts';
import { requiredInputs } from './required-inputs.ts';

export interface RunSettings {
  writes: boolean;
  authMode: AuthMode;
  maxPages: number;
  seed: number;
  /** Fuzzing cases per operation; with a deadline, fuzzing runs until it instead. */
  fuzzRuns: number;
  limits: Limits;
}

/** What a phase may use: it never sees the client, the recorder or the token directly. */
export interface PhaseContext {
  spec: LoadedSpec;
  /** The operations selected for this run (filters applied). */
  operations: readonly SpecOperation[];
  settings: RunSettings;
  rng: Rng;
  validators: Validators;
  resources: Resources;
  /**
   * Sends as `operation` (required query parameters and headers added); every response check judges the
   * answer. Undefined when nothing came back, and then `chargeTo` records why.
   */
  send(operation: SpecOperation, parts: RequestParts, chargeTo: OutcomeLabel): Promise<Exchange | undefined>;
  /** Sends and judges like `send`, but records nothing: fuzzing reports only its minimal failing case. */
  trial(
    operation: SpecOperation,
    parts: RequestParts,
  ): Promise<{ exchange?: Exchange; failures: { check: CheckId; failure: CheckFailure }[] }>;
  /** Records failures (or, with none, a pass) of a check for an operation. */
  report(operation: SpecOperation, check: CheckId, failures?: readonly CheckFailure[]): void;
  skip(operation: SpecOperation, check: CheckId, reason: string): void;
  /** Whether the check was selected: phases skip the work that only feeds unselected checks. */
  enabled(check: CheckId): boolean;
  /** Interrupted, or past --max-time. */
  aborted(): boolean;
  /** Milliseconds left before --max-time; Infinity without one. */
  remainingMs(): number;
}

export interface SharedRun {
  spec: LoadedSpec;
  operations: readonly SpecOperation[];
  settings: RunSettings;
  rng: Rng;
  validators: Validators;
  client: HttpClient;
  recorder: Recorder;
  checks: ReadonlySet<CheckId>;
  responseChecks: readonly ResponseCheck[];
  /** Sees every exchange, so anything a request happened to create is cleaned up. */
  observe?: (operation: SpecOperation, exchange: Exchange, sent?: unknown) => void;
  signal?: AbortSignal;
  now: () => number;
  /** By `now`; undefined without --max-time. */
  deadline?: number;
}

// Only these judge an undocumented method's answer: the others compare it with another method's docs.
const ANY_ANSWER: ReadonlySet<string> = new Set(['not-a-server-error', 'max-response-time']);

export interface Judged {
  exchange?: Exchange;
  /** Why nothing came back (not set when interrupted). */
  error?: CheckFailure;
  verdicts: { check: CheckId; failures: CheckFailure[] }[];
}

/** Sends a request as an operation; every enabled response check judges the answer. Records nothing. */
export async function sendAndJudge(
  run: SharedRun,
  operation: SpecOperation,
  parts: RequestParts,
  ignoreAbort = false,
): Promise<Judged> {
  const required = requiredInputs(operation, run.rng, run.validators);
  const omit = new Set(parts.omit ?? []);
  const keep = (values: Record<string, string>) =>
    Object.fromEntries(Object.entries(values).filter(([name]) => !omit.has(name)));
  const query = { ...keep(required.query), ...parts.query };
  const headers = { ...keep(required.headers), ...parts.headers };
  run.recorder.countRequest(operation.operationId);
  const result = await run.client.send(
    {
      method: parts.method ?? operation.method,
      path: fillPath(operation.path, parts.pathParams),
      auth: parts.auth ?? 'token',
      ...(operation.security?.[0]?.length ? { credentials: operation.security[0] } : {}),
      ...(Object.keys(query).length ? { query } : {}),
      ...(Object.keys(headers).length ? { headers } : {}),
      ...(parts.body !== undefined ? { body: parts.body } : {}),
      ...(parts.rawBody ? { rawBody: parts.rawBody } : {}),
    },
    { ignoreAbort },
  );
  if (!result.ok)
    return result.error === 'interrupted'
      ? { verdicts: [] }
      : { error: { message: result.error, request: result.request }, verdicts: [] };
  if (!parts.method) run.observe?.(operation, result.value, parts.body);
  const verdicts = run.responseChecks
    .filter((check) => !parts.method || ANY_ANSWER.has(check.id))
    .map((check) => ({
      check: check.id as CheckId,
      failures: check.judge({
        operation,
        exchange: result.value,
        validators: run.validators,
        limits: run.settings.limits,
      }),
    }));
  return { exchange: result.value, verdicts };
}

/** Sends, and records every response check's verdict; a missing answer is charged to `chargeTo`. */
export async function sendJudged(
  run: SharedRun,
  operation: SpecOperation,
  parts: RequestParts,
  chargeTo: OutcomeLabel,
  ignoreAbort = false,
): Promise<Exchange | undefined> {
  const judged = await sendAndJudge(run, operation, parts, ignoreAbort);
  if (judged.error) run.recorder.record(operation.operationId, chargeTo, [judged.error]);
  for (const { check, failures } of judged.verdicts)
    run.recorder.record(operation.operationId, check, failures);
  return judged.exchange;
}

export function createPhaseContext(run: SharedRun, resources: Resources): PhaseContext {
  const report = (operation: SpecOperation, label: OutcomeLabel, failures: readonly CheckFailure[] = []) =>
    run.recorder.record(operation.operationId, label, failures);
  const aborted = () =>
    run.signal?.aborted === true || (run.deadline !== undefined && run.now() >= run.deadline);
  return {
    spec: run.spec,
    operations: run.operations,
    settings: run.settings,
    rng: run.rng,
    validators: run.validators,
    resources,
    report,
    skip: (operation, check, reason) => run.recorder.skip(operation.operationId, check, reason),
    enabled: (check) => run.checks.has(check),
    send: (operation, parts, chargeTo) => sendJudged(run, operation, parts, chargeTo),
    async trial(operation, parts) {
      const judged = await sendAndJudge(run, operation, parts);
      return {
        ...(judged.exchange ? { exchange: judged.exchange } : {}),
        failures: judged.verdicts.flatMap(({ check, failures }) =>
          failures.map((failure) => ({ check, failure })),
        ),
      };
    },
    aborted,
    remainingMs: () => (run.deadline === undefined ? Number.POSITIVE_INFINITY : run.deadline - run.now()),
  };
}

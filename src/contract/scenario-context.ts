import type { LoadedSpec, SpecOperation } from '../spec/types.ts';
import type { ResponseCheck } from './checks/check.ts';
import type { HttpClient, SendRequest } from './http-client.ts';
import type { Rng } from './prng.ts';
import type { Recorder } from './recorder.ts';
import type { Resources } from './resources.ts';
import type { AuthMode, CheckFailure, CheckId, Exchange } from './types.ts';
import type { Validators } from './validators.ts';

export interface RequestParts {
  /** Path parameter values, substituted and encoded into the operation's template. */
  pathParams?: Record<string, string>;
  query?: Record<string, string>;
  auth?: SendRequest['auth'];
  body?: unknown;
  rawBody?: SendRequest['rawBody'];
}

export interface RunSettings {
  writes: boolean;
  authMode: AuthMode;
  maxPages: number;
  seed: number;
}

/** What a scenario check may use: it never sees the client, the recorder or the token directly. */
export interface ScenarioContext {
  spec: LoadedSpec;
  settings: RunSettings;
  rng: Rng;
  validators: Validators;
  resources: Resources;
  /** Sends as `operation`; every response check judges the answer. Undefined when nothing came back. */
  send(operation: SpecOperation, parts?: RequestParts): Promise<Exchange | undefined>;
  /** Records failures (or, with none, a pass) of the running check for an operation. */
  report(operation: SpecOperation, failures?: readonly CheckFailure[]): void;
  aborted(): boolean;
}

export interface SharedRun {
  spec: LoadedSpec;
  settings: RunSettings;
  rng: Rng;
  validators: Validators;
  client: HttpClient;
  recorder: Recorder;
  responseChecks: readonly ResponseCheck[];
  /** Sees every exchange, so anything a request happened to create is cleaned up. */
  observe?: (operation: SpecOperation, exchange: Exchange, sent?: unknown) => void;
  signal?: AbortSignal;
}

export function fillPath(template: string, values: Record<string, string> = {}): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(values[name] ?? `missing-${name}`),
  );
}

/** Sends a request as an operation and lets every enabled response check judge the answer. */
export async function sendJudged(
  run: SharedRun,
  operation: SpecOperation,
  parts: RequestParts,
  onNoResponse: (failure: CheckFailure) => void,
  ignoreAbort = false,
): Promise<Exchange | undefined> {
  const result = await run.client.send(
    {
      method: operation.method,
      path: fillPath(operation.path, parts.pathParams),
      auth: parts.auth ?? 'token',
      ...(parts.query ? { query: parts.query } : {}),
      ...(parts.body !== undefined ? { body: parts.body } : {}),
      ...(parts.rawBody ? { rawBody: parts.rawBody } : {}),
    },
    { ignoreAbort },
  );
  if (!result.ok) {
    if (result.error !== 'interrupted') onNoResponse({ message: result.error, request: result.request });
    return undefined;
  }
  run.observe?.(operation, result.value, parts.body);
  for (const check of run.responseChecks) {
    run.recorder.record(
      operation.operationId,
      check.id,
      check.judge({ operation, exchange: result.value, validators: run.validators }),
    );
  }
  return result.value;
}

/** `silent`: the check only drives traffic for the response checks; its own verdicts are dropped. */
export function createScenarioContext(
  run: SharedRun,
  check: CheckId,
  resources: Resources,
  silent = false,
): ScenarioContext {
  const report = (operation: SpecOperation, failures: readonly CheckFailure[] = []): void => {
    if (!silent) run.recorder.record(operation.operationId, check, failures);
  };
  return {
    spec: run.spec,
    settings: run.settings,
    rng: run.rng,
    validators: run.validators,
    resources,
    report,
    send: (operation, parts = {}) =>
      sendJudged(run, operation, parts, (failure) => report(operation, [failure])),
    aborted: () => run.signal?.aborted === true,
  };
}

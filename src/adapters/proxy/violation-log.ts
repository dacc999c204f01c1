import type { Verdict } from '../../contract/judge-exchange.ts';
import { createRecorder, type Recorder } from '../../contract/recorder.ts';
import { scrubDeep, scrubSecret } from '../../contract/scrub.ts';
import type { CheckFailure, CheckId, ContractResult } from '../../contract/types.ts';
import type { SpecOperation } from '../../spec/types.ts';

/**
 * A client's request that breaks the contract. Not one of the runner's checks (the runner builds its own
 * requests); reported beside them under this name.
 */
export const REQUEST_CONFORMANCE = 'request-conformance' as CheckId;

/** The runner's checks the proxy applies, plus the client's side: the outcomes of its reports. */
const PROXY_CHECKS = (responseChecks: readonly CheckId[]): CheckId[] => [
  REQUEST_CONFORMANCE,
  ...responseChecks,
  'valid-input-accepted',
  'invalid-input-rejected',
  'auth-enforced',
  'pagination',
  'stateful-lifecycle',
  'resource-availability',
  'use-after-free',
];

export interface Violation {
  seq: number;
  /** ISO time the exchange ended. */
  at: string;
  check: string;
  /** `request`: the client sent what the contract forbids; `response`: the upstream answered so. */
  side: 'request' | 'response';
  operationId?: string;
  method: string;
  path: string;
  status?: number;
  message: string;
  failure?: CheckFailure;
}

export interface ViolationLog {
  /** Records the verdicts of one exchange (every token scrubbed) and returns the violations among them. */
  add(input: {
    operation?: SpecOperation;
    method: string;
    path: string;
    status?: number;
    verdicts: readonly Verdict[];
    token?: string;
  }): Violation[];
  /** The newest kept violations, oldest first, and how many there were in all. */
  list(): { total: number; kept: number; violations: Violation[] };
  clear(): void;
  /** A result in the runner's shape, for its JUnit and JSON reports. */
  toResult(upstream: string): ContractResult;
}

/** A line for the terminal: one violation, nothing secret. */
export const formatViolationLine = (v: Violation): string =>
  `✗ ${v.check} ${v.method} ${v.path}${v.status === undefined ? '' : ` → ${v.status}`}: ${v.message}`;

export function createViolationLog(
  operations: readonly SpecOperation[],
  responseChecks: readonly CheckId[],
  options: {
    keep?: number;
    now?: () => number;
    /** Applied to each failure kept (after the token is scrubbed): the `--redact` names. */
    redact?: (failure: CheckFailure) => CheckFailure;
  } = {},
): ViolationLog {
  const redact = options.redact ?? ((failure: CheckFailure) => failure);
  const keep = options.keep ?? 1000;
  const now = options.now ?? Date.now;
  const started = now();
  let recorder: Recorder = createRecorder(operations, PROXY_CHECKS(responseChecks));
  let kept: Violation[] = [];
  let total = 0;
  let exchanges = 0;
  return {
    add({ operation, method, path, status, verdicts, token }) {
      exchanges += 1;
      const found: Violation[] = [];
      const at = new Date(now()).toISOString();
      for (const verdict of verdicts) {
        const failures = verdict.failures.map((f) => redact(scrubDeep(f, token)));
        if (operation) recorder.record(operation.operationId, verdict.check, failures);
        for (const failure of failures) {
          total += 1;
          found.push({
            seq: total,
            at,
            check: verdict.check,
            side: verdict.check === REQUEST_CONFORMANCE ? 'request' : 'response',
            ...(operation ? { operationId: operation.operationId } : {}),
            method,
            path: scrubSecret(path, token),
            ...(status === undefined ? {} : { status }),
            message: failure.message,
            failure,
          });
        }
      }
      kept.push(...found);
      if (kept.length > keep) kept = kept.slice(kept.length - keep);
      return found;
    },
    list: () => ({ total, kept: kept.length, violations: [...kept] }),
    clear() {
      kept = [];
      total = 0;
      exchanges = 0;
      recorder = createRecorder(operations, PROXY_CHECKS(responseChecks));
    },
    toResult(upstream) {
      const outcomes = recorder.outcomes();
      const count = (status: string) => outcomes.filter((o) => o.status === status).length;
      return {
        ok: count('failed') === 0,
        baseUrl: upstream,
        seed: 0,
        writes: true,
        authMode: 'per-token',
        interrupted: false,
        requests: exchanges,
        durationMs: now() - started,
        outcomes,
        totals: { passed: count('passed'), failed: count('failed'), skipped: count('skipped') },
        leftovers: [],
        distinctRequests: exchanges,
        phases: [],
        timedOut: false,
        coverage: [],
        runnerErrors: [],
      };
    },
  };
}

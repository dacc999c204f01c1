import type { SpecOperation } from '../spec/types.ts';
import type { CheckFailure, CheckOutcome, OutcomeLabel } from './types.ts';

/** Enough to diagnose; a server broken everywhere should not produce a 100 MB report. */
const MAX_FAILURES_PER_OUTCOME = 20;

export interface Recorder {
  /** Marks the check as run for the operation and adds its failures (none means a pass so far). */
  record(operationId: string, label: OutcomeLabel, failures: readonly CheckFailure[]): void;
  skip(operationId: string, label: OutcomeLabel, reason: string): void;
  /** Counts a request sent as the operation, for the coverage report. */
  countRequest(operationId: string): void;
  requestsOf(operationId: string): number;
  outcomes(): CheckOutcome[];
}

/**
 * One outcome per operation × selected check, skipped until something is recorded; `setup` outcomes (test
 * data the runner built) appear only when setup traffic happened for an operation.
 */
export function createRecorder(
  operations: readonly SpecOperation[],
  checks: readonly OutcomeLabel[],
): Recorder {
  const table = new Map<string, CheckOutcome>();
  const requests = new Map<string, number>();
  const byId = new Map(operations.map((op) => [op.operationId, op]));
  const keyOf = (operationId: string, label: OutcomeLabel): string => `${operationId}\u0000${label}`;
  const blank = (op: SpecOperation, label: OutcomeLabel): CheckOutcome => ({
    operationId: op.operationId,
    method: op.method.toUpperCase() as CheckOutcome['method'],
    path: op.path,
    check: label,
    status: 'skipped',
    reason: 'no request was made for this operation',
    failures: [],
    omittedFailures: 0,
  });
  for (const op of operations)
    for (const check of checks) table.set(keyOf(op.operationId, check), blank(op, check));
  const find = (operationId: string, label: OutcomeLabel): CheckOutcome | undefined => {
    const key = keyOf(operationId, label);
    let outcome = table.get(key);
    const op = byId.get(operationId);
    if (!outcome && label === 'setup' && op) {
      outcome = blank(op, label);
      table.set(key, outcome);
    }
    return outcome;
  };
  return {
    record(operationId, label, failures) {
      const outcome = find(operationId, label);
      if (!outcome) return; // a check or operation filtered out of the run
      if (outcome.status === 'skipped') {
        outcome.status = 'passed';
        delete outcome.reason;
      }
      for (const failure of failures) {
        outcome.status = 'failed';
        // The same message for the same URL again adds nothing: count it only.
        const duplicate = outcome.failures.some(
          (f) => f.message === failure.message && f.request?.url === failure.request?.url,
        );
        if (duplicate || outcome.failures.length >= MAX_FAILURES_PER_OUTCOME) outcome.omittedFailures += 1;
        else outcome.failures.push(failure);
      }
    },
    skip(operationId, label, reason) {
      const outcome = table.get(keyOf(operationId, label));
      if (outcome?.status === 'skipped') outcome.reason = reason;
    },
    countRequest(operationId) {
      requests.set(operationId, (requests.get(operationId) ?? 0) + 1);
    },
    requestsOf: (operationId) => requests.get(operationId) ?? 0,
    outcomes: () => [...table.values()],
  };
}

import type { SpecOperation } from '../spec/types.ts';
import type { CheckFailure, CheckId, CheckOutcome } from './types.ts';

/** Enough to diagnose; a server broken everywhere should not produce a 100 MB report. */
const MAX_FAILURES_PER_OUTCOME = 20;

export interface Recorder {
  /** Marks the check as run for the operation and adds its failures (none means a pass so far). */
  record(operationId: string, check: CheckId, failures: readonly CheckFailure[]): void;
  skip(operationId: string, check: CheckId, reason: string): void;
  outcomes(): CheckOutcome[];
}

export function createRecorder(operations: readonly SpecOperation[], checks: readonly CheckId[]): Recorder {
  const table = new Map<string, CheckOutcome>();
  const keyOf = (operationId: string, check: CheckId): string => `${operationId}\u0000${check}`;
  for (const op of operations) {
    for (const check of checks) {
      table.set(keyOf(op.operationId, check), {
        operationId: op.operationId,
        method: op.method.toUpperCase() as CheckOutcome['method'],
        path: op.path,
        check,
        status: 'skipped',
        reason: 'no request was made for this operation',
        failures: [],
        omittedFailures: 0,
      });
    }
  }
  return {
    record(operationId, check, failures) {
      const outcome = table.get(keyOf(operationId, check));
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
    skip(operationId, check, reason) {
      const outcome = table.get(keyOf(operationId, check));
      if (outcome?.status === 'skipped') outcome.reason = reason;
    },
    outcomes: () => [...table.values()],
  };
}

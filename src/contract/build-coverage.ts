import type { SpecOperation } from '../spec/types.ts';
import { READ_ONLY_REASON } from './checks/check.ts';
import type { Recorder } from './recorder.ts';
import type { CheckOutcome, OperationCoverage, PhaseId } from './types.ts';

/** Which operations the run exercised (requests sent as them), and why each other one was not. */
export function buildCoverage(
  selected: readonly SpecOperation[],
  excluded: readonly { op: SpecOperation; reason: string }[],
  recorder: Recorder,
  outcomes: readonly CheckOutcome[],
  context: { writes: boolean; phases: readonly PhaseId[]; timedOut: boolean },
): OperationCoverage[] {
  const entry = (op: SpecOperation): Omit<OperationCoverage, 'status' | 'requests'> => ({
    operationId: op.operationId,
    method: op.method.toUpperCase() as OperationCoverage['method'],
    path: op.path,
    phases: [...context.phases],
  });
  const rows: OperationCoverage[] = selected.map((op) => {
    const requests = recorder.requestsOf(op.operationId);
    if (requests > 0) return { ...entry(op), status: 'exercised', requests };
    const reason =
      op.method !== 'get' && !context.writes
        ? READ_ONLY_REASON
        : context.timedOut
          ? '--max-time reached before it ran'
          : (outcomes.find(
              (o) =>
                o.operationId === op.operationId &&
                o.reason &&
                o.reason !== 'no request was made for this operation',
            )?.reason ?? 'no phase had a request to make for it');
    return { ...entry(op), status: 'skipped', requests, reason };
  });
  for (const { op, reason } of excluded)
    rows.push({ ...entry(op), phases: [], status: 'skipped', requests: 0, reason });
  return rows;
}

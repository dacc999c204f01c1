import type { CheckOutcome, ContractResult } from '../types.ts';
import { describeFailureText } from './format-junit.ts';

const MAX_FAILURES_SHOWN = 3;
const MARK = { passed: '✓', failed: '✗', skipped: '-' } as const;

const indent = (text: string, by: string): string =>
  text
    .split('\n')
    .map((line) => by + line)
    .join('\n');

/** The terminal summary: one line per operation, then every failing operation × check with details. */
export function formatSummary(result: ContractResult): string {
  const lines: string[] = [];
  const byOperation = new Map<string, CheckOutcome[]>();
  for (const o of result.outcomes)
    byOperation.set(o.operationId, [...(byOperation.get(o.operationId) ?? []), o]);
  lines.push(
    `Contract run against ${result.baseUrl} (seed ${result.seed}, ${result.writes ? 'with writes' : 'read-only'}, auth mode ${result.authMode})`,
  );
  for (const [operationId, outcomes] of byOperation) {
    const first = outcomes[0];
    const failed = outcomes.filter((o) => o.status === 'failed');
    const passed = outcomes.filter((o) => o.status === 'passed').length;
    const verdict = failed.length ? 'FAIL' : passed ? 'PASS' : 'SKIP';
    const skipped = outcomes.length - failed.length - passed;
    const counts = `${passed} passed${failed.length ? `, ${failed.length} failed` : ''}${skipped ? `, ${skipped} skipped` : ''}`;
    const note = !passed && !failed.length ? `skipped: ${first?.reason ?? ''}` : counts;
    lines.push(
      `${verdict.padEnd(4)} ${operationId.padEnd(22)} ${`${first?.method ?? ''} ${first?.path ?? ''}`.padEnd(46)} ${note}`,
    );
    // Passing operations stay one line; a failing one lists each check so the broken one stands out.
    if (failed.length)
      for (const o of outcomes) if (o.status !== 'skipped') lines.push(`  ${MARK[o.status]} ${o.check}`);
  }
  const failing = result.outcomes.filter((o) => o.status === 'failed');
  if (failing.length) {
    lines.push('', 'Failures:');
    for (const o of failing) {
      const total = o.failures.length + o.omittedFailures;
      lines.push('', `✗ ${o.operationId} › ${o.check} (${total} failure${total === 1 ? '' : 's'})`);
      for (const failure of o.failures.slice(0, MAX_FAILURES_SHOWN))
        lines.push(indent(describeFailureText(failure), '    '), '');
      if (total > MAX_FAILURES_SHOWN)
        lines.push(`    … ${total - MAX_FAILURES_SHOWN} more (see --report json=FILE)`);
    }
  }
  lines.push('', ...formatCoverage(result));
  if (result.runnerErrors.length)
    lines.push(
      '',
      'Runner errors (checks skipped, please report):',
      ...result.runnerErrors.map((e) => `  ${e}`),
    );
  if (result.leftovers.length)
    lines.push('', `Could not delete what the run created: ${result.leftovers.join(', ')}`);
  if (result.interrupted)
    lines.push('', 'Interrupted: the run stopped early; created resources were cleaned up.');
  if (result.timedOut)
    lines.push('', '--max-time reached: the run stopped starting new work (not a failure).');
  const { passed, failed, skipped } = result.totals;
  lines.push(
    '',
    `${failed ? 'FAILED' : 'PASSED'}: ${passed} passed, ${failed} failed, ${skipped} skipped (operation × check); ` +
      `${result.requests} requests (${result.distinctRequests} distinct) in ${(result.durationMs / 1000).toFixed(1)} s; ` +
      `phases ${result.phases.join(', ')}; rerun with --seed ${result.seed}`,
  );
  return lines.join('\n');
}

/** Operations exercised, and each skipped one with its reason, grouped so a long list stays readable. */
function formatCoverage(result: ContractResult): string[] {
  const exercised = result.coverage.filter((c) => c.status === 'exercised');
  const skipped = result.coverage.filter((c) => c.status === 'skipped');
  const lines = [`Coverage: ${exercised.length} of ${result.coverage.length} operations exercised`];
  const byReason = new Map<string, string[]>();
  for (const c of skipped)
    byReason.set(c.reason ?? '', [...(byReason.get(c.reason ?? '') ?? []), c.operationId]);
  for (const [reason, ids] of byReason) {
    const shown = ids.length > 8 ? `${ids.slice(0, 8).join(', ')}, … (${ids.length})` : ids.join(', ');
    lines.push(`  skipped (${reason}): ${shown}`);
  }
  return lines;
}

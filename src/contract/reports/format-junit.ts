import type { CheckFailure, CheckOutcome, ContractResult } from '../types.ts';

// XML 1.0 cannot carry most control characters, even escaped; a server's body may contain them.
const isForbiddenInXml = (code: number): boolean =>
  code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d;
const dropControlCharacters = (text: string): string =>
  Array.from(text, (ch) => (isForbiddenInXml(ch.charCodeAt(0)) ? '\uFFFD' : ch)).join('');

const escapeXml = (text: string): string =>
  dropControlCharacters(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

export function describeFailureText(failure: CheckFailure): string {
  const lines = [failure.message];
  if (failure.request) lines.push(`request: ${failure.request.method} ${failure.request.url}`);
  if (failure.request?.body) lines.push(`request body: ${failure.request.body.slice(0, 300)}`);
  if (failure.response) {
    lines.push(
      `response: ${failure.response.status}${failure.response.contentType ? ` ${failure.response.contentType}` : ''}`,
    );
    if (failure.response.excerpt) lines.push(`response body: ${failure.response.excerpt}`);
  }
  if (failure.instancePath) lines.push(`instance path: ${failure.instancePath}`);
  if (failure.schemaPath)
    lines.push(`schema path: ${failure.schemaPath} (keyword "${failure.keyword ?? '?'}")`);
  if (failure.curl) lines.push(`reproduce: ${failure.curl}`);
  return lines.join('\n');
}

function formatTestcase(outcome: CheckOutcome): string {
  const open = `    <testcase name="${escapeXml(outcome.check)}" classname="${escapeXml(outcome.operationId)}">`;
  if (outcome.status === 'passed') return `${open}</testcase>`;
  if (outcome.status === 'skipped')
    return `${open}<skipped message="${escapeXml(outcome.reason ?? '')}"/></testcase>`;
  const first = outcome.failures[0]?.message ?? 'failed';
  const more = outcome.failures.length + outcome.omittedFailures - 1;
  const message = more > 0 ? `${first} (and ${more} more)` : first;
  const body = outcome.failures.map(describeFailureText).join('\n\n');
  return `${open}\n      <failure message="${escapeXml(message)}" type="${escapeXml(outcome.check)}">${escapeXml(body)}</failure>\n    </testcase>`;
}

/** JUnit XML: one testsuite per operation, one testcase per check, so CI shows "operation › check". */
export function formatJunit(result: ContractResult): string {
  const byOperation = new Map<string, CheckOutcome[]>();
  for (const outcome of result.outcomes) {
    byOperation.set(outcome.operationId, [...(byOperation.get(outcome.operationId) ?? []), outcome]);
  }
  const coverage = new Map(result.coverage.map((c) => [c.operationId, c]));
  const properties = (operationId: string): string[] => {
    const c = coverage.get(operationId);
    if (!c) return [];
    return [
      '    <properties>',
      `      <property name="coverage" value="${c.status}"/>`,
      `      <property name="requests" value="${c.requests}"/>`,
      ...(c.reason ? [`      <property name="skipped-because" value="${escapeXml(c.reason)}"/>`] : []),
      '    </properties>',
    ];
  };
  const suites = [...byOperation.entries()].map(([operationId, outcomes]) => {
    const count = (status: CheckOutcome['status']) => outcomes.filter((o) => o.status === status).length;
    const first = outcomes[0];
    const name = first ? `${operationId} (${first.method} ${first.path})` : operationId;
    return [
      `  <testsuite name="${escapeXml(name)}" tests="${outcomes.length}" failures="${count('failed')}" errors="0" skipped="${count('skipped')}">`,
      ...properties(operationId),
      ...outcomes.map(formatTestcase),
      '  </testsuite>',
    ].join('\n');
  });
  // Operations the filters left out still show, empty, with the reason: the coverage report in CI's view.
  for (const c of result.coverage) {
    if (byOperation.has(c.operationId)) continue;
    suites.push(
      [
        `  <testsuite name="${escapeXml(`${c.operationId} (${c.method} ${c.path})`)}" tests="0" failures="0" errors="0" skipped="0">`,
        ...properties(c.operationId),
        '  </testsuite>',
      ].join('\n'),
    );
  }
  const { passed, failed, skipped } = result.totals;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="togai-mock contract ${escapeXml(result.baseUrl)}" tests="${passed + failed + skipped}" failures="${failed}" errors="0" skipped="${skipped}" time="${(result.durationMs / 1000).toFixed(3)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

import type { ContractResult } from '../types.ts';

// GitHub's workflow-command escaping: data and property values differ in what must be escaped.
const escapeData = (text: string): string =>
  text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text: string): string => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * GitHub Actions workflow commands: one `::error` per failing operation × check (shown on the run's summary
 * and, with `file`, on the spec in the diff), one `::warning` for anything the run could not delete.
 */
export function formatAnnotations(result: ContractResult, specFile?: string): string {
  const lines: string[] = [];
  const file = specFile ? `file=${escapeProperty(specFile)},` : '';
  for (const outcome of result.outcomes) {
    if (outcome.status !== 'failed') continue;
    const total = outcome.failures.length + outcome.omittedFailures;
    const first = outcome.failures[0];
    const message =
      (first?.message ?? 'failed') +
      (total > 1 ? ` (and ${total - 1} more)` : '') +
      (first?.caseId ? `\nreplay: togai-mock contract replay ${first.caseId} --from <report>` : '');
    const title = `${outcome.operationId} › ${outcome.check}`;
    lines.push(`::error ${file}title=${escapeProperty(title)}::${escapeData(message)}`);
  }
  if (result.leftovers.length)
    lines.push(
      `::warning title=contract leftovers::${escapeData(`could not delete ${result.leftovers.join(', ')}`)}`,
    );
  return lines.join('\n');
}

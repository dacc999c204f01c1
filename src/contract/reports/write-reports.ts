import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { scrubSecret } from '../scrub.ts';
import type { ContractResult, ReportTarget } from '../types.ts';
import { formatHar } from './format-har.ts';
import { formatJunit } from './format-junit.ts';

export function formatReport(result: ContractResult, format: ReportTarget['format']): string {
  if (format === 'junit') return formatJunit(result);
  if (format === 'har') return formatHar(result);
  return `${JSON.stringify(result, null, 2)}\n`;
}

/** Writes each report; the token is scrubbed once more here, whatever path it took into the result. */
export async function writeReports(
  result: ContractResult,
  targets: readonly ReportTarget[],
  token: string,
): Promise<void> {
  for (const target of targets) {
    await mkdir(dirname(target.file), { recursive: true });
    await writeFile(target.file, scrubSecret(formatReport(result, target.format), token), 'utf8');
  }
}

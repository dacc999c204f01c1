import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatReport } from '../../contract/reports/write-reports.ts';
import type { ViolationLog } from './violation-log.ts';

/**
 * The proxy's summary in the runner's formats: `proxy-report.xml` (JUnit: one testsuite per operation
 * seen, one testcase per check), `proxy-report.json` (the runner's result, plus every kept violation,
 * client-side ones included) and `proxy-report.har` (the violating exchanges, as the runner writes them). Tokens were scrubbed as each violation was recorded.
 */
export async function writeProxyReports(
  log: ViolationLog,
  upstream: string,
  dir: string,
): Promise<{ junit: string; json: string; har: string }> {
  await mkdir(dir, { recursive: true });
  const result = log.toResult(upstream);
  const files = {
    junit: join(dir, 'proxy-report.xml'),
    json: join(dir, 'proxy-report.json'),
    har: join(dir, 'proxy-report.har'),
  };
  const json = `${JSON.stringify({ ...result, violations: log.list() }, null, 2)}\n`;
  await writeAtomically(files.junit, formatReport(result, 'junit'));
  await writeAtomically(files.json, json);
  await writeAtomically(files.har, formatReport(result, 'har'));
  return files;
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, text, 'utf8');
  await rename(temp, file);
}

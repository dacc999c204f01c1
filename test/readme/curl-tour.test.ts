import { execFile, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer } from '../../src/index.ts';

/*
 * The README's "A tour with curl" block, run as printed (bash, top to bottom) against the mock on its
 * default data set. The one change: the default URL is swapped for this test's port. A curl wrapper
 * adds --fail-with-body and a status line to every call, so a 4xx or 5xx anywhere fails the run,
 * except the last call, which the README prints as a deliberate mistake.
 */

const README = new URL('../../README.md', import.meta.url);
const DEFAULT_URL = 'http://127.0.0.1:4010';

async function readTour(): Promise<string> {
  const text = await readFile(README, 'utf8');
  const section = text.split(/^## A tour with curl$/m)[1] ?? '';
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error('README: no ```sh block under "## A tour with curl"');
  return block;
}

const hasCurl = spawnSync('curl', ['--version']).status === 0;
let url = '';
let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  const mock = await createMockServer();
  const running = await mock.listen(0, '127.0.0.1');
  url = running.url;
  close = running.close;
});
afterAll(() => close());

describe.skipIf(!hasCurl)('the README curl tour', () => {
  it('runs top to bottom against the default data set, every call answered as the comments say', async () => {
    const tour = await readTour();
    expect(tour).toContain(DEFAULT_URL);
    const lines = tour.replaceAll(DEFAULT_URL, url).trimEnd().split('\n');
    const last = lines.pop() ?? '';
    const script = [
      'set -euo pipefail',
      // The status goes to stderr, so that output piped into another command stays as printed.
      'curl() { command curl --fail-with-body -w "%{stderr}<<%{http_code}>>\\n" "$@"; }',
      ...lines,
      // The closing mistake must answer 400, so it runs without --fail-with-body.
      `unset -f curl; ${last.replace('curl -s', 'curl -s -w "%{stderr}<<%{http_code}>>\\n"')}`,
    ].join('\n');
    // Asynchronous: the mock answers from this very process.
    const run = await new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
      execFile('bash', ['-c', script], { timeout: 30_000 }, (error, stdout, stderr) =>
        resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    // Nothing on stderr but the status lines: no curl or node error on the way.
    expect(run.stderr.split('\n').filter((line) => line && !/^<<\d{3}>>$/.test(line))).toEqual([]);
    const statuses = [...run.stderr.matchAll(/<<(\d{3})>>/g)].map((m) => m[1]);
    // 4 reads, 3 account writes + read, 4 alias/delete calls, 4 customer calls, then the mistake.
    expect(statuses).toEqual([
      ...['200', '200', '200', '200'],
      ...['201', '200', '200'],
      ...['200', '200', '200', '200'],
      ...['201', '200', '200', '200'],
      '400',
    ]);
    expect(run.stdout).toContain('"id":"ACC00001","togaiAccountId"');
    expect(run.stdout).toContain('"customerId":"ACME_CUSTOMER_1"');
    // The closing mistake's answer is the one its comment prints.
    const promised = /# A mistake.*: 400 (\{.*\})$/m.exec(tour)?.[1];
    expect(promised, "the README names the mistake's answer").toBeDefined();
    expect(run.stdout.endsWith(promised ?? '-')).toBe(true);
  });
});

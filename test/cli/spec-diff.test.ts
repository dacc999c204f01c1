import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC_PATH } from '../../src/spec/load-spec.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin/togai-mock.mjs');
const PUBLISHED = resolve(ROOT, '..', 'shared', 'togai-published', 'openapi.yaml');
const hasPublished = existsSync(PUBLISHED);
if (!hasPublished) console.warn(`skipping spec diff tests: ${PUBLISHED} not found (CI has it)`);

function diff(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, 'spec', 'diff', ...args], { cwd: ROOT });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((done) => child.on('close', (code) => done({ code, stdout, stderr })));
}

describe.skipIf(!hasPublished)('togai-mock spec diff against Togai’s published description', () => {
  it('finds no breaking difference for our 13 operations, and exits 0', async () => {
    const { code, stdout } = await diff(['--against', PUBLISHED]);
    expect(stdout).toMatch(/^13 operations compared: 0 breaking, /m);
    expect(stdout).not.toMatch(/^breaking /m);
    expect(code).toBe(0);
  }, 60_000);

  it('exits 1 and names the finding for a copy of our spec a published client would trip on', async () => {
    const ours = await readFile(DEFAULT_SPEC_PATH, 'utf8');
    const broken = ours.replace(
      /( {4}CustomerPaginatedResponse:\n {6}type: object\n {6}additionalProperties: false\n {6}properties:\n)/,
      '$1        total:\n          type: integer\n',
    );
    expect(broken).not.toBe(ours);
    const file = join(await mkdtemp(join(tmpdir(), 'spec-diff-')), 'broken.yaml');
    await writeFile(file, broken);
    const { code, stdout } = await diff(['--spec', file, '--against', PUBLISHED]);
    expect(stdout).toContain(
      'breaking GET /customers response 200 .total: property their closed schema does not allow',
    );
    expect(code).toBe(1);
  }, 60_000);

  it('prints the findings as JSON with --json', async () => {
    const { code, stdout } = await diff(['--against', PUBLISHED, '--json']);
    const report = JSON.parse(stdout) as {
      compared: string[];
      breaking: number;
      findings: { kind: string }[];
    };
    expect(report.compared).toHaveLength(13);
    expect(report.breaking).toBe(0);
    expect(report.findings.filter((f) => f.kind === 'missing')).toHaveLength(151 - 13);
    expect(code).toBe(0);
  }, 60_000);
});

describe('togai-mock spec diff set-up errors', () => {
  it('exits 2 with a message for a file it cannot read, and for one that is not OpenAPI 3', async () => {
    const missing = await diff(['--against', '/nonexistent/openapi.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^togai-mock spec diff: cannot read \/nonexistent\/openapi.yaml/);
    const notOpenApi = await diff(['--against', join(ROOT, 'package.json')]);
    expect(notOpenApi.code).toBe(2);
    expect(notOpenApi.stderr).toMatch(/against: not an OpenAPI 3.x document/);
  }, 60_000);

  it('exits 2 when --against is missing', async () => {
    const { code, stderr } = await diff([]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--against/);
  }, 60_000);
});

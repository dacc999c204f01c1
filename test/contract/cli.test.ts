import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FixtureServer,
  REFERENCE_SPEC,
  startReferenceServer,
} from '../../fixtures/contract/reference-server.ts';

const TOKEN = 'cli-secret-token-42';
// The real bin, as users run it.
const BIN = fileURLToPath(new URL('../../bin/togai-mock.mjs', import.meta.url));

function runCli(
  args: string[],
  env: Record<string, string> = {},
  cwd?: string,
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const { GITHUB_ACTIONS: _ci, ...inherited } = process.env;
    const child = spawn(process.execPath, [BIN, 'contract', ...args], {
      env: { ...inherited, ...env },
      ...(cwd ? { cwd } : {}),
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk) => {
      out += chunk;
    });
    child.on('close', (code) => resolve({ code, out }));
  });
}

let good: FixtureServer;
let broken: FixtureServer;
beforeAll(async () => {
  good = await startReferenceServer();
  broken = await startReferenceServer('example-refused');
});
afterAll(async () => {
  await good.close();
  await broken.close();
});

describe('togai-mock contract', () => {
  it('exits 0 when every check passes, writing JUnit and JSON reports', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'contract-'));
    const junit = join(dir, 'out', 'contract.xml');
    const json = join(dir, 'contract.json');
    const { code, out } = await runCli(
      [
        '--base-url',
        good.url,
        '--spec',
        REFERENCE_SPEC,
        '--seed',
        '5',
        '--report',
        `junit=${junit}`,
        '--report',
        `json=${json}`,
      ],
      {
        TOGAI_TOKEN: TOKEN,
      },
    );
    expect(out).toContain('PASSED:');
    expect(code).toBe(0);
    const xml = await readFile(junit, 'utf8');
    expect(xml).toContain('<testsuite name="listAccounts (GET /accounts)"');
    expect(xml).toContain('<testcase name="pagination" classname="listAccounts">');
    expect(xml).toContain('<property name="skipped-because" value="read-only run: pass --writes"/>');
    const report = JSON.parse(await readFile(json, 'utf8'));
    expect(report).toMatchObject({ ok: true, seed: 5 });
    expect(
      report.coverage.find((c: { operationId: string }) => c.operationId === 'listAccounts'),
    ).toMatchObject({
      status: 'exercised',
    });
    expect(out).toMatch(/Coverage: 15 of 18 operations exercised/);
    expect(out).toMatch(/requests \(\d+ distinct\)/);
    expect(out + xml).not.toContain(TOKEN);
  });

  it('exits 1 on contract failures, with the failing check, curl and no token', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'contract-'));
    const junit = join(dir, 'contract.xml');
    const har = join(dir, 'contract.har');
    const { code, out } = await runCli(
      [
        '--base-url',
        broken.url,
        '--spec',
        REFERENCE_SPEC,
        '--token',
        TOKEN,
        '--quiet',
        '--phases',
        'examples',
      ],
      { GITHUB_ACTIONS: 'true' },
    );
    expect(code).toBe(1);
    expect(out).toContain('✗ listAccounts › examples-accepted');
    expect(out).toContain('reproduce: curl -sS -i -X GET');
    expect(out).toContain('"authorization: Bearer $TOGAI_TOKEN"');
    expect(out).toMatch(
      /^::error file=.*reference-openapi.yaml,title=listAccounts › examples-accepted::spec example refused/m,
    );
    // The same run, reports written, then one failing case replayed against the broken and the faithful server.
    await runCli([
      '--base-url',
      broken.url,
      '--spec',
      REFERENCE_SPEC,
      '--token',
      TOKEN,
      '--phases',
      'examples',
      '--report',
      `junit=${junit}`,
      '--report',
      `har=${har}`,
    ]);
    const xml = await readFile(junit, 'utf8');
    expect(xml).toContain('<failure message="spec example refused: query parameter nextToken=');
    const entries = JSON.parse(await readFile(har, 'utf8')).log.entries;
    expect(entries[0]).toMatchObject({
      _caseId: 'listAccounts.examples-accepted.1',
      request: { method: 'GET' },
    });
    const replay = ['replay', 'listAccounts.examples-accepted.1', '--from', har];
    const still = await runCli(replay, { TOGAI_TOKEN: TOKEN });
    expect(still.out).toContain('STILL FAILING');
    expect(still.code).toBe(1);
    const fixed = await runCli([...replay, '--base-url', good.url], { TOGAI_TOKEN: TOKEN });
    expect(fixed.out).toContain('PASSES now.');
    expect(fixed.code).toBe(0);
    expect(out + xml + JSON.stringify(entries) + still.out + fixed.out).not.toContain(TOKEN);
  });

  it('reads togai-contract.json beside the spec, flags winning over it; filters select operations', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'contract-config-'));
    const spec = join(dir, 'openapi.yaml');
    await writeFile(spec, await readFile(REFERENCE_SPEC, 'utf8'));
    await writeFile(
      join(dir, 'togai-contract.json'),
      JSON.stringify({
        baseUrl: broken.url,
        phases: ['examples'],
        include: { tags: ['Customers'] },
        reports: [{ format: 'json', file: 'out/run.json' }],
      }),
    );
    const { code, out } = await runCli(['--spec', spec, '--base-url', good.url, '--seed', '3'], {
      TOGAI_TOKEN: TOKEN,
    });
    expect(code).toBe(0);
    const report = JSON.parse(await readFile(join(dir, 'out', 'run.json'), 'utf8'));
    expect(report.baseUrl).toBe(good.url);
    expect(report.phases).toEqual(['examples']);
    const exercised = report.coverage
      .filter((c: { status: string }) => c.status === 'exercised')
      .map((c: { operationId: string }) => c.operationId);
    expect(exercised).toEqual(['listCustomers', 'getCustomer']);
    expect(out).toContain('skipped (not matched by any include filter): listAccounts');
    await writeFile(join(dir, 'togai-contract.json'), JSON.stringify({ token: 'x', baseUrl: good.url }));
    const refused = await runCli(['--spec', spec], { TOGAI_TOKEN: TOKEN });
    expect(refused.code).toBe(2);
    expect(refused.out).toContain('"token" does not belong in a committed file');
  });

  it('exits 2 for an unreachable server, an unknown check, or a missing base URL', async () => {
    const unreachable = await runCli([
      '--base-url',
      'http://127.0.0.1:9',
      '--token',
      TOKEN,
      '--retries',
      '0',
    ]);
    expect(unreachable.code).toBe(2);
    expect(unreachable.out).toContain('cannot reach http://127.0.0.1:9/');
    const unknown = await runCli(['--base-url', good.url, '--token', TOKEN, '--checks', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.out).toContain('--checks: unknown check nope');
    expect((await runCli([])).code).toBe(2);
    // "short" is in the message itself: it must not be scrubbed out of it.
    const short = await runCli(['--base-url', good.url, '--token', 'short']);
    expect(short.code).toBe(2);
    expect(short.out).toContain(
      '--token: too short to be kept out of reports safely; use at least 8 characters',
    );
    expect(unreachable.out + unknown.out).not.toContain(TOKEN);
  });
});

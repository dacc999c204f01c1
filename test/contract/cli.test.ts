import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FixtureServer, startReferenceServer } from '../../fixtures/contract/reference-server.ts';

const TOKEN = 'cli-secret-token-42';
// The real bin, as users run it.
const BIN = fileURLToPath(new URL('../../bin/togai-mock.mjs', import.meta.url));

function runCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'contract', ...args], { env: { ...process.env, ...env } });
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
  broken = await startReferenceServer('missing-required-field');
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
      ['--base-url', good.url, '--seed', '5', '--report', `junit=${junit}`, '--report', `json=${json}`],
      {
        TOGAI_TOKEN: TOKEN,
      },
    );
    expect(out).toContain('PASSED:');
    expect(code).toBe(0);
    const xml = await readFile(junit, 'utf8');
    expect(xml).toContain('<testsuite name="getAccounts (GET /accounts)"');
    expect(xml).toContain('<testcase name="pagination" classname="getAccounts">');
    expect(JSON.parse(await readFile(json, 'utf8'))).toMatchObject({ ok: true, seed: 5 });
    expect(out + xml).not.toContain(TOKEN);
  });

  it('exits 1 on contract failures, with the failing check, curl and no token', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'contract-'));
    const junit = join(dir, 'contract.xml');
    const { code, out } = await runCli([
      '--base-url',
      broken.url,
      '--token',
      TOKEN,
      '--quiet',
      '--report',
      `junit=${junit}`,
    ]);
    expect(code).toBe(1);
    expect(out).toContain('✗ getAccounts › response-schema-conformance');
    expect(out).toContain('reproduce: curl -sS -i -X GET');
    expect(out).toContain('"authorization: Bearer $TOGAI_TOKEN"');
    const xml = await readFile(junit, 'utf8');
    expect(xml).toContain(`<failure message="body /data/0 must have required property 'name'`);
    expect(out + xml).not.toContain(TOKEN);
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
    expect(unreachable.out).toContain('cannot reach http://127.0.0.1:9/accounts');
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

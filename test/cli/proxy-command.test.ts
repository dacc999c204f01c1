import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { type FixtureServer, startReferenceServer } from '../../fixtures/contract/reference-server.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin/togai-mock.mjs');
const TOKEN = 'cli-proxy-token-31337';

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
  exit: Promise<number | null>;
}

/** Starts `togai-mock <args>` and resolves once it prints the URL it listens on. */
function start(args: string[]): Promise<Started> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk;
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 20_000);
    child.stdout.on('data', () => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: match[1], output: () => output, exit });
      }
    });
    void exit.then((code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
}

let upstream: FixtureServer | undefined;
let dir: string | undefined;
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await upstream?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  upstream = dir = undefined;
});

describe('togai-mock proxy', () => {
  it('prints each violation, and on SIGTERM writes the recording and reports and exits 1 with --fail-on-violation', async () => {
    upstream = await startReferenceServer('undocumented-status');
    dir = await mkdtemp(join(tmpdir(), 'proxy-cli-'));
    const har = join(dir, 'traffic.har');
    const proxy = await start([
      'proxy',
      '--upstream',
      upstream.url,
      '--port',
      '0',
      '--record',
      har,
      '--report-dir',
      join(dir, 'reports'),
      '--fail-on-violation',
      '--insecure',
    ]);
    children.push(proxy.child);
    const res = await fetch(`${proxy.url}/accounts/ACC_01`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(res.status).toBe(203);
    await res.text();
    proxy.child.kill('SIGTERM');
    expect(await proxy.exit).toBe(1);
    const output = proxy.output();
    expect(output).toMatch(/WARNING: --insecure/);
    expect(output).toMatch(/✗ status-code-conformance GET \/accounts\/ACC_01 → 203: undocumented status 203/);
    expect(output).toMatch(/1 violation reported/);
    const junit = await readFile(join(dir, 'reports', 'proxy-report.xml'), 'utf8');
    expect(junit).toMatch(/<testcase name="status-code-conformance" classname="getAccount">\s*<failure/);
    const json = JSON.parse(await readFile(join(dir, 'reports', 'proxy-report.json'), 'utf8'));
    expect(json.ok).toBe(false);
    expect(json.violations.total).toBe(1);
    const failing = JSON.parse(await readFile(join(dir, 'reports', 'proxy-report.har'), 'utf8'));
    expect(failing.log.entries.map((e: { comment: string }) => e.comment)).toEqual([
      expect.stringMatching(/^undocumented status 203/),
    ]);
    const recording = await readFile(har, 'utf8');
    expect(JSON.parse(recording).log.entries).toHaveLength(1);
    for (const text of [output, junit, recording]) expect(text).not.toContain(TOKEN);
  }, 30_000);

  it('exits 0 on SIGTERM without --fail-on-violation', async () => {
    upstream = await startReferenceServer();
    const proxy = await start(['proxy', '--upstream', upstream.url, '--port', '0']);
    children.push(proxy.child);
    await (
      await fetch(`${proxy.url}/accounts?pageSize=2`, { headers: { authorization: `Bearer ${TOKEN}` } })
    ).text();
    proxy.child.kill('SIGINT');
    expect(await proxy.exit).toBe(0);
    expect(proxy.output()).toMatch(/0 violations reported/);
  }, 30_000);
});

describe('togai-mock serve --from-recording', () => {
  it('serves the accounts of a recording made by the proxy', async () => {
    upstream = await startReferenceServer();
    dir = await mkdtemp(join(tmpdir(), 'proxy-cli-'));
    const har = join(dir, 'traffic.har');
    const proxy = await start(['proxy', '--upstream', upstream.url, '--port', '0', '--record', har]);
    children.push(proxy.child);
    const recorded = await (
      await fetch(`${proxy.url}/accounts?pageSize=100`, { headers: { authorization: `Bearer ${TOKEN}` } })
    ).json();
    await (
      await fetch(`${proxy.url}/customers?pageSize=100`, { headers: { authorization: `Bearer ${TOKEN}` } })
    ).text();
    proxy.child.kill('SIGTERM');
    await proxy.exit;
    const serve = await start(['serve', '--port', '0', '--from-recording', har]);
    children.push(serve.child);
    expect(serve.output()).toMatch(/every tenant starts from the recording/);
    const replayed = (await (
      await fetch(`${serve.url}/accounts?pageSize=100`, { headers: { authorization: 'Bearer other-token' } })
    ).json()) as { data: { id: string; name: string }[] };
    const names = (page: { data: { id: string; name: string }[] }) =>
      page.data.map((a) => `${a.id} ${a.name}`);
    expect(names(replayed)).toEqual(names(recorded as { data: { id: string; name: string }[] }));
    expect(replayed.data).toHaveLength(12);
  }, 40_000);
});

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { DEFAULT_SPEC_PATH } from '../../src/spec/load-spec.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin/togai-mock.mjs');
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGTERM');
});

/** Starts `togai-mock serve` and resolves with its URL and everything it printed so far. */
function serve(args: string[]): Promise<{ url: string; output: () => string; child: ChildProcess }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], { cwd: ROOT });
  children.push(child);
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 20_000);
    child.stdout.on('data', () => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ url: match[1], output: () => output, child });
      }
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
}

describe('togai-mock serve', () => {
  it('prints the URL, seed, data-set size and an example curl, and serves the seeded data', async () => {
    const { url, output } = await serve(['--seed', '42', '--accounts', '120', '--customers', '3']);
    expect(output()).toMatch(/seed 42, 120 accounts, 3 customers/);
    expect(output()).toMatch(/curl -s -H 'Authorization: Bearer demo-token'/);
    const res = await fetch(`${url}/accounts?pageSize=50`, { headers: { authorization: 'Bearer t' } });
    const body = (await res.json()) as { data: unknown[]; nextToken?: string };
    expect(res.status).toBe(200);
    expect(body.data).toHaveLength(50);
    expect(body.nextToken).toBeTypeOf('string');
  });

  it('prints one access log line per request with --log json, with the X-Request-Id the answer echoes', async () => {
    const { url, output } = await serve(['--accounts', '10', '--log', 'json']);
    expect(output()).toMatch(/inspector: http:\/\/\S+\/__inspector/);
    const res = await fetch(`${url}/accounts?pageSize=1`, {
      headers: { authorization: 'Bearer access-log-token', 'x-request-id': 'cli-request-1' },
    });
    expect(res.headers.get('x-request-id')).toBe('cli-request-1');
    await expect.poll(output, { timeout: 10_000 }).toMatch(/"id":"cli-request-1"/);
    const line = output()
      .split('\n')
      .find((text) => text.includes('"id":"cli-request-1"'));
    expect(JSON.parse(line ?? '')).toMatchObject({
      id: 'cli-request-1',
      method: 'GET',
      path: '/accounts',
      status: 200,
      operation: 'getAccounts',
    });
    expect(output()).not.toContain('access-log-token');
  });

  it('reloads a changed spec with --watch, and reports a broken one without dying', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'togai-watch-'));
    const specPath = join(dir, 'openapi.yaml');
    const original = await readFile(DEFAULT_SPEC_PATH, 'utf8');
    await writeFile(specPath, original);
    const { url, output } = await serve(['--spec', specPath, '--watch', '--accounts', '10']);
    const doc = parse(original);
    doc.components.parameters.PageSize.schema.maximum = 5;
    await writeFile(specPath, stringify(doc));
    await expect.poll(output, { timeout: 10_000 }).toMatch(/reloaded/);
    const res = await fetch(`${url}/accounts?pageSize=6`, { headers: { authorization: 'Bearer t' } });
    expect(res.status).toBe(400);
    await writeFile(specPath, 'not: [valid');
    await expect
      .poll(output, { timeout: 10_000 })
      .toMatch(/not reloaded, still serving the previous version/);
    expect(
      (await fetch(`${url}/accounts?pageSize=5`, { headers: { authorization: 'Bearer t' } })).status,
    ).toBe(200);
  });

  it('bounds what a tenant holds with --max-tenant-bytes, and signs tokens with --token-secret', async () => {
    const args = ['--accounts', '20', '--max-tenant-bytes', '16K', '--token-secret', 'kept'];
    const { url } = await serve(args);
    const call = (method: string, path: string, body?: unknown) =>
      fetch(`${url}${path}`, {
        method,
        headers: { authorization: 'Bearer cli', 'content-type': 'application/json' },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    const page = (await (await call('GET', '/accounts?pageSize=2')).json()) as { data: { id: string }[] };
    const big = { metadata: { blob: 'x'.repeat(10_000) } };
    expect((await call('PATCH', `/accounts/${page.data[0]?.id}`, big)).status).toBe(200);
    const refused = await call('PATCH', `/accounts/${page.data[1]?.id}`, big);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({
      message: 'accounts: this tenant holds the maximum of 16384 bytes of stored data',
    });
  });

  it('rejects a bad size with a message naming the flag', () => {
    const run = spawnSync(process.execPath, [BIN, 'serve', '--max-stored-bytes', 'lots'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/--max-stored-bytes/);
  });

  it('rejects a bad flag with exit code 2 and a message naming it', () => {
    const run = spawnSync(process.execPath, [BIN, 'serve', '--accounts', 'many'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--accounts/);
  });

  it('answers --version with the version in package.json and exits 0', async () => {
    const { version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const run = spawnSync(process.execPath, [BIN, '--version'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(version);
  });

  it('exits 2 on an unknown option and on a stray argument', () => {
    for (const args of [
      ['serve', '--prot', '4010'],
      ['serve', 'extra'],
    ]) {
      const run = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8' });
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/error: /);
    }
  });

  it('exits 2 with a hint naming --port when the port is taken', async () => {
    const holder = createServer();
    holder.listen(0, '127.0.0.1');
    await once(holder, 'listening');
    const { port } = holder.address() as { port: number };
    try {
      const run = spawnSync(process.execPath, [BIN, 'serve', '--port', String(port), '--accounts', '5'], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
      expect(run.stderr).toContain('--port');
    } finally {
      holder.close();
    }
  });

  it('on SIGTERM lets a request in flight finish before it exits', async () => {
    const { url, output, child } = await serve(['--accounts', '5']);
    const auth = { authorization: 'Bearer graceful-cli' };
    const slow = fetch(`${url}/accounts?pageSize=1`, { headers: { ...auth, prefer: 'delay=1500' } });
    // Sent after the slow one and answered: the server has the slow request by now.
    expect((await fetch(`${url}/accounts?pageSize=1`, { headers: auth })).status).toBe(200);
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    expect((await slow).status).toBe(200);
    const [code] = await exited;
    expect(code).toBe(0);
    expect(output()).toContain('togai-mock: SIGTERM, stopping');
  });

  it('on SIGTERM cuts what is still running once --grace has passed', async () => {
    const { url, child } = await serve(['--accounts', '5', '--grace', '200']);
    const auth = { authorization: 'Bearer graceful-cli' };
    const stuck = fetch(`${url}/accounts?pageSize=1`, { headers: { ...auth, prefer: 'delay=60000' } });
    expect((await fetch(`${url}/accounts?pageSize=1`, { headers: auth })).status).toBe(200);
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await expect(stuck).rejects.toThrow();
    const [code] = await exited;
    expect(code).toBe(0);
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`stops listening and exits 0 on ${signal}`, async () => {
      const { url, output, child } = await serve(['--accounts', '5']);
      expect((await fetch(`${url}/accounts`, { headers: { authorization: 'Bearer t' } })).status).toBe(200);
      const exited = once(child, 'exit');
      child.kill(signal);
      const [code] = await exited;
      expect(code).toBe(0);
      expect(output()).toContain(`togai-mock: ${signal}, stopping`);
      await expect(fetch(`${url}/accounts`)).rejects.toThrow();
    });
  }

  it('exits with a clear message when the spec cannot be read', () => {
    const run = spawnSync(process.execPath, [BIN, 'serve', '--spec', '/nonexistent.yaml', '--port', '0'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/spec: cannot read \/nonexistent.yaml/);
  });
});

import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarRecorder } from '../../src/adapters/proxy/har-recorder.ts';
import { createRedactor } from '../../src/adapters/proxy/redact.ts';
import { writeProxyReports } from '../../src/adapters/proxy/write-proxy-reports.ts';
import { type EchoUpstream, startEchoUpstream } from './echo-upstream.ts';
import { startProxy, type TestProxy } from './start-proxy.ts';

let upstream: EchoUpstream | undefined;
let proxy: TestProxy | undefined;
let dir: string | undefined;
afterEach(async () => {
  await proxy?.close();
  await upstream?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  proxy = upstream = dir = undefined;
});

const PAGE = JSON.stringify({ data: [], context: { pageSize: 2, sortOrder: 'ASC' } });

/** A raw request (node:http, so nothing is added or inflated behind the test's back). */
function send(
  url: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer | string },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}${options.path}`,
      { method: options.method ?? 'GET', headers: options.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('the proxy forwards what the client sent, and only that', () => {
  it('forwards the client’s headers less hop-by-hop ones, adding none, and returns the answer’s bytes', async () => {
    const gzipped = gzipSync(PAGE);
    upstream = await startEchoUpstream((_req, res) => {
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'x-upstream': 'yes',
        'keep-alive': 'timeout=99',
      });
      res.end(gzipped);
    });
    proxy = await startProxy(upstream.url);
    const res = await send(proxy.url, {
      path: '/accounts?pageSize=2',
      headers: {
        authorization: 'Bearer client-token-0001',
        'x-custom': 'kept',
        connection: 'keep-alive, x-drop-me',
        'x-drop-me': 'named by Connection',
        te: 'trailers',
        'proxy-authorization': 'Basic cHJveHk6cGFzcw==',
      },
    });
    const seen = upstream.seen[0];
    expect(seen?.url).toBe('/accounts?pageSize=2');
    expect(seen?.headers.authorization).toBe('Bearer client-token-0001');
    expect(seen?.headers.host).toBe(new URL(upstream.url).host);
    // Everything the upstream got beyond what the client sent is the proxy's own connection header.
    expect(seen?.rawNames.map((n) => n.toLowerCase()).sort()).toEqual([
      'authorization',
      'connection',
      'host',
      'x-custom',
    ]);
    expect(seen?.headers.connection).toBe('keep-alive');
    expect(res.status).toBe(200);
    expect(res.body.equals(gzipped)).toBe(true);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['x-upstream']).toBe('yes');
    expect(res.headers['keep-alive']).not.toBe('timeout=99');
    // Judged on the inflated body: a valid page.
    expect(proxy.violations()).toEqual([]);
  });

  it('adds no credential when the client sent none', async () => {
    upstream = await startEchoUpstream((_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"token required"}');
    });
    proxy = await startProxy(upstream.url);
    const res = await send(proxy.url, { path: '/accounts' });
    expect(res.status).toBe(401);
    expect(upstream.seen[0]?.headers.authorization).toBeUndefined();
    expect(res.headers['x-contract-violation']).toMatch(/^Authorization: a Bearer token is required/);
  });

  it('keeps the upstream’s path prefix', async () => {
    upstream = await startEchoUpstream((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(PAGE);
    });
    proxy = await startProxy(`${upstream.url}/v1/`);
    await send(proxy.url, { path: '/accounts?pageSize=2', headers: { authorization: 'Bearer t0000001' } });
    expect(upstream.seen[0]?.url).toBe('/v1/accounts?pageSize=2');
  });
});

describe('upstream failures and limits become {message} answers', () => {
  it('answers 502 when the upstream cannot be reached', async () => {
    proxy = await startProxy('http://127.0.0.1:1');
    const res = await send(proxy.url, { path: '/accounts', headers: { authorization: 'Bearer t0000001' } });
    expect(res.status).toBe(502);
    expect(JSON.parse(res.body.toString())).toEqual({ message: 'upstream: ECONNREFUSED' });
    expect(proxy.upstreamErrors).toEqual(['! 502 GET /accounts: upstream: ECONNREFUSED']);
  });

  it('answers 504 when the upstream does not answer within the timeout', async () => {
    let arrived: () => void = () => {};
    const reached = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    upstream = await startEchoUpstream(() => arrived());
    let fire: () => void = () => {};
    proxy = await startProxy(upstream.url, {
      timeoutMs: 1234,
      startTimer: (_ms, onTimeout) => {
        fire = onTimeout;
        return () => {};
      },
    });
    const pending = send(proxy.url, { path: '/accounts', headers: { authorization: 'Bearer t0000001' } });
    await reached;
    fire();
    const res = await pending;
    expect(res.status).toBe(504);
    expect(JSON.parse(res.body.toString())).toEqual({
      message: 'upstream: no complete answer within 1234 ms',
    });
  });

  it('refuses a request body over the limit without forwarding it (413)', async () => {
    upstream = await startEchoUpstream((_req, res) => res.writeHead(201).end());
    proxy = await startProxy(upstream.url, { maxBodyBytes: 1024 });
    const res = await send(proxy.url, {
      method: 'POST',
      path: '/accounts',
      headers: { authorization: 'Bearer t0000001', 'content-type': 'application/json' },
      body: `{"id":"${'x'.repeat(2048)}"}`,
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body.toString())).toEqual({
      message: 'body: larger than the 1024 bytes this proxy holds',
    });
    expect(upstream.seen).toEqual([]);
  });

  it('answers 502 for an upstream body over the limit', async () => {
    upstream = await startEchoUpstream((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(`"${'x'.repeat(4096)}"`);
    });
    proxy = await startProxy(upstream.url, { maxBodyBytes: 1024 });
    const res = await send(proxy.url, { path: '/accounts', headers: { authorization: 'Bearer t0000001' } });
    expect(res.status).toBe(502);
    expect(JSON.parse(res.body.toString())).toEqual({
      message: 'upstream: the response body is larger than 1024 bytes',
    });
  });
});

describe('TLS', () => {
  const tls = {
    key: readFileSync(new URL('./tls/self-signed-key.pem', import.meta.url)),
    cert: readFileSync(new URL('./tls/self-signed-cert.pem', import.meta.url)),
  };

  it('verifies the upstream’s certificate by default (502 for a self-signed one)', async () => {
    upstream = await startEchoUpstream((_req, res) => res.writeHead(200).end(PAGE), tls);
    proxy = await startProxy(upstream.url);
    const res = await send(proxy.url, { path: '/accounts', headers: { authorization: 'Bearer t0000001' } });
    expect(res.status).toBe(502);
    expect(JSON.parse(res.body.toString()).message).toMatch(/SELF_SIGNED|certificate/i);
    expect(upstream.seen).toEqual([]);
  });

  it('accepts it with insecure', async () => {
    upstream = await startEchoUpstream((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(PAGE);
    }, tls);
    proxy = await startProxy(upstream.url, { insecure: true });
    const res = await send(proxy.url, { path: '/accounts', headers: { authorization: 'Bearer t0000001' } });
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe(PAGE);
  });
});

describe('no token in any line, list, report or recording', () => {
  const TOKEN = 'sEcReT-proxy-token-4242';

  it('scrubs the client’s token even where the upstream echoes it', async () => {
    upstream = await startEchoUpstream((_req, res) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: `token ${TOKEN} is broken`, primaryEmail: 'a@example.com' }));
    });
    dir = await mkdtemp(join(tmpdir(), 'proxy-safety-'));
    const harFile = join(dir, 'traffic.har');
    const recorder = createHarRecorder(harFile, createRedactor(['primaryEmail']));
    proxy = await startProxy(upstream.url, { recorder, redact: ['primaryEmail'] });
    await send(proxy.url, { path: `/accounts/${TOKEN}`, headers: { authorization: `Bearer ${TOKEN}` } });
    expect(proxy.lines.length).toBeGreaterThan(0);
    const list = await send(proxy.url, { path: '/__admin/violations' });
    const reports = await writeProxyReports(proxy.server.violations, upstream.url, dir);
    await recorder.flush();
    const har = await readFile(harFile, 'utf8');
    for (const text of [
      proxy.lines.join('\n'),
      list.body.toString(),
      await readFile(reports.junit, 'utf8'),
      await readFile(reports.json, 'utf8'),
      har,
    ]) {
      expect(text).not.toContain(TOKEN);
      expect(text).toContain('$TOGAI_TOKEN');
    }
    // The --redact field is gone from the recording and from the reports' body excerpts.
    for (const text of [har, list.body.toString(), await readFile(reports.json, 'utf8')])
      expect(text).not.toContain('a@example.com');
    expect(har).toContain('[REDACTED]');
    expect(JSON.parse(list.body.toString()).total).toBeGreaterThan(0);
  });
});

describe('GET /__admin/violations', () => {
  it('forwards the mock’s own admin API without judging it', async () => {
    upstream = await startEchoUpstream((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"requests":[]}');
    });
    proxy = await startProxy(upstream.url);
    const res = await send(proxy.url, { path: '/__admin/requests' });
    expect(res.status).toBe(200);
    expect(res.headers['x-contract-violation']).toBeUndefined();
    expect(proxy.violations()).toEqual([]);
  });

  it('lists the violations kept, and DELETE clears them', async () => {
    upstream = await startEchoUpstream((_req, res) => {
      res.writeHead(203, { 'content-type': 'application/json' }).end(PAGE);
    });
    proxy = await startProxy(upstream.url);
    await send(proxy.url, { path: '/accounts?pageSize=2', headers: { authorization: 'Bearer t0000001' } });
    const list = JSON.parse((await send(proxy.url, { path: '/__admin/violations' })).body.toString());
    expect(list.total).toBe(1);
    expect(list.violations[0]).toMatchObject({
      check: 'status-code-conformance',
      side: 'response',
      operationId: 'getAccounts',
      method: 'GET',
      path: '/accounts',
      status: 203,
    });
    expect((await send(proxy.url, { method: 'DELETE', path: '/__admin/violations' })).status).toBe(204);
    const after = JSON.parse((await send(proxy.url, { path: '/__admin/violations' })).body.toString());
    expect(after).toEqual({ total: 0, kept: 0, violations: [] });
    expect(upstream.seen).toHaveLength(1);
  });
});

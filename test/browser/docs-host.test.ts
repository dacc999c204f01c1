import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountDocs } from '../../src/adapters/node/docs-routes.ts';
import { DEFAULT_SPEC_PATH, loadSpec } from '../../src/spec/load-spec.ts';

interface Got {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** A GET with headers fetch would not let us set (Host). */
function get(url: string, path: string, headers: Record<string, string>): Promise<Got> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { headers }, (res) => {
      let text = '';
      res.on('data', (chunk) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject).end();
  });
}

async function serveDocs(trustProxy: boolean): Promise<{ url: string; close: () => Promise<void> }> {
  const loaded = await loadSpec(DEFAULT_SPEC_PATH);
  if (!loaded.ok) throw new Error(loaded.error);
  const app = express();
  mountDocs(app, { spec: loaded.value, seed: 1, accounts: 10, customers: 1, shared: false, trustProxy });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const serversOf = (got: Got) =>
  (JSON.parse(got.text) as { servers: { url: string }[] }).servers.map((s) => s.url);

describe('the docs pages build their server URL safely', () => {
  let plain: Awaited<ReturnType<typeof serveDocs>>;
  let proxied: Awaited<ReturnType<typeof serveDocs>>;
  beforeAll(async () => {
    plain = await serveDocs(false);
    proxied = await serveDocs(true);
  });
  afterAll(async () => {
    await plain.close();
    await proxied.close();
  });

  it.each([
    'a..b',
    '-bad-.example',
    'mock.example:99999',
    'mock.example:0',
    '[::1::2::3]',
    `${'a'.repeat(64)}.example`,
    'x.example:80:80',
  ])('does not reflect the malformed Host %s', async (host) => {
    const spec = await get(plain.url, '/openapi.json', { host });
    expect(serversOf(spec)).toEqual(['/']);
    const index = await get(plain.url, '/', { host });
    expect(index.status).toBe(200);
    expect(index.text).not.toContain(host);
    // The examples name the address the client reached, which no header chooses.
    expect(index.text).toContain(`${plain.url}/accounts?pageSize=5`);
  });

  it('reflects a well-formed Host, lower-cased', async () => {
    const spec = await get(plain.url, '/openapi.json', { host: 'Mock.Example:8080' });
    expect(serversOf(spec)).toEqual(['http://mock.example:8080']);
    const v6 = await get(plain.url, '/openapi.json', { host: '[::1]:4010' });
    expect(serversOf(v6)).toEqual(['http://[::1]:4010']);
  });

  it('ignores X-Forwarded-Proto and X-Forwarded-Host unless told to trust a proxy', async () => {
    const forwarded = {
      host: 'inner.example',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'public.example',
    };
    expect(serversOf(await get(plain.url, '/openapi.json', forwarded))).toEqual(['http://inner.example']);
    expect(serversOf(await get(proxied.url, '/openapi.json', forwarded))).toEqual(['https://public.example']);
    const index = await get(proxied.url, '/', forwarded);
    expect(index.text).toContain('https://public.example/accounts?pageSize=5');
  });

  it('behind a trusted proxy, takes the first forwarded value and checks it like Host', async () => {
    const chained = {
      host: 'inner.example',
      'x-forwarded-proto': 'https, http',
      'x-forwarded-host': 'public.example, inner.example',
    };
    expect(serversOf(await get(proxied.url, '/openapi.json', chained))).toEqual(['https://public.example']);
    const bad = { host: 'inner.example', 'x-forwarded-proto': 'javascript', 'x-forwarded-host': 'evil"x<' };
    expect(serversOf(await get(proxied.url, '/openapi.json', bad))).toEqual(['http://inner.example']);
  });

  it('gives the index page the same security headers as /docs', async () => {
    const docs = await get(plain.url, '/docs', {});
    const index = await get(plain.url, '/', {});
    for (const name of [
      'content-security-policy',
      'x-content-type-options',
      'referrer-policy',
      'x-frame-options',
    ]) {
      expect({ name, value: docs.headers[name] }).toMatchObject({ name, value: expect.any(String) });
      expect({ name, value: index.headers[name] }).toEqual({ name, value: docs.headers[name] });
    }
  });
});

describe('the server option', () => {
  it('passes --trust-proxy through to the docs pages', async () => {
    const { startMock } = await import('../helpers/start-mock.ts');
    for (const trustProxy of [false, true]) {
      const mock = await startMock({ accounts: 2, customers: 1, trustProxy });
      try {
        const got = await get(mock.url, '/openapi.json', {
          host: 'inner.example',
          'x-forwarded-proto': 'https',
        });
        expect(serversOf(got)).toEqual([trustProxy ? 'https://inner.example' : 'http://inner.example']);
      } finally {
        await mock.close();
      }
    }
  });
});

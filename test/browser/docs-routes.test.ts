import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountDocs } from '../../src/adapters/node/docs-routes.ts';
import { DEFAULT_SPEC_PATH, loadSpec } from '../../src/spec/load-spec.ts';

// The routes alone, on a bare app: what they serve does not depend on the store.
describe('docs routes', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const loaded = await loadSpec(DEFAULT_SPEC_PATH);
    if (!loaded.ok) throw new Error(loaded.error);
    const app = express();
    mountDocs(app, { spec: loaded.value, seed: 42, accounts: 1000, customers: 12, shared: true });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('serves the spec with this server as its only server and no prefilled nextToken', async () => {
    const res = await fetch(`${url}/openapi.json`);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const document = (await res.json()) as {
      servers: { url: string }[];
      components: { parameters: Record<string, { example?: unknown }> };
      paths: Record<string, unknown>;
    };
    expect(document.servers.map((s) => s.url)).toEqual([url]);
    expect(document.components.parameters.NextToken?.example).toBeUndefined();
    expect(document.components.parameters.PageSize?.example).toBe(10);
    expect(Object.keys(document.paths)).toContain('/accounts');
  });

  it('falls back to a relative server url for a Host header it cannot trust', async () => {
    const { request } = await import('node:http');
    const body = await new Promise<string>((resolve, reject) => {
      const req = request(`${url}/openapi.json`, { headers: { host: 'evil"host<' } }, (res) => {
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => resolve(text));
      });
      req.on('error', reject).end();
    });
    expect((JSON.parse(body) as { servers: { url: string }[] }).servers).toEqual([
      { url: '/', description: 'This mock server' },
    ]);
  });

  it('shows the seed, the data-set size, the tenancy and example calls on the index', async () => {
    const html = await (await fetch(`${url}/`)).text();
    expect(html).toContain('<dd id="seed">42</dd>');
    expect(html).toContain('<dd id="accounts">1000</dd>');
    expect(html).toContain('<dd id="customers">12</dd>');
    expect(html).toContain('shared: every token');
    expect(html).toContain('href="/docs"');
    expect(html).toContain(
      `curl -H &#39;Authorization: Bearer demo-token&#39; &#39;${url}/accounts?pageSize=5&#39;`,
    );
    expect(html).toContain(`${url}/customers&#39;`);
  });

  it('serves the docs page under a CSP that allows only this origin', async () => {
    const res = await fetch(`${url}/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await res.text()).toContain('/docs/assets/swagger-ui-bundle.js');
    expect((await fetch(`${url}/docs/assets/swagger-ui-bundle.js`)).status).toBe(200);
    expect((await fetch(`${url}/docs/init.js`)).headers.get('content-type')).toMatch(/javascript/);
  });

  it("does not serve the package's own petstore page", async () => {
    expect((await fetch(`${url}/docs/assets/index.html`)).status).toBe(404);
    expect((await fetch(`${url}/docs/assets/swagger-initializer.js`)).status).toBe(404);
  });
});

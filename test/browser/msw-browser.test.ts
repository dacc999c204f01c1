import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForBrowser } from '../../scripts/bundle-msw.ts';
import { CHROMIUM, launchChromium, runBrowser } from '../helpers/chromium.ts';
import { startMock, type TestMock } from '../helpers/start-mock.ts';

// Locally a missing browser skips with a reason; in CI (.ci/run installs it) it must fail instead.
if (!runBrowser) console.warn(`MSW browser test skipped: ${CHROMIUM} not found (apt-get install chromium)`);

const OPTIONS = { seed: 13, accounts: 23, customers: 3, tokenSecret: 'browser and server alike' };
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };

describe.skipIf(!runBrowser)('the MSW adapter in headless Chromium, through the service worker', () => {
  let dir: string;
  let site: Server;
  let origin: string;
  let browser: Browser;
  let page: Page;
  let http: TestMock;
  const offPage: string[] = [];

  beforeAll(async () => {
    // What `npx msw init <dir>` does: copy the worker script next to the page.
    dir = await mkdtemp(join(tmpdir(), 'togai-msw-page-'));
    const worker = fileURLToPath(import.meta.resolve('msw/mockServiceWorker.js'));
    await copyFile(worker, join(dir, 'mockServiceWorker.js'));
    const bundle = await bundleForBrowser({
      entry: fileURLToPath(new URL('./msw-page/main.ts', import.meta.url)),
    });
    await writeFile(join(dir, 'main.js'), bundle.code);
    await writeFile(join(dir, 'index.html'), '<!doctype html><script type="module" src="/main.js"></script>');
    site = createServer(async (req, res) => {
      const file = new URL(req.url ?? '/', 'http://x').pathname.slice(1) || 'index.html';
      if (!/^[\w.-]+$/.test(file)) return void res.writeHead(404).end();
      try {
        const body = await readFile(join(dir, file));
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    http = await startMock(OPTIONS);
    browser = await launchChromium();
    page = await browser.newPage();
    page.setDefaultTimeout(10_000);
    // An answer to the API that did not come from the service worker would mean MSW let it through.
    page.on('response', (response) => {
      if (!response.url().startsWith(`${origin}/`) && !response.fromServiceWorker())
        offPage.push(response.url());
    });
    page.on('requestfailed', (request) => {
      offPage.push(`failed: ${request.url()}`);
    });
    const query = new URLSearchParams(
      Object.entries(OPTIONS).map(([k, v]): [string, string] => [k, String(v)]),
    );
    await page.goto(`${origin}/?${query}`);
    await page.evaluate(
      () => (globalThis as unknown as { togaiMock: { ready: Promise<unknown> } }).togaiMock.ready,
    );
  });

  afterAll(async () => {
    await browser?.close();
    await http?.close();
    await new Promise((resolve) => site?.close(resolve));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("walks /accounts page by page from the page's own fetch, the same pages the HTTP mock serves", async () => {
    const pages = await page.evaluate(async () => {
      const texts: string[] = [];
      let url = 'https://api.togai.com/accounts?pageSize=5';
      for (let i = 0; i < 20; i++) {
        const res = await fetch(url, { headers: { authorization: 'Bearer walker' } });
        const text = await res.text();
        texts.push(`${res.status} ${text}`);
        const next = (JSON.parse(text) as { nextToken?: string }).nextToken;
        if (!next) break;
        url = `https://api.togai.com/accounts?nextToken=${encodeURIComponent(next)}`;
      }
      return texts;
    });
    expect(pages).toHaveLength(5);
    const fromServer: string[] = [];
    let target = '/accounts?pageSize=5';
    for (const _ of pages) {
      const res = await http.call('GET', target, { token: 'walker' });
      fromServer.push(`${res.status} ${res.text}`);
      const next = (res.body as { nextToken?: string }).nextToken;
      target = `/accounts?nextToken=${encodeURIComponent(next ?? '')}`;
    }
    expect(pages).toEqual(fromServer);
  });

  it('creates, reads and deletes an account, and answers 400 {message} to a bad pageSize', async () => {
    const outcome = await page.evaluate(async () => {
      const base = 'https://api.togai.com';
      const auth = { authorization: 'Bearer crud' };
      const read = async (res: Response) => ({
        status: res.status,
        code: res.headers.get('x-error-code'),
        body: (await res.json()) as Record<string, unknown>,
      });
      const customers = (await (await fetch(`${base}/customers?pageSize=1`, { headers: auth })).json()) as {
        data: { id: string }[];
      };
      const created = await read(
        await fetch(`${base}/accounts`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({
            id: 'BROWSER_1',
            name: 'From the browser',
            customerId: customers.data[0]?.id,
          }),
        }),
      );
      const got = await read(await fetch(`${base}/accounts/BROWSER_1`, { headers: auth }));
      const removed = await read(
        await fetch(`${base}/accounts/BROWSER_1`, { method: 'DELETE', headers: auth }),
      );
      const gone = await read(await fetch(`${base}/accounts/BROWSER_1`, { headers: auth }));
      const bad = await read(await fetch(`${base}/accounts?pageSize=abc`, { headers: auth }));
      return { created, got, removed, gone, bad };
    });
    expect(outcome.created).toMatchObject({
      status: 201,
      body: { id: 'BROWSER_1', name: 'From the browser' },
    });
    expect(outcome.got).toEqual({ ...outcome.created, status: 200 });
    expect(outcome.removed).toEqual({ status: 200, code: null, body: { success: true } });
    expect(outcome.gone).toMatchObject({ status: 404, code: 'ACCOUNT_NOT_FOUND' });
    expect(outcome.bad).toEqual({
      status: 400,
      code: 'INVALID_PAGE_SIZE',
      body: { message: expect.stringMatching(/^pageSize: /) },
    });
    expect(Object.keys(outcome.bad.body)).toEqual(['message']);
    expect(offPage).toEqual([]);
  });
});

import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createMockServer,
  type MockServer,
  type RunningServer,
} from '../../src/adapters/node/create-mock-server.ts';
import { CHROMIUM, launchChromium, openRecordingPage, runBrowser } from '../helpers/chromium.ts';
import { startEchoUpstream } from '../proxy/echo-upstream.ts';
import { startProxy, type TestProxy } from '../proxy/start-proxy.ts';

if (!runBrowser)
  console.warn(`inspector browser tests skipped: ${CHROMIUM} not found (apt-get install chromium)`);

const TOKEN = 'inspector-browser-token';
const ADMIN = 'inspector-browser-admin';

describe.skipIf(!runBrowser)('the inspector in headless Chromium', () => {
  let server: MockServer;
  let running: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await createMockServer({ seed: 11, accounts: 20, customers: 2, adminToken: ADMIN });
    running = await server.listen(0, '127.0.0.1');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  let opened: Awaited<ReturnType<typeof openRecordingPage>>;
  beforeEach(async () => {
    opened = await openRecordingPage(browser);
    ({ context, page } = opened);
  });
  afterEach(async () => {
    await context.close();
    // Offline: the page loads nothing from anywhere but the mock.
    expect(opened.elsewhere(running.url)).toEqual([]);
  });

  /** The app under test: requests the inspector never sends itself. */
  const app = (method: string, path: string, body?: unknown) =>
    fetch(`${running.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${TOKEN}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  const open = async () => {
    await page.goto(`${running.url}/__inspector#token=${TOKEN}`);
    await page.waitForSelector('#live:has-text("live")');
  };
  const glance = (key: string) => page.locator(`#glance dt[data-key="${key}"] + dd`);

  it('shows the app request as a live row, and its bodies on click', async () => {
    await open();
    expect(await glance('accounts').textContent()).toBe('20');
    const res = await app('GET', '/accounts?pageSize=2');
    const id = res.headers.get('x-request-id');
    const row = page.locator(`#requests tr[data-id="${id}"]`);
    await row.waitFor();
    expect(await row.locator('td').allTextContents()).toEqual(
      expect.arrayContaining(['GET', '/accounts', '200', 'getAccounts']),
    );
    await row.click();
    await page.waitForSelector('#detail:not([hidden])');
    expect(await page.locator('#detail-title').textContent()).toBe('GET /accounts → 200');
    const sent = (await page.locator('#detail-request').textContent()) ?? '';
    expect(sent).toContain('authorization: Bearer [redacted]');
    expect(sent).not.toContain(TOKEN);
    expect(await page.locator('#detail-response').textContent()).toContain('"nextToken"');
  });

  it('resets the tenant from the page', async () => {
    const customers = (await (await app('GET', '/customers')).json()) as { data: { id: string }[] };
    const created = await app('POST', '/accounts', {
      id: 'FROM_THE_APP',
      name: 'From the app',
      customerId: customers.data[0]?.id,
    });
    expect(created.status).toBe(201);
    await open();
    expect(await glance('accounts').textContent()).toBe('21');
    await page.click('#reset');
    await page.waitForSelector('#message:has-text("reset to the seed")');
    await expect.poll(() => glance('accounts').textContent()).toBe('20');
    expect((await app('GET', '/accounts/FROM_THE_APP')).status).toBe(404);
  });

  it('exports the tenant as a download and imports a fixture file from the page', async () => {
    await open();
    const downloaded = page.waitForEvent('download');
    await page.click('#export');
    const download = await downloaded;
    const exported = JSON.parse(await readFile((await download.path()) ?? '', 'utf8')) as {
      replace: boolean;
      accounts: unknown[];
    };
    expect(exported).toMatchObject({ replace: true });
    expect(exported.accounts).toHaveLength(20);
    const customers = (await (await app('GET', '/customers')).json()) as { data: { id: string }[] };
    await page.setInputFiles('#import', {
      name: 'fixture.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify({
          accounts: [{ id: 'FROM_A_FILE', name: 'From a file', customerId: customers.data[0]?.id }],
        }),
      ),
    });
    await page.waitForSelector('#message:has-text("imported 1 accounts")');
    await expect.poll(() => glance('accounts').textContent()).toBe('21');
    expect((await app('GET', '/accounts/FROM_A_FILE')).status).toBe(200);
    await app('POST', '/__admin/reset');
  });

  it("queues a fault that takes effect on the app's next request, then is gone", async () => {
    await open();
    const account = ((await (await app('GET', '/accounts?pageSize=1')).json()) as { data: { id: string }[] })
      .data[0]?.id;
    await page.selectOption('#fault-method', 'GET');
    await page.fill('#fault-path', '/accounts/*');
    await page.fill('#fault-status', '503');
    await page.click('#fault-queue');
    await page.waitForSelector('#faults li:has-text("GET /accounts/* → 503")');
    const failed = await app('GET', `/accounts/${account}`);
    expect(failed.status).toBe(503);
    await page.locator(`#requests tr[data-id="${failed.headers.get('x-request-id')}"] td.s5`).waitFor();
    await expect.poll(() => page.locator('#faults li').count()).toBe(0);
    expect((await app('GET', `/accounts/${account}`)).status).toBe(200);
  });

  it('shows every tenant with the admin token, each row naming its tenant', async () => {
    await page.goto(`${running.url}/__inspector#admin=${ADMIN}`);
    await page.waitForSelector('#live:has-text("live")');
    const res = await app('GET', '/customers');
    const row = page.locator(`#requests tr[data-id="${res.headers.get('x-request-id')}"]`);
    await row.waitFor();
    expect(await row.locator('td.tenant-col').isVisible()).toBe(true);
    expect(await row.locator('td.tenant-col').textContent()).toMatch(/^[0-9a-f]{10}$/);
  });
});

describe.skipIf(!runBrowser)('the inspector served by the validating proxy', () => {
  let upstream: MockServer;
  let proxy: TestProxy;
  let browser: Browser;
  beforeAll(async () => {
    upstream = await createMockServer({ seed: 11, accounts: 20, customers: 2 });
    const { url } = await upstream.listen(0, '127.0.0.1');
    proxy = await startProxy(url);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await upstream?.close();
  });

  it('shows violations live with the failed check and where, and the upstream log by polling', async () => {
    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${proxy.url}/__inspector#token=${TOKEN}`);
    await page.waitForSelector('#violations-panel:not([hidden])');
    await page.waitForSelector('#live:has-text("polling")');
    // The app sends what the contract forbids: the proxy forwards it and reports it.
    const res = await fetch(`${proxy.url}/accounts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'NO_NAME' }),
    });
    expect(res.status).toBe(400);
    const row = page.locator('#violations tr', { hasText: 'POST /accounts' });
    await row.waitFor();
    expect(await row.locator('td').nth(1).textContent()).toBe('request-conformance');
    expect(await row.locator('td.path').textContent()).toBe('POST /accounts');
    expect(await row.locator('td.msg').textContent()).toMatch(/name/);
    await page.locator(`#requests tr[data-id="${res.headers.get('x-request-id')}"]`).waitFor();
  });

  it('shows an upstream answer that breaks the contract with the failed check and the schema path', async () => {
    const broken = await startEchoUpstream((req, res) => {
      res.writeHead(req.url.startsWith('/__admin') ? 404 : 200, { 'content-type': 'application/json' });
      res.end(req.url.startsWith('/__admin') ? '{"message":"no admin API here"}' : '{"data":"not a list"}');
    });
    const judging = await startProxy(broken.url);
    try {
      const page = await (await browser.newContext()).newPage();
      page.setDefaultTimeout(10_000);
      await page.goto(`${judging.url}/__inspector#token=${TOKEN}`);
      await page.waitForSelector('#violations-panel:not([hidden])');
      await fetch(`${judging.url}/accounts`, { headers: { authorization: `Bearer ${TOKEN}` } });
      const row = page.locator('#violations tr', { hasText: 'response-schema-conformance' });
      await row.waitFor();
      expect(await row.locator('td.msg').textContent()).toBe(
        'body /data must be array (keyword "type") [/data · responses/200/content/application~1json/schema/properties/data/type]',
      );
    } finally {
      await judging.close();
      await broken.close();
    }
  });
});

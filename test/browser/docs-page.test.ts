import { existsSync, mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createMockServer,
  type MockServer,
  type RunningServer,
} from '../../src/adapters/node/create-mock-server.ts';
import { CHROMIUM, launchChromium, openRecordingPage, runBrowser } from '../helpers/chromium.ts';

// Locally a missing browser skips with a reason; in CI (.ci/run installs it) it must fail instead.
if (!runBrowser)
  console.warn(`docs page browser tests skipped: ${CHROMIUM} not found (apt-get install chromium)`);

const SEED = 7;
const OPERATIONS = 13;
// Enough customers for the published examples' records (ACC00001, 01BX5ZZKBKACTAV9WEVGEMMVRZ…),
// which the docs' pre-filled values name.
const ACCOUNTS = 40;
const CUSTOMERS = 20;
const SCREENSHOT_DIR = new URL('../../scratch/', import.meta.url);

describe.skipIf(!runBrowser)('docs page in headless Chromium', () => {
  let server: MockServer;
  let running: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await createMockServer({ seed: SEED, accounts: ACCOUNTS, customers: CUSTOMERS });
    running = await server.listen(0, '127.0.0.1');
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  // A fresh context per test: Swagger UI persists authorization in localStorage.
  let opened: Awaited<ReturnType<typeof openRecordingPage>>;
  beforeEach(async () => {
    opened = await openRecordingPage(browser);
    ({ context, page } = opened);
  });

  afterEach(async () => {
    await context.close();
    // No CDN, no analytics, no validator: the page works with no network at all.
    expect(opened.elsewhere(running.url)).toEqual([]);
  });

  const firstAccountId = async (token: string): Promise<string> => {
    const res = await fetch(`${running.url}/accounts?pageSize=1`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await res.json()) as { data: { id: string }[] };
    const id = body.data[0]?.id;
    if (id === undefined) throw new Error('the seeded mock listed no account');
    return id;
  };

  it('serves an index that shows the data set and links to the docs', async () => {
    await page.goto(`${running.url}/`);
    await expect(page.locator('#seed').textContent()).resolves.toBe(String(SEED));
    await expect(page.locator('#accounts').textContent()).resolves.toBe(String(ACCOUNTS));
    await expect(page.locator('#customers').textContent()).resolves.toBe(String(CUSTOMERS));
    await expect(page.locator('pre').first().textContent()).resolves.toContain(`${running.url}/accounts`);
    await page.locator('a[href="/docs"]').click();
    await page.waitForURL(`${running.url}/docs`);
  });

  it('lists every operation of the spec', async () => {
    await page.goto(`${running.url}/docs`);
    await page.locator('.opblock').first().waitFor();
    expect(await page.locator('.opblock').count()).toBe(OPERATIONS);
    await expect(page.getByText('List accounts', { exact: true }).isVisible()).resolves.toBe(true);
  });

  it('tries GET /accounts with the pre-authorized demo token and shows seeded data', async () => {
    const expectedId = await firstAccountId('demo-token');
    await page.goto(`${running.url}/docs`);
    const sent = page.waitForRequest((r) => new URL(r.url()).pathname === '/accounts');
    await tryListAccounts(page);
    const request = await sent;
    expect(request.headers().authorization).toBe('Bearer demo-token');
    // The spec's example nextToken would be prefilled and rejected: the served copy drops it.
    expect(new URL(request.url()).searchParams.has('nextToken')).toBe(false);
    await expectLiveResponse(page, expectedId);
  });

  it("succeeds at every operation's Try it out with its pre-filled values, each on a fresh sandbox", async () => {
    await page.goto(`${running.url}/docs`);
    await page.locator('.opblock').first().waitFor();
    const operations = page.locator('.opblock');
    expect(await operations.count()).toBe(OPERATIONS);
    const answers: string[] = [];
    for (let i = 0; i < OPERATIONS; i++) {
      // A delete tried before must not make the next operation's pre-filled id a 404.
      const reset = await fetch(`${running.url}/__admin/reset`, {
        method: 'POST',
        headers: { authorization: 'Bearer demo-token' },
      });
      expect(reset.status).toBe(200);
      const operation = operations.nth(i);
      const name = await operation.locator('.opblock-summary-path').first().getAttribute('data-path');
      const method = await operation.locator('.opblock-summary-method').first().textContent();
      await operation.locator('.opblock-summary').first().click();
      // CSS selectors: role queries walk the accessibility tree of the whole page, seconds a click.
      await operation.locator('button.try-out__btn').click();
      await operation.locator('button.execute').click();
      const status = operation
        .locator('.live-responses-table tbody tr.response .response-col_status')
        .first();
      await status.waitFor();
      answers.push(`${method} ${name} ${(await status.textContent())?.trim()}`);
      // Collapsed again, so the page does not grow with every operation tried.
      await operation.locator('.opblock-summary').first().click();
    }
    expect(answers.filter((answer) => !/ 2\d\d$/.test(answer))).toEqual([]);
    expect(answers).toHaveLength(OPERATIONS);
    // Thirteen rounds of clicks in a real browser: well past the default per-test limit on a busy box.
  }, 180_000);

  it('tries GET /accounts with a token entered in Authorize', async () => {
    const expectedId = await firstAccountId('browser-tester');
    await page.goto(`${running.url}/docs`);
    await page.locator('button.authorize').first().click();
    const dialog = page.locator('.modal-ux');
    // The demo token is already set: log out of it to enter our own.
    await dialog.locator('button', { hasText: 'Logout' }).click();
    await dialog.locator('input').fill('browser-tester');
    await dialog.locator('button', { hasText: /^Authorize$/ }).click();
    await dialog.locator('button.btn-done').click();
    const sent = page.waitForRequest((r) => new URL(r.url()).pathname === '/accounts');
    await tryListAccounts(page);
    expect((await sent).headers().authorization).toBe('Bearer browser-tester');
    await expectLiveResponse(page, expectedId);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: new URL('docs-page.png', SCREENSHOT_DIR).pathname, fullPage: false });
  });
});

async function tryListAccounts(page: Page): Promise<void> {
  const operation = page.locator('#operations-Accounts-getAccounts');
  await operation.locator('.opblock-summary').first().click();
  await operation.getByRole('button', { name: 'Try it out' }).click();
  await operation.getByRole('button', { name: 'Execute' }).click();
}

async function expectLiveResponse(page: Page, expectedId: string): Promise<void> {
  const live = page.locator('#operations-Accounts-getAccounts .live-responses-table');
  const row = live.locator('tbody tr.response').first();
  await row.waitFor();
  await expect(row.locator('.response-col_status').textContent()).resolves.toContain('200');
  await expect(row.locator('.response-col_description').textContent()).resolves.toContain(expectedId);
}

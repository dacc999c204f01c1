import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's chromium (`.ci/run` installs it); never a browser downloaded by a test tool. */
export const CHROMIUM = '/usr/bin/chromium';

/** Browser tests run where chromium is installed, and always in CI (where its absence is a failure). */
export const runBrowser = existsSync(CHROMIUM) || process.env.CI !== undefined;

/**
 * Headless, sandbox off (tests run as root), and none of the background connections this machine's
 * closed network refuses.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * A fresh context and page that record every URL the page asks for: a test of an offline page
 * closes it and expects `elsewhere(origin)` empty (no CDN, no analytics, nothing but the mock).
 */
export async function openRecordingPage(browser: Browser): Promise<{
  context: BrowserContext;
  page: Page;
  elsewhere(origin: string): string[];
}> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  // Well under the test timeout, so a missing element fails with its selector rather than a timeout.
  page.setDefaultTimeout(10_000);
  const requested: string[] = [];
  page.on('request', (request) => {
    requested.push(request.url());
  });
  return { context, page, elsewhere: (origin) => requested.filter((url) => !url.startsWith(`${origin}/`)) };
}

import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

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

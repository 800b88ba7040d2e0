import { existsSync } from 'node:fs';
import { Browser, chromium } from 'playwright-core';

/** Debian's Chromium (scripts/ensure-chromium.js installs it); playwright-core never downloads one. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Headless Chromium for browser tests. Playwright gives each launch a fresh temporary profile.
 * The background-networking flags matter here: this machine has no network beyond loopback,
 * and Chromium's own update, sync and QUIC connections would otherwise be refused and retried.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: run \`npm test\` (it installs the Debian package) or apt-get install chromium`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

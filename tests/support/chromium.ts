import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/**
 * The Chromium the browser tests drive: $CHROMIUM_PATH, then Debian's
 * /usr/bin/chromium, then Playwright's own download. None found is a failure
 * with instructions, never a silent skip.
 */
export function findChromium(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', safePlaywrightPath()];
  for (const path of candidates) if (path && existsSync(path)) return path;
  throw new Error(
    'No Chromium found for the browser tests. Install one: `apt-get install chromium` (Debian), ' +
      'or `npx playwright install chromium` where downloads work, or set CHROMIUM_PATH to a Chromium binary.',
  );
}

function safePlaywrightPath(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

/** Flags that work on headless Debian machines with no network (ENVIRONMENT.md). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--autoplay-policy=no-user-gesture-required',
];

import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './tests/support/chromium';

// End-to-end tests: real Chromium against host mode (tests/e2e/web), and the
// desktop app through Playwright's _electron where a binary exists
// (tests/e2e/electron, skipped with a message elsewhere). One worker: the
// machines have two cores and sixteen live video tiles use them.
const isElectronOnly = process.argv.some((a) => a.includes('electron'));

export default defineConfig({
  testDir: './tests/e2e',
  outputDir: './test-results',
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: process.env.PW_JSON_OUTPUT
    ? [['list'], ['json', { outputFile: process.env.PW_JSON_OUTPUT }]]
    : [['list']],
  projects: [
    {
      name: 'web',
      testDir: './tests/e2e/web',
      use: {
        browserName: 'chromium',
        viewport: { width: 1600, height: 900 },
        launchOptions: isElectronOnly ? {} : { executablePath: findChromium(), args: CHROMIUM_ARGS },
        screenshot: 'only-on-failure',
        trace: 'retain-on-failure',
      },
    },
    { name: 'electron', testDir: './tests/e2e/electron' },
  ],
});

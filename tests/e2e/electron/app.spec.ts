import { _electron as electron, expect, test } from '@playwright/test';
import { join } from 'node:path';
import { findElectronBinary } from '../../../electron/host/electronBinary';
import { repoRoot, tempDir } from '../../support/paths';

/** The Electron binary, if its postinstall could download it (never on the build machines). */
const binary = findElectronBinary();
const SKIP_REASON =
  'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD or no network): run `npm install` with internet access to run these tests';
if (binary === undefined) console.log(`[electron] skipped: ${SKIP_REASON}`);

test.describe('desktop app (Electron)', () => {
  test.skip(binary === undefined, SKIP_REASON);

  test('desk station opens the duty desk with a locked-down window', async () => {
    const app = await electron.launch({
      ...(binary !== undefined ? { executablePath: binary } : {}),
      args: [join(repoRoot, 'out', 'main', 'index.js'), '--station', 'desk', '--data-dir', tempDir('electron')],
    });
    try {
      const page = await app.firstWindow();
      await expect(page.getByTestId('desk-view')).toBeVisible({ timeout: 30_000 });
      expect(page.url()).toMatch(/^app:\/\/console\/index\.html#\/desk/);
      // The closed preload: the contract's members and nothing else.
      const keys = await page.evaluate(() => Object.keys((window as unknown as { consoleApi: object }).consoleApi).sort());
      expect(keys).toContain('getBootstrap');
      // contextIsolation + sandbox + no nodeIntegration: the page sees no Node at all.
      const globals = await page.evaluate(() => {
        const w = window as unknown as Record<string, unknown>;
        return { require: typeof w.require, process: typeof w.process, ipc: typeof w.ipcRenderer };
      });
      expect(globals).toEqual({ require: 'undefined', process: 'undefined', ipc: 'undefined' });
      // Navigation away from the console is refused.
      await page.evaluate(() => {
        window.location.href = 'https://example.com/';
      });
      await page.waitForTimeout(500);
      expect(page.url()).toMatch(/^app:\/\/console\//);
    } finally {
      await app.close();
    }
  });

  test('wall station opens a kiosk wall window that does not throttle in the background', async () => {
    const app = await electron.launch({
      ...(binary !== undefined ? { executablePath: binary } : {}),
      args: [join(repoRoot, 'out', 'main', 'index.js'), '--station', 'wall', '--data-dir', tempDir('electron-wall')],
    });
    try {
      const page = await app.firstWindow();
      await expect(page.getByTestId('wall-view')).toBeVisible({ timeout: 30_000 });
      const state = await app.evaluate(({ BrowserWindow }) => {
        const w = BrowserWindow.getAllWindows()[0];
        return { kiosk: w?.isKiosk(), throttling: w?.webContents.getBackgroundThrottling() };
      });
      expect(state).toEqual({ kiosk: true, throttling: false });
    } finally {
      await app.close();
    }
  });
});

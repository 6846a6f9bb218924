import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoSiteDir, tempDir } from '../../support/paths';
import { startHost } from '../../support/hostProcess';
import { expect, test } from './fixtures';
import { ConsolePage } from './pages/ConsolePage';

test.describe('camera faults on real streams', () => {
  test('a camera whose source stops shows NO SIGNAL within 5 s, the rest keep playing, and it recovers by itself', async ({ host, consolePage }) => {
    await consolePage.open(host.urlFor('desk'));
    await consolePage.expectTilesReallyPlaying(16);
    const api = await host.signedIn();

    const stoppedAt = Date.now();
    await api.simulateSourceFault({ cameraId: 'lobby', stream: 'sub', state: 'down' });
    await expect(consolePage.tile('lobby')).toHaveAttribute('data-state', 'no-signal', { timeout: 5000 });
    const detectedMs = Date.now() - stoppedAt;
    await expect(consolePage.tile('lobby').locator('.tile__reason')).toContainText('source stopped');
    await consolePage.expectTilesReallyPlaying(15, ['lobby']);

    const restartedAt = Date.now();
    await api.simulateSourceFault({ cameraId: 'lobby', stream: 'sub', state: 'live' });
    await expect(consolePage.tile('lobby')).toHaveAttribute('data-state', 'playing', { timeout: 15_000 });
    test.info().annotations.push({ type: 'timing', description: `no-signal after ${detectedMs} ms, playing again after ${Date.now() - restartedAt} ms` });
    await consolePage.expectTilesReallyPlaying(16);
  });

  test('a frozen source (playlist stops advancing, the worst case) is caught by the frame watchdog', async ({ host, consolePage }) => {
    await consolePage.open(host.urlFor('desk'));
    await consolePage.expectTilesReallyPlaying(16);
    const api = await host.signedIn();
    const frozenAt = Date.now();
    await api.simulateSourceFault({ cameraId: 'gate-01', stream: 'sub', state: 'stalled' });
    await expect(consolePage.tile('gate-01')).toHaveAttribute('data-state', 'no-signal', { timeout: 6500 });
    const detectedMs = Date.now() - frozenAt;
    await api.simulateSourceFault({ cameraId: 'gate-01', stream: 'sub', state: 'live' });
    await expect(consolePage.tile('gate-01')).toHaveAttribute('data-state', 'playing', { timeout: 15_000 });
    test.info().annotations.push({ type: 'timing', description: `frozen source detected after ${detectedMs} ms` });
  });

  test('a missing or corrupt demo clip shows NO SIGNAL with the reason on its cameras only', async ({ browser }) => {
    const siteDir = join(tempDir('site'), 'demo-site');
    cpSync(demoSiteDir, siteDir, { recursive: true });
    rmSync(join(siteDir, 'clips', 'lobby', 'sub', 'init.mp4'));
    const segment = join(siteDir, 'clips', 'gate', 'sub', 'seg-003.m4s');
    writeFileSync(segment, readFileSync(segment).subarray(0, 300));

    const host = await startHost({ site: join(siteDir, 'site.json') });
    try {
      const page = await browser.newPage();
      const consolePage = new ConsolePage(page);
      await consolePage.open(host.urlFor('desk'));
      for (const camera of ['lobby', 'wing-w', 'wing-e']) {
        await expect(consolePage.tile(camera)).toHaveAttribute('data-state', 'no-signal');
        await expect(consolePage.tile(camera).locator('.tile__reason')).toContainText('init.mp4: file not found');
      }
      for (const camera of ['gate-01', 'gate-02']) {
        await expect(consolePage.tile(camera)).toHaveAttribute('data-state', 'no-signal');
        await expect(consolePage.tile(camera).locator('.tile__reason')).toContainText('seg-003.m4s');
      }
      await consolePage.expectTilesReallyPlaying(11, ['lobby', 'wing-w', 'wing-e', 'gate-01', 'gate-02']);
      await expect(page.locator('svg.floorplan')).toBeVisible();
      await page.close();
    } finally {
      await host.stop();
    }
  });
});

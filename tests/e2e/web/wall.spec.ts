import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { artifactsDir } from '../../support/paths';
import { expect, test } from './fixtures';

test('wall view renders the tiles, the plan and a large clock, with no controls', async ({ host, page, consolePage }, testInfo) => {
  await consolePage.open(host.urlFor('wall/1'));
  const wall = page.getByTestId('wall-view');
  await expect(wall).toBeVisible();
  await expect(wall).toHaveAttribute('data-monitor', '1');
  await expect(page.locator('.clock--large')).toBeVisible();
  await expect(page.getByTestId('language-switch')).toHaveCount(0);
  await expect(page.locator('svg.floorplan')).toBeVisible();
  await consolePage.expectTilesReallyPlaying(16);

  mkdirSync(artifactsDir, { recursive: true });
  const path = join(artifactsDir, 'wall.png');
  await page.screenshot({ path });
  await testInfo.attach('wall', { path, contentType: 'image/png' });
});

test('replay route renders and offers the console journal to open', async ({ host, page, consolePage }) => {
  await consolePage.open(host.urlFor('replay'));
  await expect(page.getByTestId('replay-sources').getByRole('button').first()).toBeVisible();
  await expect(page.getByTestId('replay-timeline')).toHaveCount(0);
});

test('on the wall, a stopped source shows NO SIGNAL within 5 s while the others play, and recovers within 15 s', async ({ host, consolePage }) => {
  await consolePage.open(host.urlFor('wall/1'));
  await consolePage.expectTilesReallyPlaying(16);
  const api = await host.signedIn();
  const stoppedAt = Date.now();
  await api.simulateSourceFault({ cameraId: 'corridor-2', stream: 'sub', state: 'down' });
  try {
    await expect(consolePage.tile('corridor-2')).toHaveAttribute('data-state', 'no-signal', { timeout: 5000 });
    const detectedMs = Date.now() - stoppedAt;
    await consolePage.expectTilesReallyPlaying(15, ['corridor-2']);
    const restartedAt = Date.now();
    await api.simulateSourceFault({ cameraId: 'corridor-2', stream: 'sub', state: 'live' });
    await expect(consolePage.tile('corridor-2')).toHaveAttribute('data-state', 'playing', { timeout: 15_000 });
    test.info().annotations.push({ type: 'timing', description: `no-signal after ${detectedMs} ms, playing again after ${Date.now() - restartedAt} ms` });
  } finally {
    await api.simulateSourceFault({ cameraId: 'corridor-2', stream: 'sub', state: 'live' });
  }
});

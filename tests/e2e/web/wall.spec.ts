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

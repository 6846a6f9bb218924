import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { artifactsDir } from '../../support/paths';
import { expect, test } from './fixtures';

test.describe('desk view on the demo site', () => {
  test('shows the site, the floor plan and sixteen camera tiles that really play', async ({ host, page, consolePage }, testInfo) => {
    await consolePage.open(host.urlFor('desk'));
    await expect(page.getByTestId('desk-view')).toBeVisible();
    await expect(page.locator('.topbar__title strong')).toHaveText('港湾酒店隔离点（演示）');

    // Floor plan: the ground floor with its zones and camera icons, in metres.
    const plan = page.locator('svg.floorplan[data-floor="f1"]');
    await expect(plan).toBeVisible();
    await expect(plan).toHaveAttribute('viewBox', '0 0 60 40');
    await expect(plan.locator('[data-zone]')).toHaveCount(13);
    await expect(plan.locator('[data-camera-icon]')).toHaveCount(10);
    await page.getByRole('tab', { name: '二层' }).click();
    await expect(page.locator('svg.floorplan[data-floor="f2"] [data-camera-icon]')).toHaveCount(6);

    await expect(consolePage.tiles()).toHaveCount(16);
    await consolePage.expectTilesReallyPlaying(16);
    await expect(page.getByTestId('tile-health').first()).toContainText('640×360');

    mkdirSync(artifactsDir, { recursive: true });
    const path = join(artifactsDir, 'desk.png');
    await page.screenshot({ path });
    await testInfo.attach('desk', { path, contentType: 'image/png' });
  });

  test('selecting a camera on the plan highlights it', async ({ host, page, consolePage }) => {
    await consolePage.open(host.urlFor('desk'));
    const icon = page.locator('[data-camera-icon="lobby"]');
    await icon.click();
    await expect(icon).toHaveClass(/is-selected/);
  });
});

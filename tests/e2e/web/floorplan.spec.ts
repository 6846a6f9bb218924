import { readFileSync } from 'node:fs';
import { startHost } from '../../support/hostProcess';
import { copyDemoSite } from '../../support/siteCopy';
import { expect, test } from './fixtures';
import { clickPlanAt, PlansPage } from './pages/PlansPage';

type SiteJson = {
  floors: { id: string; plan: { metresPerPixel: number } }[];
  zones: { id: string; name: unknown; kind: string; polygon: number[][] }[];
  cameras: { id: string; floor: string; position: number[]; heading: number; fov: number }[];
};
const readSite = (file: string): SiteJson => JSON.parse(readFileSync(file, 'utf8')) as SiteJson;

test.describe('floor plans and heat map', () => {
  test('tabs, zones with counts, camera wedges, legend and time window', async ({ host, page, consolePage }) => {
    await consolePage.open(host.urlFor('desk'));
    const plan = page.locator('svg.floorplan[data-floor="f1"]');
    await expect(plan).toBeVisible();
    await expect(page.locator('[data-floor-tab]')).toHaveCount(2);
    await expect(plan.locator('[data-zone]')).toHaveCount(13);
    await expect(plan.locator('[data-camera-icon]')).toHaveCount(10);
    await expect(plan.locator('[data-camera-fov] .floorplan__fov')).toHaveCount(10);
    // The heat layer sits under the zones, spanning the floor in metres.
    await expect(plan.locator('foreignObject.heatlayer')).toHaveAttribute('width', '60');
    const legend = page.getByTestId('heat-legend');
    await expect(legend.locator('li')).toHaveCount(5);
    await expect(legend.locator('li').first()).toHaveAttribute('data-density', '0.03');
    const windows = page.getByTestId('heat-timewindow');
    await expect(windows.locator('[data-window]')).toHaveCount(6);
    await windows.locator('[data-window="7d"]').click();
    await expect(windows.locator('[data-window="7d"]')).toHaveAttribute('aria-checked', 'true');
    // Clicking a zone opens its alert list.
    // (24, 24) is inside the lobby, away from its sensors and camera.
    await clickPlanAt(page, plan, 24, 24);
    await expect(page.getByTestId('zone-events')).toHaveAttribute('data-zone', 'lobby');
    await page.locator('[data-floor-tab="f2"]').click();
    await expect(page.locator('svg.floorplan[data-floor="f2"] [data-camera-icon]')).toHaveCount(6);
  });

  test('calibrate the scale and draw a zone: saved to the site file; bad input refused', async ({ page }) => {
    const siteFile = copyDemoSite((s) => (s.demo = false));
    const host = await startHost({ site: siteFile });
    try {
      const plans = new PlansPage(page);
      await plans.open(host.urlFor('desk/plans'));
      const svg = plans.svg();
      await expect(plans.scale()).toContainText('0.05000');

      // 10 m at the old scale (200 px) is really 20 m: the scale doubles to 0.1 m/px.
      await plans.calibrate([5, 5], [15, 5], '20');
      await expect(plans.status()).toBeVisible();
      await expect.poll(() => readSite(siteFile).floors.find((f) => f.id === 'f1')?.plan.metresPerPixel ?? 0).toBeGreaterThan(0.099);
      expect(readSite(siteFile).floors.find((f) => f.id === 'f1')?.plan.metresPerPixel).toBeLessThan(0.101);
      await expect(svg).toHaveAttribute('viewBox', /^0 0 1[12]\d/);

      // Draw a four-corner zone, double-click closes it, name it and save.
      await plans.drawZone([
        [10, 10],
        [30, 10],
        [30, 25],
        [10, 25],
      ]);
      await expect(page.getByTestId('zone-draft')).toBeVisible();
      const before = readFileSync(siteFile, 'utf8');
      // Bad id first: refused with the field named, file untouched.
      await page.getByPlaceholder(/Zone id|区域编号/).fill('Bad Id!');
      await page.getByPlaceholder(/Name \(English\)|名称（英文）/).fill('Loading dock');
      await page.getByRole('button', { name: /Save zone|保存区域/ }).click();
      await expect(plans.status()).toHaveAttribute('role', 'alert');
      await expect(plans.status()).toContainText('zone.id');
      expect(readFileSync(siteFile, 'utf8')).toBe(before);

      await page.getByPlaceholder(/Zone id|区域编号/).fill('loading-dock');
      await page.getByPlaceholder(/Name \(Chinese\)|名称（中文）/).fill('装卸区');
      await page.getByLabel(/Kind|类型/).selectOption('activity');
      await page.getByRole('button', { name: /Save zone|保存区域/ }).click();
      await expect.poll(() => readSite(siteFile).zones.find((z) => z.id === 'loading-dock')?.polygon.length ?? 0).toBe(4);
      const zone = readSite(siteFile).zones.find((z) => z.id === 'loading-dock');
      expect(zone?.name).toEqual({ en: 'Loading dock', 'zh-CN': '装卸区' });
      expect(zone?.polygon[0]?.[0]).toBeCloseTo(10, 0);
      expect(zone?.polygon[2]?.[1]).toBeCloseTo(25, 0);
      await expect(svg.locator('[data-zone="loading-dock"]')).toHaveCount(1);

      // A calibration with a zero distance is refused, the file stays as it is.
      const saved = readFileSync(siteFile, 'utf8');
      await plans.calibrate([5, 5], [25, 5], '0');
      await expect(plans.status()).toHaveAttribute('role', 'alert');
      await expect(plans.status()).toContainText('distanceM');
      expect(readFileSync(siteFile, 'utf8')).toBe(saved);

      // Drag the lobby camera to a new spot and turn it.
      await page.getByRole('button', { name: /Cancel|取消/ }).click();
      await page.locator('[data-camera="lobby"]').click();
      await plans.clickAt(40, 30);
      await page.getByLabel(/Heading|朝向/).fill('200');
      await page.getByLabel(/Field of view|视场角/).fill('70');
      await page.getByRole('button', { name: /Save camera|保存摄像机/ }).click();
      await expect
        .poll(() => readSite(siteFile).cameras.find((c) => c.id === 'lobby')?.heading)
        .toBe(200);
      const lobby = readSite(siteFile).cameras.find((c) => c.id === 'lobby');
      expect(lobby?.fov).toBe(70);
      expect(lobby?.position[0]).toBeCloseTo(40, 0);

      // Import a new floor's plan image (SVG): saved under floors/, its size read from the file.
      await page.getByLabel(/New floor id|新楼层编号/).fill('f3');
      await page.getByLabel(/New floor name|新楼层名称/).fill('Roof');
      await page.getByLabel(/New floor level|新楼层层号/).fill('3');
      const svgPlan = '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="400"><rect width="600" height="400" fill="#334"/></svg>';
      await page.getByTestId('plans-import').setInputFiles({ name: 'roof.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(svgPlan) });
      await expect.poll(() => readSite(siteFile).floors.map((f) => f.id)).toContain('f3');
      await expect(page.getByRole('tab', { name: 'Roof' })).toHaveAttribute('aria-selected', 'true');

      // The journal has the changes.
      const entries = (await (await host.signedIn()).queryJournal({ kinds: ['site.plan-changed'], limit: 10 })).entries;
      expect(entries.length).toBe(4);
    } finally {
      await host.stop();
    }
  });
});

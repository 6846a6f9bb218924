import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startHost } from '../../support/hostProcess';
import { artifactsDir } from '../../support/paths';
import { expect, test } from './fixtures';
import { ReplayPage } from './pages/ReplayPage';
import { openAs } from './pages/SessionPage';

test.describe('drills and offline replay', () => {
  test('a drill at high speed shows its banner on desk and wall, then replay scrubs through it', async ({ browser }) => {
    const host = await startHost();
    const desk = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    const wall = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    try {
      await openAs(desk, host.urlFor('desk/drills'));
      await wall.goto(host.urlFor('wall/1'));
      await desk.selectOption('select[name="speed"]', '60');
      await desk.getByTestId('start-drill-perimeter-night').click();
      for (const page of [desk, wall]) {
        await expect(page.getByTestId('drill-banner')).toContainText('演练进行中：夜间周界入侵及摄像机失效演练');
        await expect(page.getByTestId('drill-watermark')).toBeVisible();
      }
      await expect(wall.getByTestId('drill-real-emergency')).toHaveCount(0);
      // The alarm injects are real (DRILL) alerts: one pops its camera up on the wall; acknowledging it is scored.
      await expect(wall.getByTestId('wall-spotlight')).toHaveAttribute('data-alert', /^drill:.*:(fibre-alarm|fence-climb)$/, { timeout: 15_000 });
      const popped = (await wall.getByTestId('wall-spotlight').getAttribute('data-alert')) ?? '';
      const poppedInject = popped.split(':')[2] ?? '';
      await (await host.signedIn()).acknowledgeAlert({ alertId: popped });
      // The camera-outage inject takes the north fence camera down on the wall, then brings it back.
      await expect(wall.locator('.tile[data-tile][data-camera="perimeter-n"]')).toHaveAttribute('data-state', 'no-signal', { timeout: 15_000 });
      await expect(desk.locator('[data-run] li').filter({ hasText: 'all-clear' })).toBeVisible({ timeout: 30_000 });
      await expect(desk.getByTestId('drill-banner')).toHaveCount(0, { timeout: 10_000 });
      await expect(wall.getByTestId('drill-banner')).toHaveCount(0);

      // Evaluate and produce the after-action report; it prints to PDF.
      const review = desk.locator('[data-run]').first();
      await review.getByTestId('drill-evaluate').click();
      await review.locator('textarea[name="strengths"]').fill('周界报警发现及时');
      await review.locator('textarea[name="corrective"]').fill('没有时限的一行');
      await review.getByTestId('drill-evaluation-save').click();
      await expect(review.getByRole('status')).toContainText('第 1 行');
      await review.locator('textarea[name="corrective"]').fill('加强对讲联络演练 | 刘值班 | 2026-12-15');
      await review.getByTestId('drill-evaluation-save').click();
      await expect(review.getByRole('status')).toContainText('评估已记录为');
      await review.getByTestId('drill-report').click();
      await expect(review.getByTestId('drill-score')).toContainText('项预期动作中');
      // The acknowledgement made through the API is measured (at 60x it is late, but it is there).
      const ackRow = review.getByTestId('drill-report-frame').contentFrame().locator(`tr[data-inject="${poppedInject}"][data-action="acknowledge"]`);
      await expect(ackRow).not.toContainText('未完成');
      const href = await review.getByTestId('drill-report-link').getAttribute('href');
      const reportPage = await browser.newPage();
      await reportPage.context().addCookies(await desk.context().cookies()); // the console's access token
      await reportPage.goto(new URL(href ?? '', host.urlFor('desk')).toString());
      await expect(reportPage.locator('[data-chart="response-times"]')).toBeVisible();
      const pdf = join(artifactsDir, 'drill-report.pdf');
      mkdirSync(artifactsDir, { recursive: true });
      await reportPage.pdf({ path: pdf, format: 'A4' });
      await reportPage.close();
      const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
      expect(text).toContain('演练总结评估报告');
      expect(text).toContain('加强对讲联络演练');

      // Replay the journal: the drill is there, panels show the state at the chosen time.
      const replay = new ReplayPage(desk);
      await replay.openFirstSource(host.urlFor('replay'));
      await expect(replay.verified()).toContainText('已校验');
      await replay.nextAlert(); // the first inject
      await expect(replay.drillBanner()).toContainText('已注入 1 项');
      await expect(replay.entries().first()).toContainText('演练注入');
      // Next: the alert that inject raised (state at that moment: the alert is in the queue), then the second inject.
      await replay.nextAlert();
      await expect(replay.entries().first()).toContainText('告警');
      await expect(replay.drillBanner()).toContainText('已注入 1 项');
      await replay.nextAlert();
      await expect(replay.drillBanner()).toContainText('已注入 2 项');
      // The state at that moment: the first drill alert is open in the replayed queue; the wall showed its layout.
      await expect(replay.alerts()).toHaveCount(1);
      await expect(replay.alerts().first()).toHaveAttribute('data-alert', /^drill:.*:fibre-alarm$/);
      // Scrub to the end: the drill is over at that moment.
      const max = await replay.scrubTo('max');
      await expect(replay.drillBanner()).toHaveCount(0);
      // Observer note at the chosen time goes into this console's journal; the source is unchanged.
      await desk.fill('textarea[name="observerNote"]', '北侧围墙报警后 40 秒才确认，需加强');
      await desk.getByTestId('replay-annotate').click();
      await expect(desk.getByRole('status').filter({ hasText: '已记录为' })).toBeVisible();
      // Play at 60x: the timeline moves by itself.
      await replay.scrubTo('min');
      const before = await replay.time();
      await replay.play(60);
      // The whole recorded journal spans about 25 s of wall time: at 60x it plays to its end by itself.
      await expect.poll(() => replay.time()).toBeGreaterThan(before + 10_000);
      await expect.poll(() => replay.time()).toBeGreaterThanOrEqual(max - 1);
    } finally {
      await desk.close();
      await wall.close();
      await host.stop();
    }
  });
});

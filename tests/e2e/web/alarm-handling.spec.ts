import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHost, type HostProcess } from '../../support/hostProcess';
import { copyDemoSite } from '../../support/siteCopy';
import { expect, test } from './fixtures';
import { AlertsPage } from './pages/AlertsPage';
import { openAs } from './pages/SessionPage';

/** Posts an alarm to the host's own webhook, as a device would (the demo site's webhook is on). */
async function raise(host: HostProcess, alarm: Record<string, unknown>): Promise<void> {
  const token = readFileSync(join(host.dataDir, 'alert-webhook-token'), 'utf8').trim();
  const res = await fetch(`${host.origin}/api/alerts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ occurredAt: Date.now(), ...alarm }),
  });
  expect(res.status).toBe(202);
}

test.describe('handling an alarm at the desk (Chromium, host mode, the demo site)', () => {
  test('a stray R or F closes nothing; a close needs an acknowledgement, a closure code and the comment its code asks for; it can be undone at once', async ({ ownHost, page }) => {
    await raise(ownHost, { id: 'fire-1', type: 'fire', sensor: 'smoke-lobby' });
    await raise(ownHost, { id: 'smoke-1', type: 'smoking', zone: 'yard-w' });
    const alerts = new AlertsPage(page);
    await alerts.open(ownHost.urlFor('desk/alerts'), 'op-he');
    await expect(alerts.rows().first()).toHaveAttribute('data-alert', 'fire-1');

    // Nothing selected: R, F and E say what is missing and touch no alarm.
    for (const key of ['r', 'f', 'e', 'R']) {
      await alerts.press(key);
      await expect(page.getByTestId('alert-hint')).toContainText('请先选择告警');
    }
    await expect(page.getByTestId('alert-close')).toHaveCount(0);
    await expect(alerts.row('fire-1')).toHaveAttribute('data-status', 'new');

    // Selected but never acknowledged: it cannot be closed in one step, by key or through the API.
    await alerts.press('ArrowDown');
    await expect(alerts.detail()).toHaveAttribute('data-alert', 'fire-1');
    await page.keyboard.press('r');
    await expect(page.getByTestId('alert-hint')).toContainText('请先确认此告警');
    await expect(page.getByTestId('alert-close')).toHaveCount(0);
    const api = await ownHost.signedIn('op-ma');
    await expect(api.closeAlert({ alertId: 'fire-1', code: 'false-alarm' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('not acknowledged') });

    // Acknowledged, then R: the form asks for a code (none is chosen for the operator) and the comment "real incident" needs.
    await page.keyboard.press('a');
    await expect(alerts.row('fire-1')).toHaveAttribute('data-status', 'acknowledged');
    await page.keyboard.press('r');
    const form = page.getByTestId('alert-close');
    await expect(form).toBeVisible();
    await form.getByRole('button', { name: '关闭告警' }).click();
    await expect(page.getByTestId('alert-close-problem')).toContainText('请选择关闭代码');
    await form.locator('input[value="real-incident"]').focus();
    await page.keyboard.press('1');
    await expect(form.locator('input[value="real-incident"]')).toBeChecked();
    await form.getByRole('button', { name: '关闭告警' }).click();
    await expect(page.getByTestId('alert-close-problem')).toContainText('须填写说明');
    await expect(alerts.row('fire-1')).toBeVisible();
    // The core refuses the same things, naming the field.
    await expect(api.closeAlert({ alertId: 'fire-1', code: 'real-incident' })).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('note:') });
    await expect(api.closeAlert({ alertId: 'fire-1', code: 'no-such-code' })).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('code:') });
    await expect(api.closeAlert({ alertId: 'fire-1' } as never)).rejects.toMatchObject({ code: 'invalid-argument' });

    await form.locator('textarea[name="closure-note"]').fill('大厅垃圾桶起火，已扑灭');
    await form.getByRole('button', { name: '关闭告警' }).click();
    await expect(alerts.row('fire-1')).toHaveCount(0);

    // Undo, within seconds, by the person who closed it: the alarm is back as it was.
    const undo = page.getByTestId('alert-undo');
    await expect(undo).toContainText('已关闭');
    await undo.getByRole('button').click();
    await expect(alerts.row('fire-1')).toHaveAttribute('data-status', 'acknowledged');
    await expect(undo).toHaveCount(0);

    // F puts the false-alarm codes first; 1 picks the first.
    await alerts.row('fire-1').click();
    await alerts.press('f');
    await expect(form).toBeVisible();
    await form.locator('input[type="radio"]').first().focus();
    await page.keyboard.press('1');
    await expect(form.locator('input[value="false-alarm"]')).toBeChecked();
    await form.getByRole('button', { name: '关闭告警' }).click();
    await expect(alerts.row('fire-1')).toHaveCount(0);
    // Somebody else cannot undo it.
    await expect(api.reopenAlert({ alertId: 'fire-1' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('only they can undo it') });

    const journal = await api.queryJournal({ kinds: ['alert.resolved', 'alert.false-alarm', 'alert.reopened'], limit: 10 });
    expect(journal.entries.map((e) => [e.kind, e.actor, (e.payload as { code?: string }).code ?? null]).reverse()).toEqual([
      ['alert.resolved', 'op-he', 'real-incident'],
      ['alert.reopened', 'op-he', null],
      ['alert.false-alarm', 'op-he', 'false-alarm'],
    ]);
    // The other alarm was never touched.
    await expect(alerts.row('smoke-1')).toHaveAttribute('data-status', 'new');
  });

  test('the real-emergency stop closes the drill\'s alarms ("drill stopped") and frees the wall for a live one', async ({ ownHost, browser }) => {
    const desk = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    const wall = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    try {
      await openAs(desk, ownHost.urlFor('desk/drills'));
      await wall.goto(ownHost.urlFor('wall/1'));
      const api = await ownHost.signedIn();
      await api.startDrill({ scenarioId: 'perimeter-night', speed: 60 });
      const spotlight = wall.getByTestId('wall-spotlight');
      await expect(spotlight).toHaveAttribute('data-alert', /^drill:/, { timeout: 20_000 });

      await desk.getByTestId('drill-real-emergency').click();
      await expect(desk.getByTestId('drill-banner')).toHaveCount(0, { timeout: 10_000 });
      const closed = await api.queryJournal({ kinds: ['alert.resolved'], limit: 20 });
      const raised = await api.queryJournal({ kinds: ['alert.raised'], limit: 20 });
      const drillAlarms = raised.entries.filter((e) => e.mode === 'DRILL').map((e) => (e.payload as { alertId: string }).alertId);
      expect(drillAlarms.length).toBeGreaterThan(0);
      expect(closed.entries.filter((e) => (e.payload as { code?: string }).code === 'drill-stopped').map((e) => (e.payload as { alertId: string }).alertId).sort()).toEqual(drillAlarms.sort());

      // A real alarm raised now takes the wall's slot, not a drill alarm waiting ahead of it.
      await raise(ownHost, { id: 'real-1', type: 'door-forced', zone: 'power-room', camera: 'power-room' });
      await expect(spotlight).toHaveAttribute('data-alert', 'real-1', { timeout: 15_000 });
      const alerts = new AlertsPage(desk);
      await alerts.open(ownHost.urlFor('desk/alerts'));
      await expect(alerts.rows()).toHaveCount(1);
      await expect(alerts.rows().first()).toHaveAttribute('data-alert', 'real-1');
    } finally {
      await desk.close();
      await wall.close();
    }
  });
  test('a re-sent id with different content is kept and shown as a conflict; a device clock an hour ahead is flagged; the detail shows dates', async ({ ownHost, page }) => {
    const at = Date.now();
    await raise(ownHost, { id: 'door-7', type: 'door-forced', zone: 'power-room', occurredAt: at });
    await raise(ownHost, { id: 'door-7', type: 'door-forced', zone: 'power-room', occurredAt: at });
    await raise(ownHost, { id: 'door-7', type: 'door-forced', zone: 'power-room', occurredAt: at + 3_600_000 });
    const alerts = new AlertsPage(page);
    await alerts.open(ownHost.urlFor('desk/alerts'), 'op-he');
    await expect(alerts.rows()).toHaveCount(2);
    await expect(alerts.row('door-7~2').locator('[data-flag="conflict"]')).toBeVisible();
    await expect(alerts.row('door-7~2').locator('[data-flag="device-clock"]')).toBeVisible();
    await expect(alerts.row('door-7').locator('[data-flag]')).toHaveCount(0);
    await alerts.row('door-7~2').click();
    await expect(alerts.detail().getByTestId('alert-conflict')).toContainText('door-7');
    await expect(alerts.detail().getByTestId('alert-device-clock')).toContainText('设备时钟快 1小时');
    // Age runs from receipt, not from the device's hour-ahead time; the detail's times carry the year.
    await expect(alerts.row('door-7~2').locator('.alerts__age')).not.toContainText('-');
    await expect(alerts.detail().getByTestId('alert-occurred')).toContainText(String(new Date(at + 3_600_000).getUTCFullYear()));
  });
  test('each row shows its next due step with a countdown, red once overdue; acknowledging moves it on to starting the plan', async ({ page }) => {
    // Short targets, so the countdown runs out within the test.
    const site = copyDemoSite((s) => {
      s.responseTargets = { default: { acknowledgeSec: 3, radioReportSec: 60, startPlanSec: 600, onSceneSec: 900, overallSec: 1200, writtenReportSec: 900, progressEverySec: 3600 }, bySeverity: {} };
    });
    const host = await startHost({ site });
    try {
      await raise(host, { id: 'gate-1', type: 'gate-crowd', zone: 'gate' });
      const alerts = new AlertsPage(page);
      await alerts.open(host.urlFor('desk/alerts'), 'op-he');
      const next = alerts.row('gate-1').locator('.alerts__next');
      await expect(next).toHaveAttribute('data-step', 'acknowledge');
      await expect(next).toContainText('剩余');
      await expect(next).toHaveAttribute('data-overdue', 'true', { timeout: 10_000 });
      await expect(next).toContainText('已超时');
      await alerts.row('gate-1').click();
      await alerts.press('a');
      await expect(next).toHaveAttribute('data-step', 'startPlan');
      await expect(next).toHaveAttribute('data-overdue', 'false');
      await expect(next).toContainText('剩余 9分');
    } finally {
      await host.stop();
    }
  });
  test('an alarm reported by radio is raised from the desk through the ingest path, by the operator signed in; a slip is refused with the field', async ({ ownHost, page }) => {
    const alerts = new AlertsPage(page);
    await alerts.open(ownHost.urlFor('desk/alerts'), 'op-he');
    await page.getByTestId('manual-alarm-open').click();
    const form = page.getByTestId('manual-alarm');
    await form.getByRole('button', { name: '发出告警' }).click();
    await expect(page.getByTestId('manual-alarm-problem')).toContainText('请选择告警类型');
    await form.locator('select[name="manual-type"]').selectOption('fence-climb');
    await form.locator('select[name="manual-zone"]').selectOption('perimeter-w');
    await form.locator('input[name="manual-via"][value="radio"]').check();
    await form.locator('input[name="manual-reporter"]').fill('巡逻二组 王');
    await form.locator('textarea[name="manual-note"]').fill('西侧围栏有人翻越');
    await form.getByRole('button', { name: '发出告警' }).click();
    await expect(form).toHaveCount(0);
    await expect(alerts.rows()).toHaveCount(1);
    await expect(alerts.rows().first()).toHaveAttribute('data-status', 'new');
    await expect(alerts.detail()).toHaveAttribute('data-alert', /^manual-/);
    const api = await ownHost.signedIn('op-ma');
    const raised = await api.queryJournal({ kinds: ['alert.raised'], limit: 5 });
    expect(raised.entries).toHaveLength(1);
    expect(raised.entries[0]).toMatchObject({ actor: 'op-he', mode: 'LIVE', payload: { source: 'manual', type: 'fence-climb', zone: 'perimeter-w', severity: 'red', payload: { reportedVia: 'radio', reporter: '巡逻二组 王', note: '西侧围栏有人翻越' } } });
    await expect(api.raiseManualAlert({ type: 'no-such', zone: 'gate', via: 'phone', reporter: 'x' })).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringMatching(/^type: "no-such"/) });
    await expect(api.raiseManualAlert({ type: 'fire', zone: 'nowhere', via: 'phone', reporter: 'x' })).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('zone') });
    // A slip is not journaled as a quarantined device message.
    expect((await api.queryJournal({ kinds: ['alert.quarantined'], limit: 5 })).entries).toHaveLength(0);
  });

  test('a red alarm no camera covers reaches the wall as a card and the desk plan turns to its floor, the zone flashing; the wall counts what waits', async ({ ownHost, browser }) => {
    // Two live pages (a desk with sixteen playing tiles and a wall) and a card that leaves only after its hold: about a minute on an idle two-CPU machine.
    test.slow();
    const desk = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    const wall = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    try {
      await openAs(desk, ownHost.urlFor('desk'));
      await wall.goto(ownHost.urlFor('wall/1'));
      // The ground floor shows first; the archive (no camera) is upstairs.
      await expect(desk.locator('.floorplan')).toHaveAttribute('data-floor', 'f1');
      await raise(ownHost, { id: 'archive-1', type: 'door-forced', zone: 'archive', severity: 'red' });

      const card = wall.getByTestId('wall-alarm-card');
      await expect(card).toHaveAttribute('data-alert', 'archive-1');
      await expect(card).toHaveAttribute('data-severity', 'red');
      await expect(card.getByTestId('wall-alarm-zone')).toContainText('档案室');
      await expect(card).toContainText('该位置无摄像机覆盖');
      await expect(wall.locator('.floorplan__zone[data-zone="archive"]')).toHaveAttribute('data-alarm-state', 'awaiting');

      await expect(desk.locator('.floorplan')).toHaveAttribute('data-floor', 'f2');
      await expect(desk.locator('.floorplan__zone[data-zone="archive"]')).toHaveAttribute('data-alarm', 'archive-1');
      await expect(desk.locator('.floorplan__zone[data-zone="archive"]')).toHaveClass(/is-flashing/);
      await expect(desk.locator('[data-alarm-icon="archive-1"]')).toBeVisible();
      await expect(desk.locator('[data-floor-tab="f2"]')).toHaveAttribute('data-alarm', 'true');

      // Two slots by default: a third serious alarm waits, and the wall says so.
      await raise(ownHost, { id: 'fence-w', type: 'fence-climb', zone: 'perimeter-w' });
      await raise(ownHost, { id: 'stores-1', type: 'door-forced', zone: 'stores', severity: 'red' });
      await expect(wall.getByTestId('wall-alarm-card')).toHaveCount(2);
      await expect(wall.getByTestId('wall-alarms-waiting')).toHaveAttribute('data-count', '1');
      await expect(wall.getByTestId('wall-alarms-waiting')).toContainText('另有 1 条报警等待');

      // Acknowledged: the plan turns to the next alarm waiting (the west fence, downstairs); back upstairs the
      // archive is still marked while open, no longer flashing; the card leaves the wall after its hold.
      const api = await ownHost.signedIn();
      await api.acknowledgeAlert({ alertId: 'archive-1' });
      await expect(desk.locator('.floorplan')).toHaveAttribute('data-floor', 'f1');
      await expect(desk.locator('.floorplan__zone[data-zone="perimeter-w"]')).toHaveAttribute('data-alarm', 'fence-w');
      await desk.locator('[data-floor-tab="f2"]').click();
      await expect(desk.locator('.floorplan__zone[data-zone="archive"]')).toHaveAttribute('data-alarm-state', 'acknowledged');
      await expect(desk.locator('.floorplan__zone[data-zone="archive"]')).not.toHaveClass(/is-flashing/);
      await expect(wall.locator('[data-testid="wall-alarm-card"][data-alert="archive-1"]')).toHaveCount(0, { timeout: 20_000 });
      await expect(wall.getByTestId('wall-alarms-waiting')).toHaveCount(0);
    } finally {
      await desk.close();
      await wall.close();
    }
  });

  test('the tone starts on a red alarm and stops on acknowledgement; counts and badges follow; silencing is per console, with a reason, journaled', async ({ ownHost, page }) => {
    // Count what the page asks its speaker to play, under the app's own Web Audio calls.
    await page.addInitScript(() => {
      const w = window as unknown as { __oscillatorStarts: number };
      w.__oscillatorStarts = 0;
      const start = OscillatorNode.prototype.start;
      OscillatorNode.prototype.start = function (this: OscillatorNode, ...args: Parameters<OscillatorNode['start']>) {
        w.__oscillatorStarts += 1;
        return start.apply(this, args);
      };
    });
    const starts = (): Promise<number> => page.evaluate(() => (window as unknown as { __oscillatorStarts: number }).__oscillatorStarts);
    await openAs(page, ownHost.urlFor('desk/journal'), 'op-he');
    const tone = page.getByTestId('alarm-tone');
    await expect(tone).toHaveAttribute('data-state', 'quiet');
    await expect(page.getByTestId('attention-counts')).toHaveAttribute('data-total', '0');
    expect(await starts()).toBe(0);

    await raise(ownHost, { id: 'fire-9', type: 'fire', zone: 'lobby' });
    await expect(tone).toHaveAttribute('data-state', 'sounding');
    await expect(tone).toHaveAttribute('data-tone', 'red');
    expect(await page.evaluate(() => new AudioContext().state)).not.toBe('closed');
    await expect.poll(starts, { timeout: 10_000 }).toBeGreaterThanOrEqual(6);
    await expect(page.getByTestId('attention-counts').locator('[data-severity="red"]')).toHaveAttribute('data-count', '1');
    await expect(page.getByTestId('nav-badge-alerts')).toHaveAttribute('data-count', '1');

    // Acknowledged elsewhere: this page falls silent.
    const other = await ownHost.signedIn('op-ma');
    await other.acknowledgeAlert({ alertId: 'fire-9' });
    await expect(tone).toHaveAttribute('data-state', 'quiet');
    await expect(page.getByTestId('attention-counts')).toHaveAttribute('data-total', '0');
    await expect(page.getByTestId('nav-badge-alerts')).toHaveCount(0);
    const quiet = await starts();
    await page.waitForTimeout(2500); // two red periods: a tone still looping would have started more oscillators
    expect(await starts()).toBe(quiet);

    // An orange alarm: its own tone; silenced here with a reason.
    await raise(ownHost, { id: 'crowd-1', type: 'gathering', zone: 'yard-w' });
    await expect(tone).toHaveAttribute('data-tone', 'orange');
    await page.getByTestId('tone-silence').click();
    await expect(tone.getByRole('button', { name: /本席位静音/ })).toBeDisabled();
    await tone.locator('input[name="silence-reason"]').fill('已电话通知巡逻队，正在处置');
    await tone.getByRole('button', { name: /本席位静音/ }).click();
    await expect(tone).toHaveAttribute('data-state', 'quiet');
    await expect(tone).toHaveAttribute('data-silenced', '1');
    // Silenced is not acknowledged: it still counts and flashes.
    await expect(page.getByTestId('attention-counts').locator('[data-severity="orange"]')).toHaveAttribute('data-count', '1');
    const silenced = await other.queryJournal({ kinds: ['alert.silenced'], limit: 5 });
    expect(silenced.entries).toHaveLength(1);
    expect(silenced.entries[0]).toMatchObject({ actor: 'op-he', payload: { alertIds: ['crowd-1'], reason: '已电话通知巡逻队，正在处置' } });
    // A new alarm sounds again.
    await raise(ownHost, { id: 'fire-10', type: 'fire', zone: 'gate' });
    await expect(tone).toHaveAttribute('data-state', 'sounding');
    await expect(tone).toHaveAttribute('data-tone', 'red');
  });
});

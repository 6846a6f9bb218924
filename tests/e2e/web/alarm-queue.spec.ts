import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HostProcess } from '../../support/hostProcess';
import { expect, test } from './fixtures';
import { AlertsPage } from './pages/AlertsPage';

async function raise(host: HostProcess, alarm: Record<string, unknown>): Promise<void> {
  const token = readFileSync(join(host.dataDir, 'alert-webhook-token'), 'utf8').trim();
  const res = await fetch(`${host.origin}/api/alerts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ occurredAt: Date.now(), ...alarm }),
  });
  expect(res.status).toBe(202);
}

test.describe('the alarm queue narrowed, and the alarms closed this shift (Chromium, host mode, the demo site)', () => {
  test('filters by severity, zone and words and says what it hides; the closed view shows how each alarm ended and its history', async ({ ownHost, page }) => {
    await raise(ownHost, { id: 'fire-1', type: 'fire', zone: 'lobby' });
    await raise(ownHost, { id: 'smoke-1', type: 'smoking', zone: 'yard-w' });
    await raise(ownHost, { id: 'theft-1', type: 'theft', zone: 'lobby' });
    const alerts = new AlertsPage(page);
    await alerts.open(ownHost.urlFor('desk/alerts'), 'op-he');
    await expect(alerts.rows()).toHaveCount(3);
    const filter = page.getByTestId('queue-filter');

    await filter.locator('button[data-severity="red"]').click();
    await expect(alerts.rows()).toHaveCount(1);
    await expect(alerts.row('fire-1')).toBeVisible();
    await expect(page.getByTestId('queue-filter-count')).toHaveText('已筛选：显示 1/3 条未结报警');
    await filter.locator('button[data-severity="red"]').click();
    await filter.locator('select[name="filter-zone"]').selectOption('lobby');
    await expect(alerts.rows()).toHaveCount(2);
    await filter.locator('input[name="filter-text"]').fill('theft');
    await expect(alerts.rows()).toHaveCount(1);
    await expect(alerts.row('theft-1')).toBeVisible();
    // Typing in the search box handles no alarm (the keys are letters).
    await expect(alerts.row('theft-1')).toHaveAttribute('data-status', 'new');
    await filter.locator('input[name="filter-text"]').fill('no such words');
    await expect(page.getByTestId('queue-filter-empty')).toContainText('共 3 条未结');
    await page.getByTestId('queue-filter-clear').click();
    await expect(alerts.rows()).toHaveCount(3);

    // Close two, then look at the shift's closed alarms.
    await alerts.row('smoke-1').click();
    await alerts.press('a');
    await expect(alerts.row('smoke-1')).toHaveAttribute('data-status', 'acknowledged');
    await alerts.closeSelected('nuisance', '', 'f');
    await alerts.row('fire-1').click();
    await alerts.press('a');
    await expect(alerts.row('fire-1')).toHaveAttribute('data-status', 'acknowledged');
    await alerts.closeSelected('real-incident', '垃圾桶起火，已扑灭');
    await page.getByTestId('alerts-view-closed').click();
    const closed = page.getByTestId('closed-list');
    await expect(closed.locator('tbody tr[data-alert]')).toHaveCount(2);
    await expect(closed.locator('tr[data-alert]').first()).toHaveAttribute('data-alert', 'fire-1');
    await expect(closed.locator('tr[data-alert="fire-1"]')).toContainText('真实警情');
    await expect(closed.locator('tr[data-alert="fire-1"]')).toContainText('垃圾桶起火，已扑灭');
    await expect(closed.locator('tr[data-alert="smoke-1"]')).toHaveAttribute('data-code', 'nuisance');
    await closed.locator('tr[data-alert="fire-1"]').click();
    await expect(page.getByTestId('closed-history').locator('li')).toHaveCount(3);
    // A key in the closed view acts on nothing: the open theft alarm stays new.
    await alerts.press('a');
    await page.getByTestId('alerts-view-open').click();
    await expect(alerts.row('theft-1')).toHaveAttribute('data-status', 'new');
  });

  test('assign, dispatch and report choose from the roster, the working groups and the external contacts; "other" is typed', async ({ ownHost, page }) => {
    await raise(ownHost, { id: 'gate-1', type: 'gate-crowd', zone: 'gate' });
    const alerts = new AlertsPage(page);
    await alerts.open(ownHost.urlFor('desk/alerts'), 'op-he');
    await alerts.row('gate-1').click();
    await alerts.press('a');
    await expect(alerts.row('gate-1')).toHaveAttribute('data-status', 'acknowledged');

    // G: a person or a group from the picker (no free text unless "other").
    await alerts.press('g');
    const prompt = page.getByTestId('alert-prompt');
    const pick = prompt.locator('select[name="alert-prompt-pick"]');
    await expect(prompt.locator('input[name="alert-prompt"]')).toHaveCount(0);
    await expect(pick.locator('optgroup[label="工作组"] option[value="group:rapid-response"]')).toHaveText('应急处突组');
    await pick.selectOption('group:rapid-response');
    await prompt.locator('button[type="submit"]').click();
    await expect(prompt).toHaveCount(0);
    await expect(alerts.history().locator('li[data-kind="alert.assigned"]')).toContainText('应急处突组');

    // Report upward: the external contacts come first.
    await alerts.detail().locator('button[data-action="report"]').click();
    await expect(pick.locator('optgroup').first()).toHaveAttribute('label', '外部联络单位');
    await pick.selectOption('police');
    await prompt.locator('button[type="submit"]').click();
    await expect(alerts.history().locator('li[data-kind="alert.reported"]')).toContainText('公安联络（属地派出所）');

    // D with "other": someone not on the roster, typed.
    await alerts.press('d');
    await pick.selectOption({ label: '其他（手动填写）…' });
    await prompt.locator('input[name="alert-prompt"]').fill('物业保安队');
    await prompt.locator('button[type="submit"]').click();
    await expect(alerts.history().locator('li[data-kind="alert.dispatched"]')).toContainText('物业保安队');
    const api = await ownHost.signedIn('op-ma');
    const kinds = await api.queryJournal({ kinds: ['alert.assigned', 'alert.reported', 'alert.dispatched'], limit: 10 });
    expect(kinds.entries.map((e) => [e.kind, (e.payload as { to?: string }).to]).reverse()).toEqual([
      ['alert.assigned', 'group:rapid-response'],
      ['alert.reported', 'police'],
      ['alert.dispatched', '物业保安队'],
    ]);
  });
});

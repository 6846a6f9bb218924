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

test.describe('working an alarm\'s response plan at the desk (Chromium, host mode, the demo site)', () => {
  test('steps are ticked after the acknowledgement and journaled with time and person; resolving waits for the required ones; a step calls its contact and logs the attempt', async ({ ownHost, page }) => {
    await raise(ownHost, { id: 'fe-1', type: 'forced-entry', zone: 'gate' });
    const alerts = new AlertsPage(page);
    await alerts.open(ownHost.urlFor('desk/alerts'), 'op-he');
    await alerts.row('fe-1').click();
    const plan = alerts.detail().getByTestId('alert-plan');
    const step = (id: string) => plan.locator(`li[data-step="${id}"]`);
    await expect(alerts.detail().getByTestId('plan-progress')).toHaveText('已完成 0/3 · 处置完毕前还需完成 2 项');
    // Not acknowledged yet: nothing can be ticked.
    await expect(step('lock-down').getByTestId('plan-step-tick')).toBeDisabled();

    await alerts.press('a');
    await expect(alerts.row('fe-1')).toHaveAttribute('data-status', 'acknowledged');
    await step('lock-down').getByTestId('plan-step-tick').click();
    await expect(step('lock-down')).toHaveAttribute('data-done', 'true');
    await expect(step('lock-down')).toContainText('何静');
    await expect(alerts.history().locator('li[data-kind="alert.step-done"]')).toContainText('封控出入口');

    // Resolving as a real incident is refused while "call 110" is not done; the reason names the step.
    await alerts.press('r');
    const form = page.getByTestId('alert-close');
    await form.locator('input[value="real-incident"]').check();
    await form.locator('textarea[name="closure-note"]').fill('有人撬门');
    await form.locator('button[type="submit"]').click();
    await expect(page.getByTestId('alert-error')).toContainText('call-110');
    await expect(alerts.row('fe-1')).toBeVisible();
    await form.locator('button[type="button"]').last().click();
    await expect(form).toHaveCount(0);

    // The step's call: the police's ladder, the result in one press, logged as a contact attempt.
    await step('call-110').getByTestId('plan-step-call').click();
    const call = step('call-110').getByTestId('quick-call');
    await expect(call).toHaveAttribute('data-contact', 'police');
    await call.locator('button[data-result="answered"]').click();
    await expect(call.getByTestId('quick-call-logged')).toContainText('已记录为 #');
    const api = await ownHost.signedIn('op-ma');
    const attempts = await api.queryJournal({ kinds: ['comms.attempt'], limit: 5 });
    expect(attempts.entries[0]).toMatchObject({ actor: 'op-he', payload: { to: 'police', result: 'answered', message: expect.stringContaining('110') } });

    await step('call-110').getByTestId('plan-step-tick').click();
    await expect(alerts.detail().getByTestId('plan-progress')).toHaveText('已完成 2/3');
    await alerts.closeSelected('real-incident', '有人撬门，已报警');
    await expect(alerts.row('fe-1')).toHaveCount(0);
  });
});

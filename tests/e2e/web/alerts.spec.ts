import { test, expect } from '@playwright/test';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { startHost, type HostProcess } from '../../support/hostProcess';
import { tempDir } from '../../support/paths';
import { waitFor } from '../../support/relayRig';
import { alertSite, ALERT_SUBJECT_ROOT, natsWithMqtt, waitForAck } from '../../unit/alerts/alertRig';
import { AlertsPage } from './pages/AlertsPage';

async function postAlert(host: HostProcess, token: string, body: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${host.origin}/api/alerts`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

test.describe('alerts at the desk (real nats-server, webhook, Chromium)', () => {
  test('bus and webhook alerts reach the queue and the journal; acknowledge and resolve; malformed ones are quarantined; duplicates absorbed; alerts sent while stopped arrive after start', async ({ page }) => {
    const { server } = await natsWithMqtt();
    const nc = await connect({ servers: server.url });
    const site = alertSite([server.url], 'desk-e2e');
    const dataDir = tempDir('alerts-e2e');
    let host = await startHost({ site, dataDir });
    try {
      const api = await host.signedIn('admin-it');
      const { token, enabled } = await api.webhookInfo();
      expect(enabled).toBe(true);
      const js = jetstream(nc);
      const now = Date.now();
      await waitFor(
        async () => js.publish(`${ALERT_SUBJECT_ROOT}.gate`, JSON.stringify({ id: 'bus-1', type: 'conflict', zone: 'gate', occurredAt: now })).then(() => true, () => false),
        15_000,
        'the console to create the alert stream',
      );
      await js.publish(`${ALERT_SUBJECT_ROOT}.gate`, '{"id":"bus-bad","type":"conflict"}');

      expect(await postAlert(host, token, JSON.stringify({ id: 'hook-1', type: 'fire', sensor: 'smoke-lobby', occurredAt: now }))).toEqual({ status: 202, json: { status: 'raised', alertId: 'hook-1' } });
      expect(await postAlert(host, token, JSON.stringify({ id: 'hook-1', type: 'fire', sensor: 'smoke-lobby', occurredAt: now }))).toEqual({ status: 202, json: { status: 'duplicate', alertId: 'hook-1' } });
      const bad = await postAlert(host, token, JSON.stringify({ id: 'hook-bad', type: 'no-such-type', occurredAt: now }));
      expect(bad.status).toBe(400);
      expect(String(bad.json.reason)).toMatch(/^type: "no-such-type"/);
      expect((await fetch(`${host.origin}/api/alerts`, { method: 'POST', body: '{}' })).status).toBe(401);

      const alerts = new AlertsPage(page);
      // The webhook's token is shown to administrators only.
      await alerts.open(host.urlFor('desk/alerts'), 'admin-it');
      await expect(alerts.row('bus-1')).toBeVisible();
      await expect(alerts.row('hook-1')).toBeVisible();
      await expect(alerts.openCount()).toContainText('2');
      const quarantine = alerts.quarantine();
      await expect(quarantine).toContainText('occurredAt:');
      await expect(quarantine).toContainText('type: "no-such-type"');
      await expect(quarantine).toContainText('{"id":"bus-bad","type":"conflict"}');
      await expect(page.getByTestId('webhook-token')).toHaveText(token);

      // The fire (red) is on top; select it, see its zone, cameras, checklist and countdowns; acknowledge with A, resolve with R.
      await expect(alerts.rows().first()).toHaveAttribute('data-alert', 'hook-1');
      await alerts.press('ArrowDown');
      const detail = alerts.detail();
      await expect(detail).toHaveAttribute('data-alert', 'hook-1');
      await expect(detail.getByTestId('alert-cameras').locator('[data-camera="lobby"]')).toBeVisible();
      await expect(detail.getByTestId('alert-countdowns').locator('[data-step="acknowledge"]')).toBeVisible();
      await page.keyboard.press('a');
      await expect(alerts.row('hook-1')).toHaveAttribute('data-status', 'acknowledged');
      await expect(alerts.history().locator('[data-kind="alert.acknowledged"]')).toBeVisible();
      await page.keyboard.press('n');
      await page.fill('input[name="alert-prompt"]', '消防组已出发');
      await page.keyboard.press('Enter');
      await expect(alerts.history()).toContainText('消防组已出发');
      await alerts.closeSelected('real-incident', '消防组扑灭');
      await expect(alerts.row('hook-1')).toHaveCount(0);
      await expect(alerts.openCount()).toContainText('1');

      // A second acknowledgement is refused with a reason.
      await expect(api.acknowledgeAlert({ alertId: 'hook-1' })).rejects.toMatchObject({ code: 'conflict' });
      const journal = await api.queryJournal({ kinds: ['alert.raised', 'alert.acknowledged', 'alert.note', 'alert.resolved', 'alert.quarantined'], limit: 100 });
      expect(journal.entries.map((e) => e.kind).sort()).toEqual(
        ['alert.acknowledged', 'alert.note', 'alert.quarantined', 'alert.quarantined', 'alert.raised', 'alert.raised', 'alert.resolved'].sort(),
      );

      // Duty level: changed with a reason, shown in the top bar.
      await alerts.setDutyLevel(1, '红色告警');
      await expect(alerts.dutyLevel()).toHaveAttribute('data-level', '1');

      // Stop the console; what is published meanwhile arrives when it starts again; a duplicate is absorbed.
      await page.goto('about:blank');
      await host.stop();
      await js.publish(`${ALERT_SUBJECT_ROOT}.lobby`, JSON.stringify({ id: 'while-stopped', type: 'theft', zone: 'stores', occurredAt: Date.now() }));
      const duplicate = await js.publish(`${ALERT_SUBJECT_ROOT}.gate`, JSON.stringify({ id: 'bus-1', type: 'conflict', zone: 'gate', occurredAt: now }));
      host = await startHost({ site, dataDir });
      await alerts.open(host.urlFor('desk/alerts'));
      await expect(alerts.row('while-stopped')).toBeVisible();
      await expect(alerts.dutyLevel()).toHaveAttribute('data-level', '1');
      await waitForAck(nc, duplicate, 'the duplicate taken and acknowledged');
      const raised = await (await host.signedIn()).queryJournal({ kinds: ['alert.raised'], limit: 100 });
      expect(raised.entries.map((e) => (e.payload as { alertId: string }).alertId).sort()).toEqual(['bus-1', 'hook-1', 'while-stopped']);
    } finally {
      await host.stop();
      await nc.close();
      await server.stop();
    }
  });
});

import { expect, test } from '@playwright/test';
import { alertById } from '../../../shared/state/alertsDomain';
import { startHost, type HostProcess } from '../../support/hostProcess';
import { NatsServer } from '../../support/natsServer';
import { waitFor } from '../../support/relayRig';
import { alertSite } from '../../unit/alerts/alertRig';
import { AlertsPage } from './pages/AlertsPage';
import { WallPage } from './pages/WallPage';

async function postAlert(host: HostProcess, token: string, alert: Record<string, unknown>): Promise<number> {
  const res = await fetch(`${host.origin}/api/alerts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(alert),
  });
  return res.status;
}

test.describe('one site, several consoles (real nats-server, three host processes, Chromium)', () => {
  test('an alert acknowledged at desk A shows acknowledged at desk B and leaves the wall; two desks acknowledging at once agree', async ({ browser }) => {
    const nats = await NatsServer.start();
    const site = alertSite([nats.url], 'site-consoles');
    const hosts: HostProcess[] = [];
    try {
      const deskA = await startHost({ site });
      hosts.push(deskA);
      const deskB = await startHost({ site });
      hosts.push(deskB);
      const wall = await startHost({ site, station: 'wall' });
      hosts.push(wall);
      const apiA = await deskA.signedIn('admin-it');
      const apiB = await deskB.signedIn('admin-it');
      const { token } = await apiA.webhookInfo(); // each console has its own webhook token

      const pageA = await browser.newPage({ viewport: { width: 1600, height: 900 } });
      const pageB = await browser.newPage({ viewport: { width: 1600, height: 900 } });
      const wallPage = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      const alertsA = new AlertsPage(pageA);
      const alertsB = new AlertsPage(pageB);
      await alertsA.open(deskA.urlFor('desk/alerts'));
      await alertsB.open(deskB.urlFor('desk/alerts'));
      await wallPage.goto(wall.urlFor('wall/1'));
      const wallScreen = WallPage.screen(wallPage);

      // A camera-linked alert enters at desk A; every console sees it, the wall pops the camera up.
      expect(await postAlert(deskA, token, { id: 'multi-1', type: 'door-forced', camera: 'gate-01', occurredAt: Date.now() })).toBe(202);
      for (const alerts of [alertsA, alertsB]) await expect(alerts.row('multi-1')).toBeVisible({ timeout: 15_000 });
      const spot = wallScreen.spotlight();
      await expect(spot).toHaveAttribute('data-alert', 'multi-1', { timeout: 15_000 });
      await expect(wallPage.getByTestId('wall-alarm')).toBeVisible();
      // The wall station is a console of its own: it sounds the alarm's tone too, with nothing to press (nobody signs in there).
      const wallTone = wallPage.getByTestId('alarm-tone');
      await expect(wallTone).toHaveAttribute('data-state', 'sounding');
      await expect(wallTone).toHaveAttribute('data-tone', 'red');
      await expect(wallPage.getByTestId('tone-silence')).toHaveCount(0);

      // Acknowledged at desk A by keyboard: desk B shows it acknowledged, the wall lets it go after its hold.
      await alertsA.press('ArrowDown');
      await expect(alertsA.detail()).toHaveAttribute('data-alert', 'multi-1');
      await pageA.keyboard.press('a');
      await expect(alertsB.row('multi-1')).toHaveAttribute('data-status', 'acknowledged', { timeout: 5_000 });
      await expect(wallTone).toHaveAttribute('data-state', 'quiet');
      await expect(wallPage.getByTestId('wall-alarm')).toHaveCount(0, { timeout: 30_000 });

      // Both desks acknowledge the same new alert at the same moment: one wins, the same one everywhere.
      expect(await postAlert(deskB, (await apiB.webhookInfo()).token, { id: 'multi-2', type: 'conflict', zone: 'gate', occurredAt: Date.now() })).toBe(202);
      await waitFor(async () => {
        const [a, b] = await Promise.all([apiA.getSiteState(), apiB.getSiteState()]);
        return alertById(a.state.alerts, 'multi-2') !== undefined && alertById(b.state.alerts, 'multi-2') !== undefined;
      }, 15_000, 'the second alert on both desks');
      const results = await Promise.allSettled([apiA.acknowledgeAlert({ alertId: 'multi-2' }), apiB.acknowledgeAlert({ alertId: 'multi-2' })]);
      expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
      const apiWall = wall.api();
      let winners: (string | undefined)[] = [];
      await waitFor(async () => {
        const states = await Promise.all([apiA.getSiteState(), apiB.getSiteState(), apiWall.getSiteState()]);
        winners = states.map((s) => alertById(s.state.alerts, 'multi-2')?.ackBy);
        const histories = states.map((s) => JSON.stringify(alertById(s.state.alerts, 'multi-2')?.history ?? []));
        return winners.every((w) => w !== undefined && w === winners[0]) && histories.every((h) => h === histories[0]);
      }, 15_000, 'the three consoles to agree on who acknowledged');
      for (const alerts of [alertsA, alertsB]) await expect(alerts.row('multi-2')).toHaveAttribute('data-status', 'acknowledged');
      await pageA.close();
      await pageB.close();
      await wallPage.close();
    } finally {
      for (const h of hosts.reverse()) await h.stop();
      await nats.stop();
    }
  });
});

import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startHost } from '../../support/hostProcess';
import { repoRoot } from '../../support/paths';
import { copyDemoSite } from '../../support/siteCopy';
import { expect, test } from './fixtures';
import { AlertsPage } from './pages/AlertsPage';

const run = promisify(execFile);

// The demo site takes alarms out of the box: its webhook is on, served on the
// host's own port, and `npm run demo:alarms` (out/main/demo-alarms.js) finds
// the running console from its data folder, as a newcomer would run it.
test('alarms sent by npm run demo:alarms arrive at the demo desk with no configuration', async ({ ownHost, page }) => {
  const alerts = new AlertsPage(page);
  await alerts.open(ownHost.urlFor('desk/alerts'), 'admin-it');
  // The desk says where to post and with which token: the page's own origin.
  await expect(page.getByTestId('webhook-url')).toHaveText(`${ownHost.origin}/api/alerts`);
  await expect(page.getByTestId('webhook-token')).toHaveText(/^[0-9a-f]{48}$/);

  const { stdout } = await run(process.execPath, [join(repoRoot, 'out', 'main', 'demo-alarms.js'), '--data-dir', ownHost.dataDir, '--count', '6', '--every', '0.05']);
  expect(stdout).toContain(`to ${ownHost.origin}/api/alerts`);
  expect(stdout.trim().split('\n').at(-1)).toBe('6 sent, 0 refused');
  const raised = [...stdout.matchAll(/ sent {4}(\S+) /g)].map((m) => m[1] ?? '');
  expect(raised.length).toBeGreaterThan(0);
  for (const id of raised) await expect(alerts.row(id)).toBeVisible();
  await expect(alerts.rows()).toHaveCount(raised.length);
});

test('npm start -- --demo-alarms: alarms arrive at the demo desk by themselves, through its own webhook', async ({ page }) => {
  const host = await startHost({ extraArgs: ['--demo-alarms'] });
  try {
    const alerts = new AlertsPage(page);
    await alerts.open(host.urlFor('desk/alerts'));
    // The stream's mean gap is 6 s (clusters and lulls): give it a minute for two.
    await expect.poll(() => alerts.rows().count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
    const raised = await (await host.signedIn()).queryJournal({ kinds: ['alert.raised'], limit: 10 });
    expect(raised.entries.length).toBeGreaterThanOrEqual(2);
    for (const entry of raised.entries) expect(entry).toMatchObject({ actor: 'system', mode: 'LIVE', payload: { source: 'webhook' } });
  } finally {
    await host.stop();
  }
});

test('--demo-alarms on a site that is not a demo is refused before the console listens', async () => {
  const site = copyDemoSite((s) => {
    s.demo = false;
  });
  await expect(startHost({ site, extraArgs: ['--demo-alarms'] })).rejects.toThrow(/exited with 2 before printing its URL:[\s\S]*--demo-alarms is for a demo site/);
});

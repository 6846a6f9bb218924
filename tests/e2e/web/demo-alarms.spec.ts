import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../../support/paths';
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

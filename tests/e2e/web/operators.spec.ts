import type { JournalEntry } from '../../../shared/journal/entry';
import { ConsoleError } from '../../../shared/errors';
import { startHost, type HostProcess } from '../../support/hostProcess';
import { copyDemoSite } from '../../support/siteCopy';
import { expect, test } from './fixtures';
import { JournalPage } from './pages/JournalPage';
import { SessionPage } from './pages/SessionPage';
import { WallPage } from './pages/WallPage';

/** Operators at the desk (issue 15): set-up, sign-in, the lock, two at one desk, handover, four eyes, the wall, roles. */

async function newest(host: HostProcess, kind: string, text?: string): Promise<JournalEntry | undefined> {
  const reader = await host.signedIn('eval-qian');
  return (await reader.queryJournal({ kinds: [kind], limit: 5, ...(text ? { text } : {}) })).entries[0];
}

async function postAlert(host: HostProcess, token: string, body: Record<string, unknown>): Promise<number> {
  const res = await fetch(`${host.origin}/api/alerts`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return res.status;
}

test.describe('operators at the desk', () => {
  test('a first start asks for the first administrator over a live desk, then signs them in', async ({ page }) => {
    const host = await startHost({ accounts: false });
    try {
      await page.goto(host.urlFor('desk'));
      const setup = page.getByTestId('setup-form');
      await expect(setup).toBeVisible();
      // The desk underneath is live: the wall's tiles are there.
      await expect(page.locator('.tile[data-camera]').first()).toBeVisible();
      await setup.locator('input[name="id"]').fill('chief-wu');
      await setup.locator('input[name="name"]').fill('Wu Chief');
      await setup.locator('input[name="password"]').fill('password123');
      await setup.locator('input[name="pin"]').fill('123456');
      await setup.getByTestId('setup-submit').click();
      // Common secrets are refused per field, in the user's words.
      await expect(setup.locator('.field__error').first()).toBeVisible();
      await setup.locator('input[name="password"]').fill('north-gate-7731');
      await setup.locator('input[name="pin"]').fill('730519');
      await setup.getByTestId('setup-submit').click();
      const session = new SessionPage(page);
      await expect(session.person('chief-wu')).toBeVisible();
      await expect(session.person('chief-wu')).toHaveAttribute('data-owner', 'true');
      await expect(page.getByTestId('setup-form')).toHaveCount(0);
      // An administrator sees the accounts section.
      await expect(page.locator('.rail [data-section="accounts"]')).toBeVisible();
    } finally {
      await host.stop();
    }
  });

  test('a wrong password gets one generic message; the desk stays closed', async ({ host, page, session }) => {
    await page.goto(host.urlFor('desk'));
    await session.signIn('op-he', { password: 'not-the-password', expectOk: false });
    await expect(session.error()).toHaveText(/账户、密码或 PIN 错误|Wrong account, password or PIN/);
    await expect(page.getByTestId('sign-in-overlay')).toBeVisible();
  });

  test('sign in, act, lock now; an alarm arriving through the lock shows on it; a PIN unlocks', async ({ page, session }) => {
    const site = copyDemoSite((s) => {
      s.alerts = { webhook: { enabled: true } };
    });
    const host = await startHost({ site });
    try {
      const { token } = await (await host.signedIn('admin-it')).webhookInfo();
      await session.openSignedIn(host.urlFor('desk/alerts'), 'op-he');
      expect(await postAlert(host, token, { id: 'lock-1', type: 'fire', sensor: 'smoke-lobby', occurredAt: Date.now() })).toBe(202);
      const row = page.locator('[data-testid="alert-queue"] tr[data-alert="lock-1"]');
      await row.click();
      await page.getByTestId('alert-detail').locator('[data-action="ack"]').click();
      await expect(page.getByTestId('alert-history').locator('[data-kind="alert.acknowledged"]')).toBeVisible();
      expect((await newest(host, 'alert.acknowledged'))?.actor).toBe('op-he');

      await session.lockNow();
      expect(await postAlert(host, token, { id: 'lock-2', type: 'fire', sensor: 'smoke-lobby', occurredAt: Date.now() })).toBe(202);
      // Through the lock: the lock panel lists the new alarm, and the queue underneath keeps updating.
      await expect(session.lockOverlay().getByTestId('open-alarms').locator('[data-alert="lock-2"]')).toBeVisible();
      await expect(page.locator('[data-testid="alert-queue"] tr[data-alert="lock-2"]')).toBeAttached();
      const locked = await newest(host, 'operator.locked');
      expect(locked?.payload).toMatchObject({ why: 'operator', people: ['op-he'] });

      await session.unlock('op-he', '000000');
      await expect(session.lockOverlay().getByTestId('session-error')).toBeVisible();
      await session.unlock('op-he');
      await expect(session.lockOverlay()).toHaveCount(0);
      expect((await newest(host, 'operator.unlocked'))?.actor).toBe('op-he');
    } finally {
      await host.stop();
    }
  });

  test('the desk locks by itself after the site idle time', async ({ session }) => {
    test.setTimeout(150_000);
    const host = await startHost({ site: copyDemoSite((s) => void (s.access = { idleLockMinutes: 1 })) });
    try {
      await session.openSignedIn(host.urlFor('desk'), 'op-ma');
      // No keyboard or pointer input for a minute (the core sweeps every 5 s).
      await expect(session.lockOverlay()).toBeVisible({ timeout: 80_000 });
      expect((await newest(host, 'operator.locked'))?.payload).toMatchObject({ why: 'idle' });
      await session.unlock('op-ma');
      await expect(session.lockOverlay()).toHaveCount(0);
    } finally {
      await host.stop();
    }
  });

  test('two operators at one desk; the keyboard changes hands by PIN and the journal names who acted', async ({ host, page, session }) => {
    const journal = new JournalPage(page);
    await session.openSignedIn(host.urlFor('desk/journal'), 'op-he');
    await session.addPerson('op-ma');
    await expect(session.person('op-ma')).toHaveAttribute('data-owner', 'true');
    await expect(session.person('op-he')).toHaveAttribute('data-owner', 'false');
    await journal.writeNote('第二人记录 two-at-desk-ma');
    await expect(journal.rows().first()).toContainText('two-at-desk-ma');
    await session.takeKeyboard('op-he');
    await journal.writeNote('第一人记录 two-at-desk-he');
    await expect(journal.rows().first()).toContainText('two-at-desk-he');
    expect((await newest(host, 'note', 'two-at-desk-ma'))?.actor).toBe('op-ma');
    expect((await newest(host, 'note', 'two-at-desk-he'))?.actor).toBe('op-he');
    expect((await newest(host, 'operator.switched'))?.payload).toMatchObject({ account: 'op-he' });
  });

  test('a handover is accepted by the incoming officer signing in on it; on duty follows', async ({ page, session }) => {
    const host = await startHost();
    try {
      await session.openSignedIn(host.urlFor('desk/journal'), 'op-he');
      await expect(page.getByTestId('on-duty')).toContainText('何静');
      await page.getByRole('tab', { name: /交接班|Handover/ }).click();
      await expect(page.locator('select[name="outgoing"]')).toHaveValue('op-he');
      await page.selectOption('select[name="incoming"]', 'op-ma');
      await page.fill('textarea[name="text"]', '交班：东侧围墙待修');
      await page.getByTestId('composer-submit').click();
      await expect(new JournalPage(page).rows().first()).toContainText('何静 → 马林');

      await session.strip().getByTestId('add-person').click();
      await session.signInForm().locator('select[name="account"]').selectOption('op-ma');
      await expect(session.signInForm().getByTestId('accept-handover')).toContainText('何静');
      await session.signIn('op-ma', { handover: true });
      // The outgoing officer is signed out of this desk; the incoming one is on duty.
      await expect(session.person('op-he')).toHaveCount(0);
      await expect(page.getByTestId('on-duty')).toContainText('马林');
      await expect(page.getByTestId('on-duty')).not.toContainText('何静');
      const reader = await host.signedIn('eval-qian');
      const signedIn = (await reader.queryJournal({ kinds: ['operator.signedIn'], limit: 10 })).entries.find((e) => (e.payload as { account: string }).account === 'op-ma');
      expect((signedIn?.payload as { handover?: string }).handover).toBeDefined();
    } finally {
      await host.stop();
    }
  });

  test('a supervisor approves a mask lift with their PIN for the operator at the keyboard', async ({ page, session }) => {
    const host = await startHost();
    try {
      const api = await host.signedIn('op-he');
      await api.wallSetLayout({ wall: 'wall-1', layout: '4' });
      await api.wallPush({ wall: 'wall-1', tile: 0, camera: 'gate-02' });
      await session.openSignedIn(host.urlFor('desk'), 'op-guo');
      const desk = WallPage.atDesk(page);
      const tile = desk.tileOf('gate-02');
      await expect(tile.locator('.tile__mask').first()).toBeVisible();
      await tile.hover();
      await tile.getByTestId('mask-lift').first().click();
      await page.getByTestId('mask-reason').fill('事件 9：核对车辆');
      await page.getByTestId('mask-confirm').click();
      await session.approve('duty-liu');
      await expect(tile.locator('.tile__mask--lifted')).toHaveCount(1);
      const lifted = await newest(host, 'wall.mask-lifted');
      expect(lifted?.actor).toBe('op-guo');
      expect(lifted?.payload).toMatchObject({ camera: 'gate-02', approvedBy: 'duty-liu', reason: '事件 9：核对车辆' });
    } finally {
      await host.stop();
    }
  });

  test('a wall station is a display: no sign-in, and it cannot acknowledge', async ({ page }) => {
    const wall = await startHost({ station: 'wall' });
    try {
      await page.goto(wall.urlFor('wall/1'));
      await expect(page.locator('.tile[data-camera]').first()).toBeVisible();
      await expect(page.getByTestId('sign-in-form')).toHaveCount(0);
      await expect(page.getByTestId('setup-form')).toHaveCount(0);
      const api = wall.api();
      const session = await api.getSession();
      expect(session.station).toBe('wall');
      expect(session.accounts).toEqual([]);
      const refused = await api.acknowledgeAlert({ alertId: 'any' }).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(refused).toBeInstanceOf(ConsoleError);
      expect((refused as ConsoleError).code).toBe('forbidden');
      await expect(api.signIn({ accountId: 'op-he', password: 'gate-watch-4417' })).rejects.toMatchObject({ code: 'forbidden' });
    } finally {
      await wall.stop();
    }
  });

  test('the desk hides what the role at the keyboard cannot do', async ({ host, page, session }) => {
    // An observer reads the journal but has no composer, and no alert actions.
    await session.openSignedIn(host.urlFor('desk/journal'), 'eval-qian');
    await expect(page.getByTestId('journal-panel')).toBeVisible();
    await expect(page.getByTestId('composer')).toHaveCount(0);
    await page.locator('.rail [data-section="alerts"]').click();
    await expect(page.getByTestId('alerts-section')).toBeVisible();
    await expect(page.locator('[data-action="ack"]')).toHaveCount(0);
    await expect(page.locator('.rail [data-section="accounts"]')).toHaveCount(0);

    // An operator has the composer, but no accounts section.
    const other = new SessionPage(await page.context().newPage());
    try {
      await other.page.setViewportSize({ width: 1600, height: 900 });
      await other.openSignedIn(host.urlFor('desk/journal'), 'op-guo');
      await expect(other.page.getByTestId('composer')).toBeVisible();
      await expect(other.page.locator('.rail [data-section="accounts"]')).toHaveCount(0);
    } finally {
      await other.page.close();
    }
  });
});

import { expect, test } from '@playwright/test';
import { jetstream } from '@nats-io/jetstream';
import { connect, headers } from '@nats-io/transport-node';
import { journalSubject, JOURNAL_HEADERS } from '../../../electron/core/sync/subjects';
import { GENESIS_HASH, type JournalEntry } from '../../../shared/journal/entry';
import { alertList } from '../../../shared/state/alertsDomain';
import { makeEntry } from '../../support/entries';
import { startHost } from '../../support/hostProcess';
import { NatsServer } from '../../support/natsServer';
import { waitFor } from '../../support/relayRig';
import { SessionPage } from './pages/SessionPage';
import { enrolledConsoleDir, siteOnBus } from '../../support/siteConsoles';

const SITE = 'demo-harbour-hotel';

test.describe('a console the site has not enrolled (real nats-server, host process, Chromium)', () => {
  test('is named on the desk as an unknown console and nothing it sends is folded', async ({ page }) => {
    const nats = await NatsServer.start();
    const dirA = enrolledConsoleDir('c-deskaaaaaaaa');
    const host = await startHost({ site: siteOnBus([nats.url], [dirA]), dataDir: dirA.dataDir });
    const nc = await connect({ servers: nats.url });
    try {
      await page.goto(host.urlFor('desk'));
      const rogue = 'c-rogue0000001';
      const entries: JournalEntry[] = [];
      let prev = { seq: 0, hash: GENESIS_HASH };
      for (const [kind, payload] of [
        ['journal.segment', { reason: 'new', publicKey: dirA.publicKey }],
        ['alert.raised', { alertId: 'fake-red-1', source: 'nats', type: 'unauthorised-exit', severity: 'red', zone: 'gate', cameras: [], occurredAt: Date.now(), mode: 'LIVE' }],
      ] as const) {
        const e = makeEntry({ site: SITE, console: rogue, seq: prev.seq + 1, prevHash: prev.hash, kind, payload, occurredAt: Date.now() });
        entries.push(e);
        prev = { seq: e.seq, hash: e.hash };
      }
      const h = headers();
      h.set(JOURNAL_HEADERS.console, rogue);
      h.set(JOURNAL_HEADERS.mode, 'LIVE');
      h.set(JOURNAL_HEADERS.firstSeq, '1');
      h.set(JOURNAL_HEADERS.lastSeq, String(entries.length));
      h.set(JOURNAL_HEADERS.count, String(entries.length));
      // The desk's relay makes the site's journal stream when it connects: publish once it is there.
      await waitFor(
        async () => {
          try {
            await jetstream(nc).publish(journalSubject(SITE, rogue, 'LIVE'), entries.map((e) => JSON.stringify(e)).join('\n'), { headers: h });
            return true;
          } catch {
            return false;
          }
        },
        15_000,
        'the site journal stream',
      );

      const unknown = page.getByTestId('peers-unknown');
      await expect(unknown).toBeVisible({ timeout: 15_000 });
      await expect(page.getByTestId('peers-badge')).toHaveAttribute('title', /c-rogue0000001.*非本站登记的控制台.*2 条记录另行保存.*未在本站登记.*其密钥 SHA256:/s);
      // Even claiming desk A's own key in its segment, its alert is not on the desk.
      const state = await (await host.signedIn()).getSiteState();
      expect(alertList(state.state.alerts)).toHaveLength(0);
    } finally {
      await nc.close();
      await host.stop();
      await nats.stop();
    }
  });

  test('a supervisor enrols it at the desk with the key read off its own screen; what it signed then counts', async ({ browser }) => {
    const nats = await NatsServer.start();
    const dirA = enrolledConsoleDir('c-deskaaaaaaaa');
    const dirC = enrolledConsoleDir('c-deskcccccccc');
    // The site file lists desk A only: desk C is a new console of the site, not yet enrolled.
    const site = siteOnBus([nats.url], [dirA]);
    const hostA = await startHost({ site, dataDir: dirA.dataDir });
    const hostC = await startHost({ site, dataDir: dirC.dataDir });
    const pageA = await browser.newPage();
    const pageC = await browser.newPage();
    try {
      await (await hostC.signedIn('duty-liu')).appendEntry({ kind: 'handover', payload: { outgoing: 'duty-liu', incoming: 'duty-sun', summary: 'C 交班' } });
      await pageA.goto(hostA.urlFor('desk/consoles'));
      const sessionA = new SessionPage(pageA);
      await sessionA.signIn('op-he');
      const rowC = pageA.locator('[data-testid="consoles-table"] tr[data-console="c-deskcccccccc"]');
      await expect(rowC).toHaveAttribute('data-unknown', 'true', { timeout: 20_000 });
      expect((await (await hostA.signedIn()).getSiteState()).state.duty.lastHandover?.incoming).not.toBe('duty-sun');

      // Desk C shows its own key; the supervisor reads it off that screen.
      await pageC.goto(hostC.urlFor('desk/consoles'));
      const keyC = await pageC.getByTestId('console-self-key').inputValue();
      expect(keyC).toBe(dirC.publicKey);
      const fingerprintC = (await pageC.getByTestId('console-self-fingerprint').textContent()) ?? '';
      expect(fingerprintC).toMatch(/^SHA256:[0-9a-f]{16}$/);

      // An operator alone may not enrol (four eyes): the desk asks for a supervisor; cancelled, nothing is enrolled.
      await rowC.getByTestId('consoles-enrol-pick').click();
      const form = pageA.getByTestId('consoles-enrol');
      await form.locator('textarea[name="enrolKey"]').fill(keyC);
      await expect(form.getByTestId('enrol-fingerprint')).toHaveAttribute('data-matches', 'true');
      await expect(form.getByTestId('enrol-fingerprint')).toContainText(fingerprintC);
      await form.locator('input[name="enrolReason"]').fill('密钥在C台屏幕上核对，刘洋');
      await form.getByTestId('enrol-submit').click();
      await expect(pageA.getByTestId('approval-dialog')).toBeVisible();
      await pageA.getByTestId('approval-dialog').getByRole('button', { name: /取消|Cancel/ }).click();
      await expect(form.getByRole('alert')).toBeVisible();
      await expect(rowC).toHaveAttribute('data-unknown', 'true');

      // A supervisor (duty officer) signed in at the same desk makes the second pair of eyes.
      await sessionA.addPerson('duty-liu');
      await form.getByTestId('enrol-submit').click();
      await expect(form.getByTestId('enrol-done')).toContainText('c-deskcccccccc');
      await expect(rowC).toHaveAttribute('data-unknown', 'false', { timeout: 20_000 });
      // C's handover, written before it was enrolled, now counts at A.
      await expect.poll(async () => (await hostA.api().getSiteState()).state.duty.lastHandover?.incoming, { timeout: 20_000 }).toBe('duty-sun');
      const enrolled = await (await hostA.signedIn()).queryJournal({ kinds: ['console.enrolled'], limit: 5 });
      expect(enrolled.entries).toHaveLength(1);
      expect(enrolled.entries[0]).toMatchObject({ actor: 'duty-liu', payload: { consoleId: 'c-deskcccccccc', publicKey: dirC.publicKey } });
    } finally {
      await pageA.close();
      await pageC.close();
      await hostC.stop();
      await hostA.stop();
      await nats.stop();
    }
  });
});

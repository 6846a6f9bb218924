import { jetstream } from '@nats-io/jetstream';
import { connect, headers } from '@nats-io/transport-node';
import Database from 'better-sqlite3';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConsoleApi } from '../../../shared/contract';
import { canonicalJson } from '../../../shared/journal/canonical';
import type { JournalEntry } from '../../../shared/journal/entry';
import type { JournalService } from '../../../electron/core/journal/service';
import { JOURNAL_HEADERS, journalSubject } from '../../../electron/core/sync/subjects';
import { openTestJournal } from '../../support/journal';
import { startHost } from '../../support/hostProcess';
import { NatsServer } from '../../support/natsServer';
import { tempDir } from '../../support/paths';
import { copyDemoSite } from '../../support/siteCopy';
import { expect, test } from './fixtures';
import { JournalPage } from './pages/JournalPage';

// Issue 13 §2: a rewrite of the journal file under a running console is shown on the desk AND the wall.

test('a rewrite under a running console: the full walk finds it and both the desk and the wall show the banner', async ({ browser }) => {
  const dataDir = tempDir('rewrite-e2e');
  const host = await startHost({ dataDir });
  const desk = await browser.newPage();
  const wall = await browser.newPage();
  try {
    const api = await host.signedIn();
    for (let i = 0; i < 20; i++) await api.appendEntry({ kind: 'note', payload: { text: `夜班记录 ${i}` } });
    expect((await api.verifyJournal()).state).toBe('ok');
    const journal = new JournalPage(desk);
    await journal.open(host.urlFor('desk/journal'));
    await wall.goto(host.urlFor('wall/1'));
    await expect(wall.getByTestId('wall-view')).toBeVisible();
    await expect(wall.getByTestId('journal-banner')).toHaveCount(0);

    // Rewritten in the file while the console runs (another process's connection).
    const db = new Database(join(dataDir, 'journal', 'journal.sqlite'));
    db.exec(`DROP TRIGGER entries_no_update; UPDATE entries SET payload = '{"text":"什么也没发生"}' WHERE seq = 8;`);
    db.close();
    // The same walk from #1 the background schedule runs every 4 minutes, asked for now.
    const status = await api.verifyJournal();
    expect(['broken', 'recovered']).toContain(status.state);

    for (const page of [desk, wall]) {
      const banner = page.getByTestId('journal-banner');
      await expect(banner).toHaveAttribute('data-state', 'recovered');
      await expect(banner).toContainText('entry #8');
      await expect(page.getByTestId('integrity-chain').first()).toContainText('断链后新分段');
    }
    // Only the desk acknowledges; the wall shows it without controls.
    await expect(wall.getByTestId('journal-banner').getByRole('button')).toHaveCount(0);
    await expect(desk.getByTestId('journal-banner').getByRole('button', { name: '知悉' })).toBeVisible();
  } finally {
    await desk.close();
    await wall.close();
    await host.stop();
  }
});

async function published(api: ConsoleApi): Promise<void> {
  await expect
    .poll(async () => {
      const up = (await api.getJournalStatus()).upstream;
      return up.configured && up.state === 'connected' && up.behind === 0;
    }, { timeout: 30_000 })
    .toBe(true);
}

test('an older copy of the data folder restored while upstream holds more: the desk and the wall show the divergence, not "behind 0"', async ({ browser }) => {
  const nats = await NatsServer.start();
  const site = copyDemoSite((s) => {
    s.bus = { servers: [nats.url] };
  });
  const dataDir = tempDir('diverge-e2e');
  const backup = tempDir('diverge-e2e-backup');
  try {
    const first = await startHost({ site, dataDir });
    for (let i = 0; i < 3; i++) await (await first.signedIn()).appendEntry({ kind: 'note', payload: { text: `早班记录 ${i}` } });
    await published(await first.signedIn());
    await first.stop();
    cpSync(dataDir, backup, { recursive: true });
    const second = await startHost({ site, dataDir });
    for (let i = 0; i < 10; i++) await (await second.signedIn()).appendEntry({ kind: 'note', payload: { text: `晚班记录 ${i}` } });
    await published(await second.signedIn());
    const upstreamHead = (await (await second.signedIn()).getJournalStatus()).headSeq;
    await second.stop();

    const restored = await startHost({ site, dataDir: backup });
    const desk = await browser.newPage();
    const wall = await browser.newPage();
    try {
      await desk.goto(restored.urlFor('desk/journal'));
      await wall.goto(restored.urlFor('wall/1'));
      for (const page of [desk, wall]) {
        const banner = page.getByTestId('upstream-banner');
        await expect(banner).toBeVisible({ timeout: 30_000 });
        await expect(banner).toHaveAttribute('data-upstream-seq', String(upstreamHead));
        await expect(banner).toContainText('上级副本与本机日志的历史不一致');
        await expect(page.getByTestId('integrity-upstream').first()).toContainText(`上级记录在 #${upstreamHead} 处不一致`);
      }
      const up = (await (await restored.signedIn()).getJournalStatus()).upstream;
      expect(up.configured && up.divergence?.upstreamSeq).toBe(upstreamHead);
    } finally {
      await desk.close();
      await wall.close();
      await restored.stop();
    }
  } finally {
    await nats.stop();
  }
});

/** Publishes a journal's entries on its console's subject, as that console's relay would. */
async function publishAs(url: string, siteId: string, consoleId: string, entries: readonly JournalEntry[]): Promise<void> {
  const nc = await connect({ servers: url });
  try {
    const h = headers();
    h.set(JOURNAL_HEADERS.console, consoleId);
    h.set(JOURNAL_HEADERS.mode, 'LIVE');
    h.set(JOURNAL_HEADERS.firstSeq, String(entries[0]!.seq));
    h.set(JOURNAL_HEADERS.lastSeq, String(entries.at(-1)!.seq));
    h.set(JOURNAL_HEADERS.count, String(entries.length));
    await jetstream(nc).publish(journalSubject(siteId, consoleId, 'LIVE'), entries.map((e) => canonicalJson(e)).join('\n'), { headers: h });
  } finally {
    await nc.close();
  }
}

test('a peer console that starts its history again at #1 is named as divergent on the desk and the wall', async ({ browser }) => {
  const nats = await NatsServer.start();
  const site = copyDemoSite((s) => {
    s.bus = { servers: [nats.url] };
  });
  const siteId = (JSON.parse(readFileSync(site, 'utf8')) as { id: string }).id;
  const peerId = 'c-peerwitness01';
  const host = await startHost({ site });
  const journals: JournalService[] = [];
  const desk = await browser.newPage();
  const wall = await browser.newPage();
  try {
    const first = (await openTestJournal({ consoleId: peerId, site: siteId })).journal;
    journals.push(first);
    await first.append({ kind: 'note', payload: { text: 'peer note' } }, { actor: 'duty-liu' });
    const witnessed = await first.entriesAfter(0, 100);
    await publishAs(nats.url, siteId, peerId, witnessed);
    await expect.poll(async () => (await (await host.signedIn()).getPeers()).find((p) => p.console === peerId)?.held ?? 0, { timeout: 30_000 }).toBe(witnessed.at(-1)!.seq);

    const again = (await openTestJournal({ consoleId: peerId, site: siteId })).journal;
    journals.push(again);
    for (let i = 0; i < 3; i++) await again.append({ kind: 'note', payload: { text: `other ${i}` } }, { actor: 'duty-liu' });
    await publishAs(nats.url, siteId, peerId, await again.entriesAfter(0, 100));

    await desk.goto(host.urlFor('desk/journal'));
    await wall.goto(host.urlFor('wall/1'));
    for (const page of [desk, wall]) {
      const banner = page.getByTestId('peer-witness-banner');
      await expect(banner).toBeVisible({ timeout: 30_000 });
      await expect(banner.locator(`[data-console="${peerId}"]`)).toHaveAttribute('data-seq', '1');
      await expect(banner).toContainText(`控制台 ${peerId} 发来的 #1 哈希为 ${(await again.entriesAfter(0, 1))[0]!.hash.slice(0, 16)}`);
      await expect(banner).toContainText(witnessed[0]!.hash.slice(0, 16));
    }
  } finally {
    await desk.close();
    await wall.close();
    for (const j of journals) await j.close();
    await host.stop();
    await nats.stop();
  }
});

import Database from 'better-sqlite3';
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../shared/journal/canonical';
import { entryHash, type JournalRow } from '../../../electron/core/journal/chain';
import type { JournalService } from '../../../electron/core/journal/service';
import { systemClock } from '../../../electron/core/support/clock';
import { openTestJournal } from '../../support/journal';
import { NatsServer } from '../../support/natsServer';
import { tempDir } from '../../support/paths';
import { LIVE_SUBJECT, startRelay, waitFor } from '../../support/relayRig';
import { readUpstream } from '../../support/upstream';

// Issue 13 §2, the upstream witness: on every (re)connect the relay compares the upstream's last entry with ours.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function open(dataDir?: string): Promise<{ journal: JournalService; dataDir: string }> {
  const { journal, dataDir: dir } = await openTestJournal({ clock: systemClock, ...(dataDir ? { dataDir } : {}) });
  return { journal, dataDir: dir };
}

async function notes(journal: JournalService, count: number, label: string): Promise<void> {
  await journal.appendMany(Array.from({ length: count }, (_, i) => ({ kind: 'note', payload: { text: `${label} ${i}` } })), { actor: 'duty-liu' });
}

/** Entry `seq`'s text rewritten in the file and every later entry re-hashed: a chain that holds together locally. */
function rewriteFrom(file: string, seq: number, text: string): void {
  const db = new Database(file);
  db.exec('DROP TRIGGER entries_no_update');
  const rows = db.prepare('SELECT * FROM entries WHERE seq >= ? ORDER BY seq').all(seq - 1) as JournalRow[];
  const update = db.prepare('UPDATE entries SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?');
  let prevHash = rows[0]!.hash;
  db.transaction(() => {
    for (const row of rows.slice(1)) {
      const payloadText = row.seq === seq ? canonicalJson({ text }) : row.payload;
      const fields = { seq: row.seq, id: row.id, site: row.site, console: row.console, kind: row.kind, occurredAt: row.occurred_at, hlc: row.hlc, actor: row.actor, mode: row.mode, ref: row.ref, prevHash };
      const hash = entryHash(fields, payloadText);
      update.run(payloadText, prevHash, hash, row.seq);
      prevHash = hash;
    }
  })();
  db.close();
}

describe('the upstream witness', () => {
  it('an older copy restored while upstream holds more: divergence, not "behind: 0", and nothing is published over it', async () => {
    const server = await NatsServer.start();
    cleanups.push(() => server.stop());
    const first = await open();
    await notes(first.journal, 5, 'early');
    await first.journal.close();
    // The backup: the whole data folder (journal, key, identity), so nothing local can tell it is older.
    const backup = tempDir('journal-backup');
    cpSync(first.dataDir, backup, { recursive: true });

    const again = await open(first.dataDir);
    const rig = await startRelay(again.journal, server.url);
    await notes(again.journal, 20, 'later');
    await waitFor(() => rig.relay.status().behind === 0 && rig.relay.status().state === 'connected', 20_000, 'everything published');
    const upstreamHead = (await again.journal.status()).headSeq;
    await rig.stop();
    await again.journal.close();
    const before = await readUpstream(server.url, 'test-site', LIVE_SUBJECT);
    expect(before.entries.at(-1)?.seq).toBe(upstreamHead);

    // The restored copy: head far behind what upstream holds, and new entries re-use the sequence numbers.
    const restored = await open(backup);
    cleanups.push(() => restored.journal.close());
    await notes(restored.journal, 3, 'after restore');
    const localHead = restored.journal.status();
    expect(localHead.headSeq).toBeLessThan(upstreamHead);
    const witness = await startRelay(restored.journal, server.url);
    cleanups.push(() => witness.stop());
    await waitFor(() => witness.relay.status().divergence !== undefined, 20_000, 'the divergence');
    const divergence = witness.relay.status().divergence!;
    expect(divergence).toMatchObject({ subject: LIVE_SUBJECT, upstreamSeq: upstreamHead, upstreamHash: before.entries.at(-1)!.hash, localSeq: localHead.headSeq, localHash: localHead.headHash });
    // What the desk and the wall read.
    await waitFor(
      () => {
        const up = restored.journal.status().upstream;
        return up.configured && up.divergence !== undefined;
      },
      5_000,
      'the status to carry it',
    );

    // More entries, and a network drop: re-checked on the reconnect, still nothing published over upstream's history.
    await notes(restored.journal, 30, 'more');
    await server.stop();
    await waitFor(() => witness.relay.status().state === 'offline', 15_000, 'the outage');
    await server.start();
    await waitFor(() => witness.relay.status().state === 'connected' && (witness.relay.status().divergence?.at ?? 0) > divergence.at, 20_000, 'the re-check after reconnecting');
    expect(witness.relay.status().divergence).toMatchObject({ upstreamSeq: upstreamHead, upstreamHash: divergence.upstreamHash });
    const after = await readUpstream(server.url, 'test-site', LIVE_SUBJECT);
    expect(after.entries).toEqual(before.entries);
    expect(after.messages).toBe(before.messages);
  });

  it('an entry upstream already has rewritten under a running console (same seq, another hash): divergence on the reconnect', async () => {
    const server = await NatsServer.start();
    cleanups.push(() => server.stop());
    const { journal, dataDir } = await open();
    cleanups.push(() => journal.close());
    const rig = await startRelay(journal, server.url);
    cleanups.push(() => rig.stop());
    await notes(journal, 20, 'note');
    await waitFor(() => rig.relay.status().behind === 0 && rig.relay.status().state === 'connected', 20_000, 'everything published');
    const before = await readUpstream(server.url, 'test-site', LIVE_SUBJECT);
    const last = before.entries.at(-1)!;

    await server.stop();
    await waitFor(() => rig.relay.status().state === 'offline', 15_000, 'the outage');
    rewriteFrom(join(dataDir, 'journal', 'journal.sqlite'), 10, 'nothing happened');
    const [rewritten] = await journal.entriesAfter(last.seq - 1, 1);
    expect(rewritten?.seq).toBe(last.seq);
    expect(rewritten?.hash).not.toBe(last.hash);
    await server.start();

    await waitFor(() => rig.relay.status().divergence !== undefined, 20_000, 'the divergence');
    expect(rig.relay.status().divergence).toMatchObject({ upstreamSeq: last.seq, upstreamHash: last.hash, localSeq: last.seq, localHash: rewritten!.hash });
    await notes(journal, 5, 'after the rewrite');
    // A second reconnect re-checks before anything is published: upstream still holds only its own history.
    await server.stop();
    await waitFor(() => rig.relay.status().state === 'offline', 15_000, 'the second outage');
    const firstFound = rig.relay.status().divergence!.at;
    await server.start();
    await waitFor(() => rig.relay.status().state === 'connected' && (rig.relay.status().divergence?.at ?? 0) > firstFound, 20_000, 'the re-check');
    const after = await readUpstream(server.url, 'test-site', LIVE_SUBJECT);
    expect(after.entries).toEqual(before.entries);
  });

  it('a deleted journal caught locally goes on in a new segment linking to the recorded head: no divergence, publishing resumes', async () => {
    const server = await NatsServer.start();
    cleanups.push(() => server.stop());
    const first = await open();
    const rig = await startRelay(first.journal, server.url);
    await notes(first.journal, 12, 'before');
    await waitFor(() => rig.relay.status().behind === 0 && rig.relay.status().state === 'connected', 20_000, 'everything published');
    await rig.stop();
    await first.journal.close();
    const before = await readUpstream(server.url, 'test-site', LIVE_SUBJECT);
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(first.dataDir, 'journal', `journal.sqlite${suffix}`), { force: true });

    const again = await open(first.dataDir);
    cleanups.push(() => again.journal.close());
    await waitFor(() => again.journal.status().headSeq > 0 && (again.journal.status().detail ?? '').includes('new segment'), 10_000, 'the new segment');
    const [segment] = await again.journal.entriesAfter(0, 1);
    expect(segment?.seq).toBe(before.entries.at(-1)!.seq + 1);
    const witness = await startRelay(again.journal, server.url);
    cleanups.push(() => witness.stop());
    await notes(again.journal, 4, 'after');
    await waitFor(() => witness.relay.status().behind === 0 && witness.relay.status().state === 'connected', 20_000, 'publishing resumed');
    expect(witness.relay.status().divergence).toBeUndefined();
    const after = await readUpstream(server.url, 'test-site', LIVE_SUBJECT);
    expect(after.entries.slice(0, before.entries.length)).toEqual(before.entries);
    expect(after.entries.at(-1)!.seq).toBe(again.journal.status().headSeq);
  });

  it('a normal reconnect after a network drop agrees with upstream and resumes exactly once', async () => {
    const server = await NatsServer.start();
    cleanups.push(() => server.stop());
    const { journal } = await open();
    cleanups.push(() => journal.close());
    const rig = await startRelay(journal, server.url);
    cleanups.push(() => rig.stop());
    await notes(journal, 10, 'before');
    await waitFor(() => rig.relay.status().behind === 0 && rig.relay.status().state === 'connected', 20_000, 'first publish');
    await server.stop();
    await waitFor(() => rig.relay.status().state === 'offline', 15_000, 'the outage');
    await notes(journal, 10, 'during');
    await server.start();
    await waitFor(() => rig.relay.status().behind === 0 && rig.relay.status().state === 'connected', 20_000, 'catch-up');
    expect(rig.relay.status().divergence).toBeUndefined();
    const { entries } = await readUpstream(server.url, 'test-site', LIVE_SUBJECT);
    const seqs = entries.map((e) => e.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs.at(-1)).toBe(journal.status().headSeq);
  });
});

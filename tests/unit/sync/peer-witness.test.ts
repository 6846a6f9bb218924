import { cpSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../shared/journal/entry';
import type { JournalService } from '../../../electron/core/journal/service';
import { createMemoryLog } from '../../../electron/core/support/log';
import { PeerWitness } from '../../../electron/core/sync/peerWitness';
import { openTestJournal } from '../../support/journal';
import { tempDir } from '../../support/paths';

// Issue 13 §2: the site's other consoles witness each other's journals.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function openAs(consoleId: string, dataDir?: string): Promise<{ journal: JournalService; dataDir: string }> {
  const opened = await openTestJournal({ consoleId, checkpointEvery: 10, ...(dataDir ? { dataDir } : {}) });
  cleanups.push(() => opened.journal.close());
  return opened;
}

async function all(j: JournalService, after = 0): Promise<JournalEntry[]> {
  return j.entriesAfter(after, 10_000);
}

async function notes(j: JournalService, count: number, label: string): Promise<void> {
  await j.appendMany(Array.from({ length: count }, (_, i) => ({ kind: 'note', payload: { text: `${label} ${i}` } })), { actor: 'duty-liu' });
}

/** What the replicator does with a batch from the bus: screen, store the peer copies, observe. */
async function receive(witness: PeerWitness, here: JournalService, entries: readonly JournalEntry[]): Promise<JournalEntry[]> {
  const screened = witness.screen(entries);
  const result = await here.storePeers(screened);
  return witness.observe(screened, result);
}

describe('peer witness', () => {
  it('a peer restored from an older copy re-uses witnessed sequence numbers: divergent (console, seq, both hashes), its entries kept apart, none folded', async () => {
    const { journal: here } = await openAs('c-here00000001');
    const witnessDir = tempDir('witness');
    const witness = new PeerWitness({ dataDir: witnessDir, site: 'test-site', log: createMemoryLog(), now: () => 1 });

    const peer = await openAs('c-peer00000001');
    await notes(peer.journal, 8, 'early');
    const early = await all(peer.journal);
    await peer.journal.close();
    const backup = tempDir('peer-backup');
    cpSync(peer.dataDir, backup, { recursive: true });
    const again = await openAs('c-peer00000001', peer.dataDir);
    await notes(again.journal, 20, 'later');
    const witnessed = await all(again.journal);
    expect(await receive(witness, here, witnessed)).toHaveLength(witnessed.length);
    expect(witness.divergenceOf('c-peer00000001')).toBeUndefined();

    // The peer's data folder restored from the backup: it goes on from its older head with new entries.
    await again.journal.close();
    const restored = await openAs('c-peer00000001', backup);
    await notes(restored.journal, 25, 'after restore');
    const rewritten = await all(restored.journal, early.length);
    const first = rewritten[0]!;
    const held = witnessed.find((e) => e.seq === first.seq)!;
    expect(held.hash).not.toBe(first.hash);

    const counted = await receive(witness, here, rewritten);
    expect(counted).toEqual([]);
    expect(witness.divergenceOf('c-peer00000001')).toMatchObject({ console: 'c-peer00000001', seq: first.seq, heldHash: held.hash, receivedHash: first.hash });
    expect(witness.problemOf('c-peer00000001')).toContain(`entry #${first.seq}`);
    const apart = witness.keptApart().map((r) => r.entry.seq);
    expect(apart).toEqual(rewritten.map((e) => e.seq));
    // Beyond the witnessed head nothing of the restored history entered the peer copies either.
    const heads = await here.peerHeads('test-site');
    expect(heads.find((h) => h.console === 'c-peer00000001')?.seq).toBe(witnessed.at(-1)!.seq);

    // A restart of the witnessing console still knows the divergence and keeps what follows apart.
    const after = new PeerWitness({ dataDir: witnessDir, site: 'test-site', log: createMemoryLog(), now: () => 2 });
    expect(after.divergenceOf('c-peer00000001')).toMatchObject({ seq: first.seq, heldHash: held.hash });
    await notes(restored.journal, 3, 'more');
    const more = await all(restored.journal, rewritten.at(-1)!.seq);
    expect(await receive(after, here, more)).toEqual([]);
    expect(after.keptApart().length).toBe(rewritten.length + more.length);
  });

  it('after a restart the witness still catches a rewrite through what it kept: the head and the signed checkpoints', async () => {
    const { journal: here } = await openAs('c-here00000002');
    const witnessDir = tempDir('witness');
    const peer = await openAs('c-peer00000002');
    await notes(peer.journal, 30, 'note');
    const witnessed = await all(peer.journal);
    await receive(new PeerWitness({ dataDir: witnessDir, site: 'test-site', log: createMemoryLog(), now: () => 1 }), here, witnessed);

    // Another journal under the same console id (a restart at #1 with another history), seen by a restarted witness.
    const impostor = await openAs('c-peer00000002');
    await notes(impostor.journal, 40, 'other');
    const other = await all(impostor.journal);
    const witness = new PeerWitness({ dataDir: witnessDir, site: 'test-site', log: createMemoryLog(), now: () => 2 });
    expect(await receive(witness, here, other)).toEqual([]);
    const d = witness.divergenceOf('c-peer00000002');
    expect(d).toBeDefined();
    // The seq named is one witnessed here, with the hash witnessed and the one received.
    const mine = witnessed.find((e) => e.seq === d!.seq)!;
    const theirs = other.find((e) => e.seq === d!.seq)!;
    expect(d!.heldHash === '' || d!.heldHash === mine.hash).toBe(true);
    expect(d!.receivedHash).toBe(theirs.hash);
    expect(witness.keptApart().length).toBeGreaterThan(0);
  });

  it('a peer that goes on normally, delivered twice over, is never divergent', async () => {
    const { journal: here } = await openAs('c-here00000003');
    const witness = new PeerWitness({ dataDir: tempDir('witness'), site: 'test-site', log: createMemoryLog(), now: () => 1 });
    const peer = await openAs('c-peer00000003');
    await notes(peer.journal, 15, 'a');
    const firstPart = await all(peer.journal);
    expect(await receive(witness, here, firstPart)).toHaveLength(firstPart.length);
    await notes(peer.journal, 15, 'b');
    const everything = await all(peer.journal);
    // A re-read from an older stream position: the witnessed part again, then the new part.
    const counted = await receive(witness, here, everything);
    expect(counted.map((e) => e.seq)).toEqual(everything.slice(firstPart.length).map((e) => e.seq));
    expect(witness.divergent()).toEqual([]);
    expect(witness.keptApart()).toEqual([]);
  });
});

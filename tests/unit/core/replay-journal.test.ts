import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConsoleError } from '../../../shared/errors';
import { ReplaySession } from '../../../electron/core/replay/session';
import { openTestJournal } from '../../support/journal';
import { tempDir } from '../../support/paths';

/** A journal of a segment start, a checkpoint and some notes, exported whole and from its middle. */
async function exportBundles(): Promise<{ liveFile: string; whole: string; range: string }> {
  const { journal, clock } = await openTestJournal({ checkpointEvery: 4 });
  try {
    for (let i = 0; i < 10; i++) {
      clock.advance(1000);
      await journal.append({ kind: 'note', payload: { text: `round ${i}` } }, { actor: 'duty-liu' });
    }
    const whole = tempDir('bundle-whole');
    const range = tempDir('bundle-range');
    const to = clock.now() + 1;
    await journal.exportRange(0, to, whole);
    const fourth = (await journal.entriesAfter(3, 1))[0];
    await journal.exportRange(fourth?.occurredAt ?? 0, to, range);
    return { liveFile: journal.status().file, whole, range };
  } finally {
    await journal.close();
  }
}

function rewriteManifest(dir: string): void {
  const manifestFile = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { fileSha256: string };
  manifest.fileSha256 = createHash('sha256').update(readFileSync(join(dir, 'entries.jsonl'))).digest('hex');
  writeFileSync(manifestFile, JSON.stringify(manifest));
}

describe('replay of a journal file', () => {
  it('checks the chain in its one pass: a changed entry leaves the replay open but unverified, naming it', async () => {
    const { liveFile } = await exportBundles();
    const db = new Database(liveFile);
    db.exec(`DROP TRIGGER entries_no_update; UPDATE entries SET payload = '{"text":"nothing happened"}' WHERE seq = 5;`);
    db.close();
    const session = ReplaySession.open({ kind: 'file', path: liveFile }, liveFile);
    try {
      expect(session.info.verified).toBe(false);
      expect(session.info.problem).toBe('entry #5: content does not match its hash (changed after it was written)');
      expect(session.info.entries).toBeGreaterThan(5);
    } finally {
      session.close();
    }
  });
});

describe('replay of an exported bundle', () => {
  it('replays a whole export and a range cut from the middle as the live file, verified, and removes its temporary journal on close', async () => {
    const { liveFile, whole, range } = await exportBundles();
    const live = ReplaySession.open({ kind: 'live' }, liveFile);
    const end = live.seek(live.info.end);
    live.close();
    expect(live.info.verified).toBe(true);
    for (const dir of [whole, range]) {
      const temp = tempDir('replay-temp');
      const session = ReplaySession.open({ kind: 'bundle', path: dir }, liveFile, temp);
      expect(readdirSync(temp)).toHaveLength(1);
      expect(session.info.verified).toBe(true);
      if (dir === whole) {
        expect(session.info.entries).toBe(live.info.entries);
        expect(session.seek(session.info.end).state).toEqual(end.state);
      } else expect(session.info.entries).toBeLessThan(live.info.entries);
      session.close();
      expect(readdirSync(temp)).toEqual([]);
    }
  });

  it('refuses a bundle whose entries do not chain, and removes the temporary journal it made', async () => {
    const { liveFile, whole } = await exportBundles();
    const file = join(whole, 'entries.jsonl');
    // Same manifest checksum (rewritten), but one entry's text changed after it was hashed.
    writeFileSync(file, readFileSync(file, 'utf8').replace('round 5', 'round 6'));
    rewriteManifest(whole);
    const temp = tempDir('replay-temp');
    let error: unknown;
    try {
      ReplaySession.open({ kind: 'bundle', path: whole }, liveFile, temp);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConsoleError);
    expect((error as ConsoleError).code).toBe('invalid-argument');
    expect((error as ConsoleError).message).toMatch(/does not match its hash/);
    expect(readdirSync(temp)).toEqual([]);
  });
});

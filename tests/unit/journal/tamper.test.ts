import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyJournalFile } from '../../../electron/core/journal/verify';
import { bundleEntry } from '../../support/bundle';
import { openTestJournal } from '../../support/journal';
import { waitFor } from '../../support/relayRig';

const sqlite3 = ['/usr/bin/sqlite3', '/usr/local/bin/sqlite3'].find((p) => existsSync(p));

/** Flips one character of a marker everywhere it occurs in the file (freed pages can hold stale copies). */
function flipInFile(file: string, marker: string, offset: number, to: string): number {
  const bytes = readFileSync(file);
  let count = 0;
  for (let at = bytes.indexOf(marker); at >= 0; at = bytes.indexOf(marker, at + 1)) {
    bytes[at + offset] = to.charCodeAt(0);
    count += 1;
  }
  writeFileSync(file, bytes);
  return count;
}

async function journalWith(count: number): Promise<{ dataDir: string; file: string; ids: string[] }> {
  const { journal, dataDir } = await openTestJournal();
  const ids: string[] = [];
  for (let i = 1; i <= count; i++) ids.push((await journal.append({ kind: 'note', payload: { text: `note ${i} MARK-${i}-END` } }, { actor: 'duty-liu' })).id);
  await journal.close();
  return { dataDir, file: join(dataDir, 'journal', 'journal.sqlite'), ids };
}

let cli = '';
beforeAll(async () => {
  cli = await bundleEntry('electron/core/journal/cli.ts', 'journal-cli');
}, 60_000);

function runCli(file: string): { status: number | null; stdout: string } {
  const r = spawnSync(process.execPath, [cli, 'verify', file], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout + r.stderr };
}

describe('tamper evidence', () => {
  it('a clean journal verifies, from the library and the command line', async () => {
    const { file } = await journalWith(20);
    expect(verifyJournalFile(file, { quickCheck: true })).toMatchObject({ ok: true, entries: 21, verifiedTo: 21, quickCheck: 'ok' });
    const out = runCli(file);
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('OK — the chain verifies');
  });

  it.skipIf(!sqlite3)('names the exact entry changed with the sqlite3 CLI after dropping the trigger', async () => {
    const { file, ids } = await journalWith(20);
    // The trigger stops a casual edit…
    const refused = spawnSync(sqlite3!, [file, `UPDATE entries SET actor = 'someone' WHERE seq = 8;`], { encoding: 'utf8' });
    expect(refused.stderr).toContain('append-only');
    // …so a tamperer drops it first.
    execFileSync(sqlite3!, [file, `DROP TRIGGER entries_no_update; UPDATE entries SET payload = '{"text":"nothing happened"}' WHERE seq = 8;`]);
    const report = verifyJournalFile(file);
    expect(report.ok).toBe(false);
    expect(report.verifiedTo).toBe(7);
    expect(report.firstBad).toEqual({ seq: 8, id: ids[6], problem: 'content does not match its hash (changed after it was written)' });
    const out = runCli(file);
    expect(out.status).toBe(1);
    expect(out.stdout).toContain(`FIRST BAD ENTRY: #8 (${ids[6]})`);
  });

  it('names the entry whose bytes were flipped in the file', async () => {
    const { file } = await journalWith(20);
    expect(flipInFile(file, 'MARK-13-END"}', 5, '7')).toBeGreaterThan(0); // "MARK-13" becomes "MARK-73"
    const report = verifyJournalFile(file);
    expect(report.firstBad?.seq).toBe(14); // entry 14 holds note 13 (entry 1 starts the segment)
    expect(report.verifiedTo).toBe(13);
  });

  it('keeps the broken file unchanged, goes on in a new segment at once, and shows the break until acknowledged', async () => {
    const { dataDir, file } = await journalWith(20);
    expect(flipInFile(file, 'MARK-5-END"}', 5, 'X')).toBeGreaterThan(0);
    const brokenDigest = createHash('sha256').update(readFileSync(file)).digest('hex');

    const { journal } = await openTestJournal({ dataDir });
    try {
      await waitFor(() => journal.status().state === 'recovered' && (journal.status().detail ?? '').includes('new segment'), 10_000, 'the break and the new segment');
      expect(journal.status().detail).toContain('entry #6');
      // Appends are not refused: they go to the new segment (21 in the old file, 22 starts the new one).
      const next = await journal.append({ kind: 'note', payload: { text: 'first note of the new segment' } }, { actor: 'duty-liu' });
      expect(next.seq).toBe(23);
      const segment = (await journal.query({ kinds: ['journal.segment'] })).entries[0];
      expect(segment?.payload).toMatchObject({ reason: 'after-break', previous: { lastGoodSeq: 5, problem: expect.stringContaining('entry #6') as string } });
      // The supervisor's "new segment" acknowledges it.
      expect((await journal.startNewSegment()).state).toBe('ok');
    } finally {
      await journal.close();
    }
    const kept = readdirSync(join(dataDir, 'journal', 'segments')).filter((f) => f.endsWith('-broken.sqlite'));
    expect(kept).toHaveLength(1);
    expect(createHash('sha256').update(readFileSync(join(dataDir, 'journal', 'segments', kept[0]!))).digest('hex')).toBe(brokenDigest);
    expect(verifyJournalFile(file)).toMatchObject({ ok: true, entries: 2 });
  });
});

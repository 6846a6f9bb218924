import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConsoleError } from '../../../shared/errors';
import type { JournalEntry } from '../../../shared/journal/entry';
import type { JournalStatus } from '../../../shared/journal/status';
import { verifyJournalFile } from '../../../electron/core/journal/verify';
import { openTestJournal } from '../../support/journal';
import { tempDir } from '../../support/paths';

/** A real small filesystem when we may mount one (root in CI); undefined otherwise. */
function mountTmpfs(sizeKb: number): { dir: string; unmount(): void } | undefined {
  if (process.getuid?.() !== 0 || process.env.WATCHPOST_TEST_NO_MOUNT) return undefined;
  const dir = tempDir('tmpfs');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  return { dir, unmount: () => execFileSync('umount', ['-l', dir], { stdio: 'ignore' }) };
}

const text = (i: number): string => `entry ${i} `.padEnd(2000, '记');

describe('disk full', () => {
  const fs = mountTmpfs(3072);
  const label = fs ? 'on a real 3 MB tmpfs' : 'with a page-count limit (no permission to mount a tmpfs here)';

  it(`refuses appends with a typed error, loses nothing committed, and resumes when space is freed (${label})`, async () => {
    const dataDir = fs ? join(fs.dir, 'data') : tempDir('full');
    mkdirSync(dataDir, { recursive: true });
    const { journal } = await openTestJournal({ dataDir, ...(fs ? {} : { maxPageCount: 400 }) });
    const statuses: JournalStatus[] = [];
    journal.onStatus((s) => statuses.push(s));
    const committed: JournalEntry[] = [];
    try {
      const ballast = join(dataDir, 'ballast.bin');
      if (fs) {
        // Fill the file system, leaving room for a few hundred kilobytes of journal.
        const free = statfsSync(fs.dir).bavail * statfsSync(fs.dir).bsize;
        writeFileSync(ballast, Buffer.alloc(Math.max(0, free - 400 * 1024)));
      }
      let failure: ConsoleError | undefined;
      for (let i = 0; i < 5000 && !failure; i++) {
        try {
          committed.push(await journal.append({ kind: 'note', payload: { text: text(i) } }, { actor: 'duty-liu' }));
        } catch (err) {
          failure = err as ConsoleError;
        }
      }
      expect(failure).toBeInstanceOf(ConsoleError);
      expect(failure?.code).toBe('storage-full');
      expect(journal.status().state).toBe('full');
      expect(statuses.some((s) => s.state === 'full')).toBe(true);
      // Further appends keep failing cleanly while the disk is full.
      await expect(journal.append({ kind: 'note', payload: { text: text(9999) } }, { actor: 'x' })).rejects.toMatchObject({ code: 'storage-full' });

      if (fs) {
        rmSync(ballast);
        const resumed = await journal.append({ kind: 'note', payload: { text: 'space freed, writing again' } }, { actor: 'duty-liu' });
        committed.push(resumed);
        expect(journal.status().state).toBe('ok');
        expect(resumed.prevHash).toBe(committed[committed.length - 2]?.hash);
      }
    } finally {
      await journal.close();
    }
    if (!fs) {
      // Without a real disk: "freeing space" is reopening with room to grow.
      const { journal: again } = await openTestJournal({ dataDir, maxPageCount: 4000 });
      committed.push(await again.append({ kind: 'note', payload: { text: 'room again' } }, { actor: 'duty-liu' }));
      await again.close();
    }
    const report = verifyJournalFile(join(dataDir, 'journal', 'journal.sqlite'), { quickCheck: true });
    expect(report.ok).toBe(true);
    expect(report.verifiedTo).toBeGreaterThanOrEqual(committed[committed.length - 1]?.seq ?? 0);
    fs?.unmount();
  }, 120_000);
});

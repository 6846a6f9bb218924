import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoSiteFile, tempDir } from '../../support/paths';
import { startConsole } from '../../support/siteConsoles';

/** Every folder and file below root with its permission bits, as "path mode". */
function modes(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    out.push(`${relative(root, dir) || '.'}/ ${(statSync(dir).mode & 0o777).toString(8)}`);
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.isFile()) out.push(`${relative(root, path)} ${(statSync(path).mode & 0o777).toString(8)}`);
    }
  };
  walk(root);
  return out;
}

describe.skipIf(process.platform === 'win32')('the data folder is private to its owner', () => {
  it('a fresh data folder after start, a few writes and close: folders 0700, files 0600 (journal and its -wal/-shm, key, identity, settings, state, reports, exports)', async () => {
    const dataDir = join(tempDir('private'), 'data');
    const core = await startConsole(demoSiteFile, 'desk', dataDir);
    await core.journal.append({ kind: 'note', payload: { text: 'shift start' } }, { actor: 'tester' });
    await core.handlers.setLocale('en');
    await core.handlers.dailyReport({ date: new Date().toISOString().slice(0, 10) });
    await core.handlers.exportJournal({ from: 0, to: Date.now() + 60_000 });
    const whileOpen = modes(dataDir);
    await core.close();
    const after = modes(dataDir);
    for (const list of [whileOpen, after]) {
      const dirs = list.filter((l) => l.includes('/ '));
      expect(dirs.filter((l) => !l.endsWith(' 700'))).toEqual([]);
      expect(list.filter((l) => !dirs.includes(l) && !l.endsWith(' 600'))).toEqual([]);
    }
    expect(whileOpen.some((l) => l.startsWith('journal/journal.sqlite-wal '))).toBe(true);
    expect(after.some((l) => l.startsWith('journal/journal.sqlite '))).toBe(true);
    expect(after.some((l) => l.startsWith('exports/'))).toBe(true);
  }, 30_000);

  it('a data folder an older version left readable is made private at start', async () => {
    const dataDir = tempDir('private-old');
    mkdirSync(join(dataDir, 'reports'), { recursive: true, mode: 0o755 });
    chmodSync(join(dataDir, 'reports'), 0o755);
    chmodSync(dataDir, 0o755);
    writeFileSync(join(dataDir, 'reports', 'old.html'), '<p>old</p>', { mode: 0o644 });
    chmodSync(join(dataDir, 'reports', 'old.html'), 0o644);
    const core = await startConsole(demoSiteFile, 'desk', dataDir);
    await core.close();
    expect((statSync(dataDir).mode & 0o777).toString(8)).toBe('700');
    expect((statSync(join(dataDir, 'reports')).mode & 0o777).toString(8)).toBe('700');
    expect((statSync(join(dataDir, 'reports', 'old.html')).mode & 0o777).toString(8)).toBe('600');
  }, 30_000);
});

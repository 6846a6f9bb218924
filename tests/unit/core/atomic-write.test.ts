import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statfsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConsoleError } from '../../../shared/errors';
import { createCore } from '../../../electron/core';
import { SettingsStore } from '../../../electron/core/settings';
import { buildDirAtomic, nodeFileIo, writeError, writeFileAtomic, type FileIo } from '../../../electron/core/support/atomicFile';
import { createMemoryLog } from '../../../electron/core/support/log';
import { openTestJournal, sourceWorkers } from '../../support/journal';
import { demoSiteFile, tempDir } from '../../support/paths';

function enospc(): NodeJS.ErrnoException {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
}

/** Node's file operations, except that writes stop with ENOSPC after `budget` bytes (a short write first). */
function fullAfter(budget: number): FileIo {
  let left = budget;
  return {
    ...nodeFileIo,
    writeSync: (fd, data, offset, length) => {
      if (left <= 0) throw enospc();
      const n = Math.min(left, length);
      left -= n;
      return nodeFileIo.writeSync(fd, data, offset, n);
    },
  };
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

describe('atomic writes on a full disk (an injected failing write)', () => {
  it('throws storage-full naming the file, keeps the old content, and leaves no temp file', () => {
    const dir = tempDir('atomic');
    const file = join(dir, 'settings.json');
    writeFileSync(file, 'old');
    let error: unknown;
    try {
      writeFileAtomic(file, 'new content, longer than the disk has room for', 'the settings', fullAfter(10));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConsoleError);
    expect(error).toMatchObject({ code: 'storage-full', message: expect.stringContaining(`the disk holding ${file} is full (ENOSPC); the settings was not written`) as string });
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('writes the whole content through short writes', () => {
    const file = join(tempDir('atomic'), 'f.txt');
    const io: FileIo = { ...nodeFileIo, writeSync: (fd, data, offset, length) => nodeFileIo.writeSync(fd, data, offset, Math.min(3, length)) };
    writeFileAtomic(file, '一二三四五六 abcdef', 'the file', io);
    expect(readFileSync(file, 'utf8')).toBe('一二三四五六 abcdef');
  });

  it('a folder built atomically leaves nothing behind when a write in it fails', () => {
    const parent = tempDir('atomic');
    const dir = join(parent, 'export-1');
    expect(() =>
      buildDirAtomic(dir, 'the journal export', (temp) => {
        writeFileAtomic(join(temp, 'entries.jsonl'), 'a'.repeat(100));
        writeFileAtomic(join(temp, 'manifest.json'), '{}', 'the journal export', fullAfter(0));
      }),
    ).toThrow(expect.objectContaining({ code: 'storage-full' }) as Error);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('types other I/O failures as unavailable, naming the path', () => {
    const err = writeError(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }), 'the snapshot', '/x/y.png');
    expect(err).toMatchObject({ code: 'unavailable', message: 'cannot write the snapshot to /x/y.png: EACCES: permission denied' });
  });
});

/** A real tiny filesystem when we may mount one (root); undefined otherwise. */
function mountTmpfs(sizeKb: number): { dir: string; fill(leaveBytes: number): void; unmount(): void } | undefined {
  if (process.getuid?.() !== 0 || process.env.WATCHPOST_TEST_NO_MOUNT) return undefined;
  const dir = tempDir('tmpfs');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  return {
    dir,
    fill: (leaveBytes) => {
      const s = statfsSync(dir);
      writeFileSync(join(dir, `ballast-${readdirSync(dir).length}.bin`), Buffer.alloc(Math.max(0, s.bavail * s.bsize - leaveBytes)));
    },
    unmount: () => execFileSync('umount', ['-l', dir], { stdio: 'ignore' }),
  };
}

const fs = mountTmpfs(256);
afterAll(() => fs?.unmount());

describe.skipIf(!fs)('on a real full tmpfs (root only)', () => {
  it('an export, the settings and a fresh data folder fail with storage-full and leave nothing partial', async () => {
    if (!fs) return;
    fs.fill(8 * 1024);
    // An export of a journal bigger than the space left.
    const { journal, clock } = await openTestJournal();
    try {
      for (let i = 0; i < 40; i++) await journal.append({ kind: 'note', payload: { text: `巡查记录 ${i} `.padEnd(600, '记') } }, { actor: 'duty-liu' });
      const exports = join(fs.dir, 'exports');
      mkdirSync(exports);
      const err = await rejection(journal.exportRange(0, clock.now() + 1, join(exports, 'journal-1')));
      expect(err).toMatchObject({ code: 'storage-full', message: expect.stringContaining('the journal export was not written') as string });
      expect(readdirSync(exports)).toEqual([]);
    } finally {
      await journal.close();
    }

    // Settings: no file at all rather than half a file.
    fs.fill(0);
    const dataDir = join(fs.dir, 'data');
    try {
      mkdirSync(dataDir);
    } catch {
      // a folder may not fit either
    }
    const settings = new SettingsStore(dataDir, createMemoryLog(), () => 0);
    expect(() => settings.update({ locale: 'zh-CN' })).toThrow(expect.objectContaining({ code: 'storage-full' }) as Error);
    expect(existsSync(join(dataDir, 'settings.json'))).toBe(false);
    expect(readdirSync(dataDir)).toEqual([]);

    // A fresh data folder: a typed error (the shells print its message), not a stack trace.
    const fresh = join(fs.dir, 'fresh');
    const rendererDir = tempDir('renderer');
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
    const started = await rejection(
      createCore({ paths: { siteFile: demoSiteFile, dataDir: fresh }, rendererDir, workers: sourceWorkers, station: 'desk', shell: 'host', version: 'test', random: Math.random, log: createMemoryLog() }),
    );
    expect(started).toBeInstanceOf(ConsoleError);
    expect(started).toMatchObject({ code: 'storage-full', message: expect.stringMatching(/the disk holding .* is full/) as string });
  });
});

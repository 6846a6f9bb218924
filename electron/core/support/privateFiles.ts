import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { writeError } from './atomicFile';

/**
 * The data folder holds the journal, the signing key, identity, settings,
 * snapshots and reports: only its owner may read it. Folders 0700, files
 * 0600, set with chmod so the process umask does not decide (a mode given to
 * mkdir or open is only ever narrowed by the umask, never widened: creating
 * with these modes is already private, chmod makes it exact and fixes what an
 * older version created). No effect on Windows, whose ACLs are per user.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * mkdir -p with 0700 for every folder it creates, and 0700 for the folder
 * itself if it already existed. A failure is typed (`storage-full` on a full
 * disk, support/atomicFile.ts `writeError`), naming the folder.
 */
export function mkdirPrivate(dir: string): void {
  try {
    mkdirPrivateOrThrow(dir);
  } catch (err) {
    throw writeError(err, 'the folder', dir);
  }
}

function mkdirPrivateOrThrow(dir: string): void {
  const first = mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const target = resolve(dir);
  if (first !== undefined) {
    // Parents it created, from the first one down to the folder itself.
    for (let p = target; p.length >= first.length; p = dirname(p)) {
      chmodSync(p, PRIVATE_DIR_MODE);
      if (p === first || dirname(p) === p) break;
    }
  } else chmodSync(target, PRIVATE_DIR_MODE);
}

/** chmod 0600 for each file that exists (SQLite's -wal and -shm come and go). */
export function chmodPrivate(...files: readonly string[]): void {
  for (const file of files) {
    try {
      chmodSync(file, PRIVATE_FILE_MODE);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
}

/** At start: every folder below `root` 0700 and every file 0600 (symlinks are left alone, not followed). */
export function makeTreePrivate(root: string): void {
  const walk = (dir: string): void => {
    chmodSync(dir, PRIVATE_DIR_MODE);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && (lstatSync(path).mode & 0o777) !== PRIVATE_FILE_MODE) chmodSync(path, PRIVATE_FILE_MODE);
    }
  };
  walk(root);
}

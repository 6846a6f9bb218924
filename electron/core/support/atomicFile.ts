import { appendFileSync, closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConsoleError } from '../../../shared/errors';

/**
 * The file operations the writers below use. Tests pass their own (a write
 * that fails with ENOSPC half-way); everything else uses `nodeFileIo`.
 */
export interface FileIo {
  openSync(path: string, flags: 'w', mode: number): number;
  writeSync(fd: number, data: Uint8Array, offset: number, length: number): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  unlinkSync(path: string): void;
}

export const nodeFileIo: FileIo = {
  openSync: (path, flags, mode) => openSync(path, flags, mode),
  writeSync: (fd, data, offset, length) => writeSync(fd, data, offset, length),
  fsyncSync: (fd) => fsyncSync(fd),
  closeSync: (fd) => closeSync(fd),
  renameSync: (from, to) => renameSync(from, to),
  unlinkSync: (path) => unlinkSync(path),
};

const FULL_CODES = new Set(['ENOSPC', 'EDQUOT']);

/**
 * A failed write as the typed error every caller answers with: `storage-full`
 * when the disk (or the quota) is full, `unavailable` for any other I/O
 * failure, naming what was being written and where. Nothing was written: the
 * writers here leave the old file (or no file) in place.
 */
export function writeError(err: unknown, what: string, path: string): ConsoleError {
  if (err instanceof ConsoleError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? '';
  const reason = err instanceof Error ? err.message : String(err);
  if (FULL_CODES.has(code) || /ENOSPC|no space left|disk is full/i.test(reason)) {
    return new ConsoleError('storage-full', `the disk holding ${path} is full (${code || reason}); ${what} was not written. Free some space and try again.`);
  }
  return new ConsoleError('unavailable', `cannot write ${what} to ${path}: ${reason}`);
}

/**
 * A file written as a whole or not at all: chunks go to a temp file beside
 * it; `commit` fsyncs it and renames it over the target (then fsyncs the
 * folder), `abort` removes it. Any failure (a full disk) removes the temp
 * file and throws `writeError`, so a reader never sees a partial file.
 */
export class AtomicFile {
  private readonly temp: string;
  private fd: number | undefined;

  constructor(
    private readonly path: string,
    private readonly what: string,
    private readonly io: FileIo = nodeFileIo,
  ) {
    this.temp = `${path}.${process.pid}.tmp`;
    try {
      this.fd = io.openSync(this.temp, 'w', 0o600);
    } catch (err) {
      throw writeError(err, what, path);
    }
  }

  write(chunk: string | Uint8Array): void {
    const fd = this.requireOpen();
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    try {
      for (let offset = 0; offset < bytes.length; ) offset += this.io.writeSync(fd, bytes, offset, bytes.length - offset);
    } catch (err) {
      this.abort();
      throw writeError(err, this.what, this.path);
    }
  }

  commit(): void {
    const fd = this.requireOpen();
    try {
      this.io.fsyncSync(fd);
      this.fd = undefined;
      this.io.closeSync(fd);
      this.io.renameSync(this.temp, this.path);
    } catch (err) {
      this.abort();
      throw writeError(err, this.what, this.path);
    }
    syncDir(dirname(this.path));
  }

  /** Removes the temp file; the target keeps its old content (or stays absent). */
  abort(): void {
    const fd = this.fd;
    this.fd = undefined;
    if (fd !== undefined) {
      try {
        this.io.closeSync(fd);
      } catch {
        // closing a descriptor whose write failed: the original error matters
      }
    }
    try {
      this.io.unlinkSync(this.temp);
    } catch {
      // the temp file may not exist (renamed already, never created)
    }
  }

  private requireOpen(): number {
    if (this.fd === undefined) throw new ConsoleError('internal', `${this.what}: ${this.path} is already committed or aborted`);
    return this.fd;
  }
}

/**
 * Writes a small file so that a crash or a full disk leaves either the old or
 * the new content, never a mix: temp file, fsync, rename over, fsync the folder.
 * Throws `writeError` (typed: `storage-full` on a full disk).
 */
export function writeFileAtomic(path: string, content: string | Uint8Array, what = 'the file', io: FileIo = nodeFileIo): void {
  const file = new AtomicFile(path, what, io);
  file.write(content);
  file.commit();
}

/**
 * Builds a folder of files as a whole or not at all (a journal export: the
 * entries and their manifest): `build` writes into a temp folder beside `dir`,
 * which is renamed to `dir` once complete. On any failure the temp folder is
 * removed and `writeError` thrown: no partial folder remains. `dir` must not
 * exist yet.
 */
export function buildDirAtomic<T>(dir: string, what: string, build: (tempDir: string) => T): T {
  const temp = `${dir}.${process.pid}.partial`;
  try {
    mkdirSync(temp, { recursive: true, mode: 0o700 });
    const result = build(temp);
    renameSync(temp, dir);
    syncDir(dirname(dir));
    return result;
  } catch (err) {
    rmSync(temp, { recursive: true, force: true });
    throw writeError(err, what, dir);
  }
}

/**
 * Appends text to an owner-only file and flushes it to disk before returning
 * (a record that must be there before a stream position passes it). Returns
 * the bytes written.
 */
export function appendFileDurable(path: string, text: string): number {
  appendFileSync(path, text, { mode: 0o600 });
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return Buffer.byteLength(text);
}

function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Directory fsync is not supported on every platform (Windows); the rename is still atomic.
  }
}

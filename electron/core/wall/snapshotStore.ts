import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ConsoleError } from '../../../shared/errors';
import { mkdirPrivate } from '../support/privateFiles';
import { fileStamp } from '../../../shared/time/format';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export interface StoredSnapshot {
  /** Path relative to the data folder (also the URL path the asset router serves). */
  readonly file: string;
  readonly sha256: string;
  readonly bytes: number;
}

/** Decodes and checks a base64 PNG; throws invalid-argument naming the field. */
export function decodePng(base64: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) throw new ConsoleError('invalid-argument', 'pngBase64: not base64 text', [{ path: 'pngBase64', message: 'not base64 text' }]);
  const bytes = new Uint8Array(Buffer.from(base64, 'base64'));
  if (bytes.length < PNG_SIGNATURE.length || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) {
    throw new ConsoleError('invalid-argument', 'pngBase64: not a PNG picture', [{ path: 'pngBase64', message: 'not a PNG picture' }]);
  }
  return bytes;
}

/**
 * Writes a snapshot under `<dataDir>/snapshots/` atomically (temp file,
 * fsync, rename): a crash leaves either the whole picture or nothing, never
 * half a file the journal points at.
 */
export function storeSnapshot(dataDir: string, camera: string, at: number, png: Uint8Array, timeZone: string): StoredSnapshot {
  const dir = join(dataDir, 'snapshots');
  const sha256 = createHash('sha256').update(png).digest('hex');
  const safeCamera = camera.replace(/[^A-Za-z0-9_-]/g, '_');
  // Named by the site's wall time, as the operator saw it on the clock (shared/time/format.ts).
  const name = `${safeCamera}-${fileStamp(at, timeZone)}-${sha256.slice(0, 8)}.png`;
  const final = join(dir, name);
  const temp = `${final}.tmp`;
  try {
    mkdirPrivate(dir);
    const fd = openSync(temp, 'w', 0o600);
    try {
      writeSync(fd, png);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, final);
  } catch (err) {
    rmSync(temp, { force: true });
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConsoleError(code === 'ENOSPC' ? 'storage-full' : 'unavailable', `cannot store the snapshot in ${dir}: ${(err as Error).message}`);
  }
  return { file: `snapshots/${name}`, sha256, bytes: png.length };
}

/** Removes a stored snapshot whose journal entry could not be written (nothing half-recorded). */
export function discardSnapshot(dataDir: string, file: string): void {
  rmSync(join(dataDir, file), { force: true });
}

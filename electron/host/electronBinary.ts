import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The installed Electron binary, or undefined. Looks on disk only: merely
 * requiring the `electron` package starts a download when the binary is
 * missing, which on an offline machine hangs or fails noisily.
 */
export function findElectronBinary(from: string = import.meta.url): string | undefined {
  try {
    const pkgDir = dirname(createRequire(from).resolve('electron/package.json'));
    const pathFile = join(pkgDir, 'path.txt');
    if (!existsSync(pathFile)) return undefined;
    const relative = readFileSync(pathFile, 'utf8').trim();
    const base = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkgDir, 'dist');
    const binary = join(base, relative);
    return existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

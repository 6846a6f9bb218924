import { realpathSync, statSync } from 'node:fs';
import { join, relative, isAbsolute, sep } from 'node:path';
import { ConsoleError } from '../../../shared/errors';
import type { ReplaySource } from '../../../shared/replay/types';

/**
 * Which files `openReplay` may open: the data folder's journals
 * (`journal/…/*.sqlite`) and exported bundles (`exports/<name>/`), by real
 * path (a symlink out of the folder does not count), and files the user chose
 * in the desktop app's open dialog (`allow`, called by electron/main when its
 * dialog returns). Anything else on the machine is refused: a renderer, or a
 * browser tab in host mode, must not make the console read what it likes.
 */
export class ReplayPaths {
  private readonly chosen = new Set<string>();

  constructor(private readonly dataDir: string) {}

  /** The user picked this file or bundle folder in the open dialog. */
  allow(path: string): void {
    const real = realOrUndefined(path);
    if (real !== undefined) this.chosen.add(real);
  }

  /** The source with its real path, or a typed refusal naming the rule. */
  check(source: ReplaySource): ReplaySource {
    if (source.kind === 'live') return source;
    const rule =
      source.kind === 'file'
        ? "a journal file must be a .sqlite file in the data folder's journal/, or chosen in the open dialog"
        : "a bundle must be a folder in the data folder's exports/, or chosen in the open dialog";
    if (!isAbsolute(source.path)) throw refused(source.path, 'the path must be absolute');
    // A missing file gets the same answer as a forbidden one: the refusal tells nothing of the machine's files.
    const real = realOrUndefined(source.path);
    if (real === undefined) throw refused(source.path, rule);
    if (this.chosen.has(real)) return { ...source, path: real };
    const data = realOrUndefined(this.dataDir) ?? this.dataDir;
    if (source.kind === 'file') {
      if (inside(join(data, 'journal'), real) && real.endsWith('.sqlite') && statSync(real).isFile()) return { ...source, path: real };
    } else if (inside(join(data, 'exports'), real) && statSync(real).isDirectory()) return { ...source, path: real };
    throw refused(source.path, rule);
  }
}

function realOrUndefined(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

/** invalid-argument (the contract has no 'forbidden' code), naming the rule. */
function refused(path: string, rule: string): ConsoleError {
  return new ConsoleError('invalid-argument', `replay refused for ${path}: ${rule}`, [{ path: 'path', message: rule }]);
}

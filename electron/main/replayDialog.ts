import { statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { OpenDialogOptions, OpenDialogReturnValue } from 'electron';
import { ConsoleError } from '../../shared/errors';
import type { ReplaySource } from '../../shared/replay/types';
import type { ReplayPaths } from '../core/replay/allowedPaths';

/** The files of an exported bundle: choosing either opens the bundle (its folder). */
const BUNDLE_FILES = new Set(['manifest.json', 'entries.jsonl']);

export const REPLAY_DIALOG: OpenDialogOptions = {
  title: 'Open a journal or an exported bundle',
  properties: ['openFile'],
  filters: [{ name: 'Journal (.sqlite) or export (manifest.json)', extensions: ['sqlite', 'json', 'jsonl'] }],
};

/**
 * The replay source for what the user chose in the open dialog: a `.sqlite`
 * journal file, or an export's manifest.json / entries.jsonl (its folder,
 * the bundle). Undefined for anything else.
 */
export function sourceForChosen(path: string): Extract<ReplaySource, { path: string }> | undefined {
  if (path.endsWith('.sqlite')) return { kind: 'file', path };
  if (BUNDLE_FILES.has(basename(path))) {
    const dir = dirname(path);
    try {
      return statSync(dir).isDirectory() ? { kind: 'bundle', path: dir } : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * `chooseReplaySource` in the desktop app: shows the open dialog and lets
 * `openReplay` open exactly what the user chose (`replayPaths.allow`), and
 * nothing else outside the data folder. The dialog is passed in (Electron's
 * `dialog.showOpenDialog`), so this is unit-tested under Node.
 */
export async function chooseReplaySource(
  showOpenDialog: (options: OpenDialogOptions) => Promise<Pick<OpenDialogReturnValue, 'canceled' | 'filePaths'>>,
  replayPaths: Pick<ReplayPaths, 'allow'>,
): Promise<ReplaySource | null> {
  const result = await showOpenDialog(REPLAY_DIALOG);
  const chosen = result.filePaths[0];
  if (result.canceled || chosen === undefined) return null;
  const source = sourceForChosen(chosen);
  if (!source) {
    throw new ConsoleError('invalid-argument', `${chosen}: choose a journal file (.sqlite) or an export's manifest.json`, [{ path: 'path', message: 'not a journal or an export' }]);
  }
  replayPaths.allow(source.path);
  return source;
}

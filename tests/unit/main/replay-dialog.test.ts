import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OpenDialogOptions } from 'electron';
import { ReplayPaths } from '../../../electron/core/replay/allowedPaths';
import { chooseReplaySource, REPLAY_DIALOG } from '../../../electron/main/replayDialog';
import { tempDir } from '../../support/paths';

/** Electron's showOpenDialog as the user answers it. */
function answering(filePaths: string[], canceled = false): { shown: OpenDialogOptions[]; show: (o: OpenDialogOptions) => Promise<{ canceled: boolean; filePaths: string[] }> } {
  const shown: OpenDialogOptions[] = [];
  return { shown, show: async (o) => (shown.push(o), { canceled, filePaths }) };
}

describe('the replay open dialog (desktop app)', () => {
  const dataDir = tempDir('data');
  const elsewhere = tempDir('usb-stick');
  const chosen = join(elsewhere, 'journal-2026-11-22.sqlite');
  const other = join(elsewhere, 'other.sqlite');
  writeFileSync(chosen, '');
  writeFileSync(other, '');
  const bundle = join(elsewhere, 'journal-export');
  mkdirSync(bundle);
  writeFileSync(join(bundle, 'manifest.json'), '{}');
  writeFileSync(join(bundle, 'entries.jsonl'), '');

  it('lets openReplay open the file the user chose, and nothing else outside the data folder', async () => {
    const paths = new ReplayPaths(dataDir);
    expect(() => paths.check({ kind: 'file', path: chosen })).toThrow(/replay refused/);
    const dialog = answering([chosen]);
    const source = await chooseReplaySource(dialog.show, paths);
    expect(dialog.shown).toEqual([REPLAY_DIALOG]);
    expect(source).toEqual({ kind: 'file', path: chosen });
    expect(paths.check({ kind: 'file', path: chosen }).kind).toBe('file');
    expect(() => paths.check({ kind: 'file', path: other })).toThrow(/replay refused/);
  });

  it('an export\'s manifest.json opens its folder as a bundle', async () => {
    const paths = new ReplayPaths(dataDir);
    const source = await chooseReplaySource(answering([join(bundle, 'manifest.json')]).show, paths);
    expect(source).toEqual({ kind: 'bundle', path: bundle });
    expect(paths.check({ kind: 'bundle', path: bundle }).kind).toBe('bundle');
  });

  it('cancelled: null, and nothing is allowed; another kind of file is refused with the reason', async () => {
    const paths = new ReplayPaths(dataDir);
    expect(await chooseReplaySource(answering([chosen], true).show, paths)).toBeNull();
    expect(() => paths.check({ kind: 'file', path: chosen })).toThrow(/replay refused/);
    const notes = join(elsewhere, 'notes.json');
    writeFileSync(notes, '{}');
    await expect(chooseReplaySource(answering([notes]).show, paths)).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringContaining("choose a journal file (.sqlite) or an export's manifest.json") as string });
  });
});

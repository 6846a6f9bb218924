import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoSiteFile, tempDir } from '../../support/paths';
import { startConsole } from '../../support/siteConsoles';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

describe('openReplay opens only what it may', () => {
  it("opens the data folder's journals and files chosen in the open dialog; refuses any other path, symlinks out of the folder included, naming the rule", async () => {
    const dataDir = tempDir('replay-paths');
    const first = await startConsole(demoSiteFile, 'desk', dataDir);
    await first.journal.append({ kind: 'note', payload: { text: 'before the copy' } }, { actor: 'tester' });
    await first.close();
    const live = join(dataDir, 'journal', 'journal.sqlite');
    const elsewhere = tempDir('elsewhere');
    const outside = join(elsewhere, 'copy.sqlite');
    const outsideToo = join(elsewhere, 'other.sqlite');
    copyFileSync(live, outside);
    copyFileSync(live, outsideToo);
    mkdirSync(join(dataDir, 'journal', 'segments'), { recursive: true });
    const segment = join(dataDir, 'journal', 'segments', 'kept.sqlite');
    copyFileSync(live, segment);
    symlinkSync(outsideToo, join(dataDir, 'journal', 'segments', 'link.sqlite'));
    mkdirSync(join(elsewhere, 'bundle'));
    writeFileSync(join(elsewhere, 'bundle', 'manifest.json'), '{}');

    const core = await startConsole(demoSiteFile, 'desk', dataDir);
    cleanups.push(() => core.close());
    const open = (source: Parameters<typeof core.handlers.openReplay>[0]) => core.handlers.openReplay(source);

    for (const path of ['/etc/passwd', outside, join(dataDir, 'journal', 'segments', 'link.sqlite'), join(dataDir, 'journal', 'segments', '..', '..', '..', 'nope.sqlite'), 'journal/journal.sqlite', join(elsewhere, 'missing.sqlite')]) {
      await expect(open({ kind: 'file', path })).rejects.toMatchObject({
        code: 'invalid-argument',
        message: expect.stringMatching(/journal file must be a \.sqlite file in the data folder's journal\/, or chosen in the open dialog|must be absolute/),
      });
    }
    await expect(open({ kind: 'bundle', path: join(elsewhere, 'bundle') })).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringMatching(/bundle must be a folder in the data folder's exports\//) });

    // The data folder's own journals open.
    const kept = await open({ kind: 'file', path: segment });
    expect(kept.replayId).toBeTruthy();
    await core.handlers.closeReplay({ replayId: kept.replayId });
    // A file the user chose in the desktop app's dialog opens (electron/main calls allow).
    core.replayPaths.allow(outside);
    const chosen = await open({ kind: 'file', path: outside });
    await core.handlers.closeReplay({ replayId: chosen.replayId });
    // Choosing one file opens no other.
    await expect(open({ kind: 'file', path: outsideToo })).rejects.toMatchObject({ code: 'invalid-argument' });
  }, 30_000);
});

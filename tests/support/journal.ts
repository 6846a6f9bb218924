import { join } from 'node:path';
import { journalKinds } from '../../shared/journal/kinds';
import type { WorkerEntry } from '../../electron/core/journal/client';
import { JournalService, journalPaths, type JournalServiceOptions } from '../../electron/core/journal/service';
import { createMemoryLog } from '../../electron/core/support/log';
import { FakeClock } from './fakeClock';
import { repoRoot, tempDir } from './paths';

/** The journal worker from source, through the tsx shim. */
export const sourceWorker: WorkerEntry = {
  file: join(repoRoot, 'tests', 'support', 'tsWorker.mjs'),
  data: { entry: join(repoRoot, 'electron', 'core', 'journal', 'worker.ts') },
};

/** Every worker the core starts, from source. */
export const sourceWorkers = {
  journal: sourceWorker,
  replay: { file: join(repoRoot, 'tests', 'support', 'tsWorker.mjs'), data: { entry: join(repoRoot, 'electron', 'core', 'replay', 'worker.ts') } },
} as const;

export async function openTestJournal(
  overrides: Partial<JournalServiceOptions> & { dataDir?: string } = {},
): Promise<{ journal: JournalService; clock: FakeClock; dataDir: string }> {
  const dataDir = overrides.dataDir ?? tempDir('journal');
  const clock = (overrides.clock as FakeClock | undefined) ?? new FakeClock();
  const journal = await JournalService.open({
    paths: journalPaths(dataDir),
    worker: sourceWorker,
    site: 'test-site',
    consoleId: 'c-testconsole1',
    kinds: journalKinds,
    clock,
    log: createMemoryLog(),
    ...overrides,
  });
  return { journal, clock, dataDir };
}

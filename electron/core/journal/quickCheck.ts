import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { WorkerEntry } from './client';

/** What a page-check thread posts once. */
interface QuickCheckMessage {
  readonly quickCheck: string;
}

function isQuickCheckMessage(message: unknown): message is QuickCheckMessage {
  return typeof message === 'object' && message !== null && typeof (message as { quickCheck?: unknown }).quickCheck === 'string';
}

/** `PRAGMA quick_check` on a read-only connection: "ok", or what SQLite found (or why the file would not open). */
export function quickCheckFile(file: string): string {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    return String(db.pragma('quick_check', { simple: true }));
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    db?.close();
  }
}

/**
 * The check of every page of a journal file, in a thread of its own. It
 * reads the whole file (about a second for a million entries), so it runs
 * beside the writer, never before it: the console serves and logs while it
 * runs, and a damaged file found this way takes the same path as one found
 * at open (kept as it is, new segment). The thread runs checkWorker.ts, which
 * loads only SQLite (not the writer's code: five consoles starting on two
 * cores each loading the writer again slowed the first seconds of their
 * traffic); it answers and is parked, and is terminated here.
 */
export function quickCheckInThread(writer: WorkerEntry, file: string): { readonly result: Promise<string | undefined>; stop(): void } {
  const entry = checkEntryBeside(writer);
  if (!entry) return { result: Promise.resolve(undefined), stop: () => undefined };
  const worker = new Worker(entry.file, { workerData: { ...entry.data, quickCheck: file } });
  // undefined: the thread could not run the check (not a finding about the file).
  const result = new Promise<string | undefined>((resolve) => {
    worker.on('message', (message: unknown) => {
      if (isQuickCheckMessage(message)) resolve(message.quickCheck);
      void worker.terminate();
    });
    worker.on('error', () => resolve(undefined));
    worker.on('exit', () => resolve(undefined));
  });
  return {
    result,
    stop: () => {
      void worker.terminate();
    },
  };
}

/**
 * The check thread's code beside the writer's: `journal-check.js` next to the
 * built `journal-worker.js`, or `checkWorker.ts` next to `worker.ts` when tests
 * run the workers from source through their loader shim (`data.entry`).
 */
export function checkEntryBeside(writer: WorkerEntry): WorkerEntry | undefined {
  const source = writer.data?.entry;
  if (typeof source === 'string' && basename(source) === 'worker.ts') return { file: writer.file, data: { ...writer.data, entry: join(dirname(source), 'checkWorker.ts') } };
  const built = join(dirname(writer.file), 'journal-check.js');
  return existsSync(built) ? { file: built } : undefined;
}

/** In a page-check thread (see quickCheckInThread): answers, then waits to be terminated. */
export async function serveQuickCheck(port: { postMessage(message: unknown): void }, file: string): Promise<never> {
  const message: QuickCheckMessage = { quickCheck: quickCheckFile(file) };
  port.postMessage(message);
  return new Promise<never>(() => undefined);
}

import Database from 'better-sqlite3';
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
 * at open (kept as it is, new segment). The thread runs the writer's own
 * worker file with `quickCheck` in its data: worker.ts answers and parks it,
 * and it is terminated here.
 */
export function quickCheckInThread(entry: WorkerEntry, file: string): { readonly result: Promise<string | undefined>; stop(): void } {
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

/** In a page-check thread (see quickCheckInThread): answers, then waits to be terminated. */
export async function serveQuickCheck(port: { postMessage(message: unknown): void }, file: string): Promise<never> {
  const message: QuickCheckMessage = { quickCheck: quickCheckFile(file) };
  port.postMessage(message);
  return new Promise<never>(() => undefined);
}

import { Worker } from 'node:worker_threads';
import { ConsoleError, type ConsoleErrorData } from '../../../shared/errors';
import type { Log } from '../support/log';
import { connectWorker, type CallWorker, type WorkerClient, type WorkerConnection } from '../support/workerRpc';
import { isWorkerEvent, type JournalWorkerApi, type WorkerInit, type WorkerStatus } from './protocol';

/**
 * Where the worker's code is: the built `out/main/journal-worker.js` in the
 * app, or a TypeScript loader shim in tests (`data.entry` names the source).
 */
export interface WorkerEntry {
  readonly file: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

const stopped = (code: number): ConsoleErrorData => ({ code: 'unavailable', message: `the journal writer stopped (exit ${code}); nothing pending was logged` });

/**
 * The core's handle on the journal worker: `api` is the worker's interface
 * (protocol.ts) as promises; status events; and a clean failure when the
 * worker dies (every waiting caller is told its entry was not logged).
 */
export class JournalClient {
  private readonly statusListeners = new Set<(status: WorkerStatus) => void>();
  private readonly exitListeners = new Set<(error: ConsoleErrorData) => void>();
  private closing = false;
  private readonly connection: WorkerConnection<JournalWorkerApi>;

  private constructor(worker: Worker, log: Log) {
    this.connection = connectWorker<JournalWorkerApi>(worker, {
      exitError: stopped,
      onEvent: (message) => {
        if (isWorkerEvent(message) && message.event === 'status') for (const l of this.statusListeners) l(message.status);
      },
      onError: (err) => log.error('journal worker error', { error: err.message }),
      onExit: (code) => {
        if (this.closing) return;
        for (const l of this.exitListeners) l(stopped(code));
      },
    });
  }

  get api(): WorkerClient<JournalWorkerApi> {
    return this.connection.api;
  }

  /** A call by name (for a client that forwards to whichever writer is running). */
  get call(): CallWorker {
    return this.connection.call;
  }

  /** Starts the worker and waits until the journal file is open and checked. */
  static start(entry: WorkerEntry, init: WorkerInit, log: Log): Promise<{ client: JournalClient; status: WorkerStatus }> {
    const worker = new Worker(entry.file, { workerData: { ...entry.data, init } });
    return new Promise((resolve, reject) => {
      const onMessage = (message: unknown): void => {
        if (!isWorkerEvent(message)) return;
        if (message.event === 'ready') {
          cleanup();
          resolve({ client: new JournalClient(worker, log), status: message.status });
        } else if (message.event === 'init-failed') {
          cleanup();
          reject(ConsoleError.fromData(message.error));
        }
      };
      const onError = (err: Error): void => {
        cleanup();
        reject(new ConsoleError('unavailable', `the journal writer could not start: ${err.message}`));
      };
      const onExit = (code: number): void => {
        cleanup();
        reject(new ConsoleError('unavailable', `the journal writer exited during start-up (code ${code})`));
      };
      const cleanup = (): void => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
    });
  }

  onStatus(listener: (status: WorkerStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  onExit(listener: (error: ConsoleErrorData) => void): () => void {
    this.exitListeners.add(listener);
    return () => this.exitListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closing = true;
    try {
      await this.connection.api.close();
    } catch {
      // already gone
    }
    await this.connection.terminate();
  }
}

import { Worker } from 'node:worker_threads';
import type { WorkerEntry } from '../journal/client';
import type { Log } from '../support/log';
import { clientOf, connectWorker, pickMethods, type WorkerClient, type WorkerConnection } from '../support/workerRpc';
import { replayMethods, type ReplayWorkerApi, type ReplayWorkerInit } from './protocol';

/** ReplayClient has every method the replay worker serves (protocol.ts), assigned in its constructor. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type -- the members are assigned in the constructor
export interface ReplayClient extends WorkerClient<ReplayWorkerApi> {}

/**
 * The core's handle on the replay thread. Started on first use; if it dies,
 * open replays are gone (the caller is told) and the next call starts it again.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the interface above
export class ReplayClient {
  private connection: WorkerConnection<ReplayWorkerApi> | undefined;

  constructor(
    private readonly entry: WorkerEntry,
    private readonly liveFile: string,
    private readonly log: Log,
  ) {
    Object.assign(this, pickMethods(clientOf<ReplayWorkerApi>(async (method, args) => this.ensure().call(method, args)), replayMethods));
  }

  private ensure(): WorkerConnection<ReplayWorkerApi> {
    if (this.connection) return this.connection;
    const init: ReplayWorkerInit = { liveFile: this.liveFile };
    const worker = new Worker(this.entry.file, { workerData: { ...this.entry.data, ...init } });
    worker.unref();
    const connection = connectWorker<ReplayWorkerApi>(worker, {
      exitError: (code) => ({ code: 'unavailable', message: `the replay thread stopped (exit ${code}); open the journal again` }),
      onError: (err) => this.log.error('replay worker error', { error: err.message }),
      onExit: () => {
        if (this.connection === connection) this.connection = undefined;
      },
    });
    this.connection = connection;
    return connection;
  }

  async shutdown(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    await connection?.terminate();
  }
}

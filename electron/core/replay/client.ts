import { Worker } from 'node:worker_threads';
import { ConsoleError, type ConsoleErrorData } from '../../../shared/errors';
import type { DrillRecord, ReplayFrame, ReplayInfo, ReplaySource, TimelineEntry } from '../../../shared/replay/types';
import type { WorkerEntry } from '../journal/client';
import type { Log } from '../support/log';
import type { ReplayRequest } from './worker';

type Request = ReplayRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/**
 * The core's handle on the replay thread. Started on first use; if it dies,
 * open replays are gone (the caller is told) and the next open starts it again.
 */
export class ReplayClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>();

  constructor(
    private readonly entry: WorkerEntry,
    private readonly liveFile: string,
    private readonly log: Log,
  ) {}

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.entry.file, { workerData: { ...this.entry.data } });
    worker.on('message', (m: { id: number; ok: boolean; value?: unknown; error?: ConsoleErrorData }) => {
      const waiter = this.pending.get(m.id);
      if (!waiter) return;
      this.pending.delete(m.id);
      if (m.ok) waiter.resolve(m.value);
      else waiter.reject(ConsoleError.fromData(m.error ?? { code: 'internal', message: 'replay failed' }));
    });
    worker.on('error', (err) => this.log.error('replay worker error', { error: err.message }));
    worker.on('exit', (code) => {
      for (const w of this.pending.values()) w.reject(new ConsoleError('unavailable', `the replay thread stopped (exit ${code}); open the journal again`));
      this.pending.clear();
      this.worker = undefined;
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private request<T>(req: Request): Promise<T> {
    const worker = this.ensure();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ ...req, id });
    });
  }

  open(source: ReplaySource): Promise<ReplayInfo> {
    return this.request({ op: 'open', source, liveFile: this.liveFile });
  }
  seek(replayId: string, t: number): Promise<ReplayFrame> {
    return this.request({ op: 'seek', replayId, t });
  }
  entries(replayId: string, fromIndex: number, limit: number): Promise<TimelineEntry[]> {
    return this.request({ op: 'entries', replayId, fromIndex, limit });
  }
  drillRecord(replayId: string, startId: string): Promise<DrillRecord> {
    return this.request({ op: 'drillRecord', replayId, startId });
  }
  close(replayId: string): Promise<null> {
    return this.request({ op: 'close', replayId });
  }

  async shutdown(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
  }
}

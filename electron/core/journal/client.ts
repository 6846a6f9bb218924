import { Worker } from 'node:worker_threads';
import { ConsoleError, type ConsoleErrorData } from '../../../shared/errors';
import type { JournalEntry, Mode } from '../../../shared/journal/entry';
import type { JournalQueryParsed } from '../../../shared/journal/query';
import type { Log } from '../support/log';
import type { AppendOutcome, ExportManifest, VerificationProgress, WorkerEvent, WorkerInit, WorkerReply, WorkerRequest, WorkerStatus } from './protocol';
import { outcomesFromColumns, toColumns, type OutcomeColumns } from './batch';
import type { FoldPoint, PeerStoreResult, PreparedDraft } from './store';

/**
 * Where the worker's code is: the built `out/main/journal-worker.js` in the
 * app, or a TypeScript loader shim in tests (`data.entry` names the source).
 */
export interface WorkerEntry {
  readonly file: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

type Pending = { resolve(value: unknown): void; reject(err: unknown): void };
type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/**
 * The core's handle on the journal worker: requests with replies, status
 * events, and a clean failure when the worker dies (every waiting caller is
 * told its entry was not logged).
 */
export class JournalClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly statusListeners = new Set<(status: WorkerStatus) => void>();
  private readonly exitListeners = new Set<(error: ConsoleErrorData) => void>();
  private closing = false;

  private constructor(private readonly worker: Worker, private readonly log: Log) {
    worker.on('message', (message: WorkerReply | WorkerEvent) => {
      if ('event' in message) {
        if (message.event === 'status') for (const l of this.statusListeners) l(message.status);
        return;
      }
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.ok) waiter.resolve(message.value);
      else waiter.reject(ConsoleError.fromData(message.error));
    });
    worker.on('error', (err) => this.log.error('journal worker error', { error: err.message }));
    worker.on('exit', (code) => {
      const error: ConsoleErrorData = { code: 'unavailable', message: `the journal writer stopped (exit ${code}); nothing pending was logged` };
      for (const waiter of this.pending.values()) waiter.reject(ConsoleError.fromData(error));
      this.pending.clear();
      if (!this.closing) for (const l of this.exitListeners) l(error);
    });
  }

  /** Starts the worker and waits until the journal file is open and checked. */
  static start(entry: WorkerEntry, init: WorkerInit, log: Log): Promise<{ client: JournalClient; status: WorkerStatus }> {
    const worker = new Worker(entry.file, { workerData: { ...entry.data, init } });
    return new Promise((resolve, reject) => {
      const onMessage = (message: WorkerEvent | WorkerReply): void => {
        if (!('event' in message)) return;
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

  private request<T>(req: Request): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...req, id } as WorkerRequest);
    });
  }

  /** The drafts' outcomes, and any entries the writer added after them in the same transaction (checkpoints). */
  async append(drafts: readonly PreparedDraft[]): Promise<{ outcomes: AppendOutcome[]; system: JournalEntry[] }> {
    const columns = await this.request<OutcomeColumns>({ op: 'append', drafts: toColumns(drafts) });
    return { outcomes: outcomesFromColumns(columns), system: columns.system ?? [] };
  }
  query(query: JournalQueryParsed): Promise<JournalEntry[]> {
    return this.request({ op: 'query', query });
  }
  getById(entryId: string): Promise<JournalEntry | null> {
    return this.request({ op: 'getById', entryId });
  }
  pageAfter(afterSeq: number, mode: Mode, limit: number): Promise<JournalEntry[]> {
    return this.request({ op: 'pageAfter', afterSeq, mode, limit });
  }
  countAfter(afterSeq: number, mode: Mode): Promise<number> {
    return this.request({ op: 'countAfter', afterSeq, mode });
  }
  getSync(subject: string): Promise<{ ackedSeq: number; ackedAt: number } | null> {
    return this.request({ op: 'getSync', subject });
  }
  setSync(subject: string, ackedSeq: number, ackedAt: number): Promise<void> {
    return this.request({ op: 'setSync', subject, ackedSeq, ackedAt });
  }
  status(): Promise<WorkerStatus> {
    return this.request({ op: 'status' });
  }
  verify(): Promise<VerificationProgress> {
    return this.request({ op: 'verify' });
  }
  quickCheck(): Promise<string> {
    return this.request({ op: 'quickCheck' });
  }
  exportRange(from: number, to: number, dir: string, now: number): Promise<ExportManifest> {
    return this.request({ op: 'export', from, to, dir, now });
  }
  /** All entries after a sequence number, oldest first (rebuilding state at start-up). */
  entriesAfter(afterSeq: number, limit: number): Promise<JournalEntry[]> {
    return this.request({ op: 'entriesAfter', afterSeq, limit });
  }
  entriesInRange(from: number, to: number, limit: number): Promise<JournalEntry[]> {
    return this.request({ op: 'entriesInRange', from, to, limit });
  }

  storePeers(entries: readonly JournalEntry[], receivedAt: number, meta?: { key: string; value: string }): Promise<PeerStoreResult> {
    return this.request({ op: 'storePeers', entries, receivedAt, ...(meta ? { meta } : {}) });
  }
  peerPage(site: string, afterHlc: string, afterConsole: string, limit: number): Promise<JournalEntry[]> {
    return this.request({ op: 'peerPage', site, afterHlc, afterConsole, limit });
  }
  checkFoldPoint(point: FoldPoint): Promise<string | null> {
    return this.request({ op: 'checkFoldPoint', point });
  }
  peerHeads(site: string): Promise<{ console: string; seq: number; count: number }[]> {
    return this.request({ op: 'peerHeads', site });
  }
  getMeta(key: string): Promise<string | null> {
    return this.request({ op: 'getMeta', key });
  }
  observe(hlc: string, now: number): Promise<boolean> {
    return this.request({ op: 'observe', hlc, now });
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
      await this.request({ op: 'close' });
    } catch {
      // already gone
    }
    await this.worker.terminate();
  }
}

import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { ConsoleError } from '../../../shared/errors';
import type { EntryDraft, JournalEntry, Mode } from '../../../shared/journal/entry';
import type { KindRegistry } from '../../../shared/journal/kinds';
import { JournalQuerySchema, type JournalQuery } from '../../../shared/journal/query';
import type { JournalStatus, UpstreamStatus } from '../../../shared/journal/status';
import type { Clock } from '../support/clock';
import type { Log } from '../support/log';
import { clientOf, pickMethods, type WorkerClient } from '../support/workerRpc';
import { outcomesFromColumns, toColumns } from './batch';
import { JournalClient, type WorkerEntry } from './client';
import { prepareDraft } from './prepare';
import { storeReads, type ExportManifest, type JournalWorkerApi, type StoreReads, type WorkerInit, type WorkerStatus } from './protocol';
import type { PeerStoreResult } from './store';
import { chmodPrivate, mkdirPrivate } from '../support/privateFiles';

export interface JournalPaths {
  readonly file: string;
  readonly keyFile: string;
  readonly segmentsDir: string;
  readonly exportsDir: string;
}

export function journalPaths(dataDir: string): JournalPaths {
  return {
    file: join(dataDir, 'journal', 'journal.sqlite'),
    keyFile: join(dataDir, 'keys', 'journal-ed25519.pem'),
    segmentsDir: join(dataDir, 'journal', 'segments'),
    exportsDir: join(dataDir, 'exports'),
  };
}

export interface JournalServiceOptions {
  readonly paths: JournalPaths;
  readonly worker: WorkerEntry;
  readonly site: string;
  readonly consoleId: string;
  readonly kinds: KindRegistry;
  readonly clock: Clock;
  readonly log: Log;
  readonly checkpointEvery?: number;
  readonly checkpointIntervalMs?: number;
  readonly maxPageCount?: number;
}

export interface AppendContext {
  /** Who: a roster person id or operator name; "system" for the console's own entries. */
  readonly actor: string;
  /** Entries default to LIVE; drills pass DRILL. */
  readonly mode?: Mode;
  /** Internal callers may write system kinds (checkpoints, segments, quarantine records). */
  readonly allowSystem?: boolean;
}

/**
 * The store's reads (protocol.ts `storeReads`: getById, pageAfter, peerHeads, …)
 * are methods of the service with the store's own signatures, forwarded to
 * the worker as they are: the constructor assigns them from that list.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type -- the members are assigned in the constructor
export interface JournalService extends WorkerClient<StoreReads> {}

/**
 * The journal as the rest of the core sees it: validated appends that resolve
 * only after commit, queries, status, exports, and a stream of committed
 * entries for projections and the upstream relay.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the interface above
export class JournalService {
  private client: JournalClient | undefined;
  private workerStatus: WorkerStatus | undefined;
  private unavailable: string | undefined;
  private upstream: UpstreamStatus = { configured: false };
  private readonly appendedListeners = new Set<(entries: readonly JournalEntry[]) => void>();
  private readonly statusListeners = new Set<(status: JournalStatus) => void>();
  private restartTimer: (() => void) | undefined;
  private restartAttempt = 0;
  private closed = false;

  /** The worker's interface, sent to whichever writer is running (it is restarted after a crash). */
  private readonly worker: WorkerClient<JournalWorkerApi> = clientOf<JournalWorkerApi>(async (method, args) => this.requireClient().call(method, args));

  private constructor(private readonly options: JournalServiceOptions) {
    Object.assign(this, pickMethods(this.worker, storeReads));
  }

  static async open(options: JournalServiceOptions): Promise<JournalService> {
    const service = new JournalService(options);
    await service.startWorker();
    return service;
  }

  private async startWorker(segment?: WorkerInit['segment']): Promise<void> {
    const { paths } = this.options;
    mkdirPrivate(join(paths.file, '..'));
    const init: WorkerInit = {
      file: paths.file,
      keyFile: paths.keyFile,
      site: this.options.site,
      consoleId: this.options.consoleId,
      now: this.options.clock.now(),
      ...(this.options.checkpointEvery !== undefined ? { checkpointEvery: this.options.checkpointEvery } : {}),
      ...(this.options.checkpointIntervalMs !== undefined ? { checkpointIntervalMs: this.options.checkpointIntervalMs } : {}),
      ...(this.options.maxPageCount !== undefined ? { maxPageCount: this.options.maxPageCount } : {}),
      ...(segment ? { segment } : {}),
    };
    const { client, status } = await JournalClient.start(this.options.worker, init, this.options.log);
    this.client = client;
    this.workerStatus = status;
    // Only the owner reads the journal (the worker has opened it: the -wal and -shm exist now).
    chmodPrivate(paths.file, `${paths.file}-wal`, `${paths.file}-shm`);
    this.unavailable = undefined;
    client.onStatus((s) => {
      this.workerStatus = s;
      this.emitStatus();
    });
    client.onExit((error) => {
      this.client = undefined;
      this.unavailable = error.message;
      this.options.log.error('journal writer stopped; restarting', { error: error.message });
      this.emitStatus();
      this.scheduleRestart();
    });
    this.emitStatus();
  }

  /** The writer died: start it again with backoff; appends fail fast meanwhile. */
  private scheduleRestart(): void {
    if (this.closed) return;
    const delay = Math.min(30_000, 500 * 2 ** this.restartAttempt);
    this.restartAttempt += 1;
    this.restartTimer = this.options.clock.setTimeout(() => {
      this.startWorker()
        .then(() => {
          this.restartAttempt = 0;
          this.options.log.info('journal writer restarted');
        })
        .catch((err: unknown) => {
          this.options.log.error('journal writer restart failed', { error: String(err) });
          this.scheduleRestart();
        });
    }, delay);
  }

  private requireClient(): JournalClient {
    if (!this.client) throw new ConsoleError('unavailable', `the journal writer is not running${this.unavailable ? `: ${this.unavailable}` : ''}; nothing was logged`);
    return this.client;
  }

  /** Records one entry; resolves with it only after it is committed to disk. */
  async append(draft: EntryDraft, context: AppendContext): Promise<JournalEntry> {
    const [entry] = await this.appendMany([draft], context);
    if (!entry) throw new ConsoleError('internal', 'append returned nothing');
    return entry;
  }

  /** Records several entries in one transaction (all or, on a storage failure, none). */
  async appendMany(drafts: readonly EntryDraft[], context: AppendContext): Promise<JournalEntry[]> {
    const now = this.options.clock.now();
    const prepared = drafts.map((d) =>
      prepareDraft(this.options.kinds, d, { actor: context.actor, now, mode: context.mode ?? 'LIVE', allowSystem: context.allowSystem ?? false }),
    );
    const columns = await this.worker.append(toColumns(prepared.map((p) => p.prepared)));
    const outcomes = outcomesFromColumns(columns);
    const system = columns.system ?? [];
    const committed: JournalEntry[] = [];
    let failure: ConsoleError | undefined;
    outcomes.forEach((outcome, i) => {
      const draft = prepared[i];
      if (outcome.ok && draft) {
        const c = outcome.committed;
        const d = draft.prepared;
        committed.push({
          seq: c.seq,
          id: c.id,
          site: this.options.site,
          console: this.options.consoleId,
          kind: d.kind,
          occurredAt: c.occurredAt,
          hlc: c.hlc,
          actor: d.actor,
          mode: d.mode,
          ref: d.ref,
          payload: draft.payload,
          prevHash: c.prevHash,
          hash: c.hash,
        });
      } else if (!outcome.ok) failure ??= ConsoleError.fromData(outcome.error);
    });
    // Listeners see every entry the journal holds, the writer's own checkpoints included, in order.
    if (committed.length + system.length > 0) this.emitAppended([...committed, ...system]);
    if (failure) throw failure;
    return committed;
  }

  async query(query: JournalQuery): Promise<{ entries: JournalEntry[]; nextBeforeSeq: number | null }> {
    const q = JournalQuerySchema.parse(query);
    const entries = await this.worker.query(q);
    const last = entries[entries.length - 1];
    return { entries, nextBeforeSeq: entries.length === q.limit && last ? last.seq : null };
  }

  /** Stores other consoles' entries (checked) and moves our clock past theirs. */
  async storePeers(entries: readonly JournalEntry[], meta?: { key: string; value: string }): Promise<PeerStoreResult> {
    const result = await this.worker.storePeers(entries, this.options.clock.now(), meta);
    let latest: string | undefined;
    for (const e of result.stored) if (latest === undefined || e.hlc > latest) latest = e.hlc;
    if (latest !== undefined && !(await this.worker.observe(latest, this.options.clock.now()))) {
      this.options.log.warn('a peer clock is far ahead of ours; not following it', { hlc: latest });
    }
    return result;
  }

  get consoleId(): string {
    return this.options.consoleId;
  }

  async exportRange(from: number, to: number, dir: string): Promise<ExportManifest> {
    return this.worker.exportRange(from, to, dir, this.options.clock.now());
  }

  async verifyNow(): Promise<JournalStatus> {
    await this.worker.verify();
    return this.status();
  }

  /**
   * After a break: keeps the broken file unchanged under segments/ and starts
   * a new file whose first entry records where and why the old one broke,
   * continuing the sequence numbers so nothing upstream is overwritten.
   */
  async startNewSegment(): Promise<JournalStatus> {
    const status = this.workerStatus;
    if (!status || status.state !== 'broken') {
      throw new ConsoleError('conflict', 'the journal is not broken; a new segment is only started after a failed verification');
    }
    const problem = status.verification.problem;
    const lastGoodSeq = problem ? problem.seq - 1 : status.verification.verifiedTo;
    const lastGoodHash = status.verification.lastGoodHash ?? '0'.repeat(64);
    const client = this.requireClient();
    this.client = undefined;
    await client.close();
    const { paths } = this.options;
    mkdirPrivate(paths.segmentsDir);
    const stamp = new Date(this.options.clock.now()).toISOString().replace(/[:.]/g, '-');
    const kept = join(paths.segmentsDir, `journal-${stamp}-broken.sqlite`);
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(paths.file + suffix)) renameSync(paths.file + suffix, kept + suffix);
    }
    this.options.log.warn('journal: new segment started after a break', { kept, lastGoodSeq });
    await this.startWorker({
      startSeq: status.head.seq + 1,
      prevHash: lastGoodHash,
      previous: {
        file: kept,
        lastGoodSeq,
        lastGoodHash,
        problem: problem ? `entry #${problem.seq}: ${problem.problem}` : (status.detail ?? 'verification failed'),
      },
    });
    return this.status();
  }

  setUpstream(upstream: UpstreamStatus): void {
    this.upstream = upstream;
    this.emitStatus();
  }

  status(): JournalStatus {
    const s = this.workerStatus;
    const base = {
      file: this.options.paths.file,
      headSeq: s?.head.seq ?? 0,
      headHash: s?.head.hash ?? '',
      verifiedTo: s?.verification.verifiedTo ?? 0,
      verifying: s ? !s.verification.done : false,
      lastCheckpointSeq: s?.lastCheckpointSeq ?? 0,
      upstream: this.upstream,
    };
    const problem = s?.verification.problem;
    const withProblem = problem ? { problem: { seq: problem.seq, problem: problem.problem, ...(problem.id ? { id: problem.id } : {}) } } : {};
    if (!this.client || this.unavailable) return { ...base, state: 'unavailable', detail: this.unavailable ?? 'starting', ...withProblem };
    if (!s) return { ...base, state: 'unavailable', detail: 'starting' };
    return { ...base, state: s.state, ...(s.detail ? { detail: s.detail } : {}), ...withProblem };
  }

  onAppended(listener: (entries: readonly JournalEntry[]) => void): () => void {
    this.appendedListeners.add(listener);
    return () => this.appendedListeners.delete(listener);
  }

  onStatus(listener: (status: JournalStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  private emitAppended(entries: readonly JournalEntry[]): void {
    // The head moved: keep the status in step without asking the worker.
    const last = entries[entries.length - 1];
    if (this.workerStatus && last && last.seq > this.workerStatus.head.seq) {
      this.workerStatus = { ...this.workerStatus, head: { seq: last.seq, hash: last.hash, hlc: last.hlc } };
    }
    for (const l of this.appendedListeners) {
      try {
        l(entries);
      } catch (err) {
        this.options.log.error('journal listener failed', { error: String(err) });
      }
    }
  }

  private emitStatus(): void {
    const status = this.status();
    for (const l of this.statusListeners) l(status);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.restartTimer?.();
    const client = this.client;
    this.client = undefined;
    await client?.close();
  }
}

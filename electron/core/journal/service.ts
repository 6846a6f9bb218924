import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { ConsoleError } from '../../../shared/errors';
import type { EntryDraft, JournalEntry, Mode } from '../../../shared/journal/entry';
import { canonicalJson } from '../../../shared/journal/canonical';
import type { KindRegistry } from '../../../shared/journal/kinds';
import { JournalQuerySchema, type JournalQuery } from '../../../shared/journal/query';
import type { JournalStatus, UpstreamStatus } from '../../../shared/journal/status';
import type { Clock } from '../support/clock';
import type { Log } from '../support/log';
import { clientOf, pickMethods, type WorkerClient } from '../support/workerRpc';
import { identityFile, readIdentity, updateIdentity } from '../identity';
import { outcomesFromColumns, toColumns } from './batch';
import { JournalClient, type WorkerEntry } from './client';
import { prepareDraft } from './prepare';
import { REPEATED_KEY_PREFIX, storeReads, type ExportManifest, type JournalWorkerApi, type StoreReads, type WorkerInit, type WorkerStatus } from './protocol';
import type { PeerStoreResult } from './store';
import { quickCheckInThread } from './quickCheck';
import { damagedError } from './store';
import { verifyJournalFile } from './verify';
import { chmodPrivate, mkdirPrivate } from '../support/privateFiles';
import { openSigningKey, type KeyVault } from '../support/keyVault';

/**
 * The page check (quick_check) starts at the first quiet moment from this
 * long after the writer opens the file: no entry committed for PAGE_CHECK_QUIET_MS.
 */
const PAGE_CHECK_DELAY_MS = 3_000;
const PAGE_CHECK_QUIET_MS = 1_000;
/** However busy the journal stays, the page check starts by then. */
const PAGE_CHECK_LATEST_MS = 60_000;
/** The least time between two records of a checkpoint's head in the identity file. */
const HEAD_RECORD_EVERY_MS = 5_000;

export interface JournalPaths {
  readonly file: string;
  readonly keyFile: string;
  readonly segmentsDir: string;
  readonly exportsDir: string;
  /** The console's identity file: pins the signing key and records the last head (identity.ts). */
  readonly identityFile: string;
}

export function journalPaths(dataDir: string): JournalPaths {
  return {
    file: join(dataDir, 'journal', 'journal.sqlite'),
    keyFile: join(dataDir, 'keys', 'journal-ed25519.pem'),
    segmentsDir: join(dataDir, 'journal', 'segments'),
    exportsDir: join(dataDir, 'exports'),
    identityFile: identityFile(dataDir),
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
  /** WorkerInit.fullVerifyEveryMs: the whole chain is walked again this long after the last walk (default 4 min). */
  readonly fullVerifyEveryMs?: number;
  /**
   * Where the signing key is kept (support/keyVault.ts): the OS keystore in the
   * desktop app; a plain key file at `paths.keyFile` is moved into it. Without
   * one the worker keeps the key in `paths.keyFile` (0600).
   */
  readonly keyVault?: KeyVault;
}

export interface AppendContext {
  /** Who: a roster person id or operator name; "system" for the console's own entries. */
  readonly actor: string;
  /** Entries default to LIVE; drills pass DRILL. */
  readonly mode?: Mode;
  /** Internal callers may write system kinds (checkpoints, segments, quarantine records). */
  readonly allowSystem?: boolean;
  /**
   * A client's idempotency key (appendEntry; one draft only): stored with the
   * entry in the same transaction, and a repeat answers that entry (appendOnce).
   */
  readonly idempotencyKey?: string;
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
  /** Checkpoint heads to record in the identity file (recordHeadPaced). */
  private headTimer: ReturnType<typeof setTimeout> | undefined;
  private headPending: { seq: number; hash: string } | undefined;
  private lastHeadRecord = Number.NEGATIVE_INFINITY;
  /** The page check of the file opened at start, while it runs. */
  private pageCheck: { stop(): void } | undefined;
  /** Settles when the start-up page check has run (or cannot run any more: closed, reopened). */
  private pagesChecked: Promise<void> = Promise.resolve();
  private pagesCheckedDone: () => void = () => undefined;
  /** When entries were last committed (performance.now()): the page check waits for a quiet moment. */
  private lastAppendAt = Number.NEGATIVE_INFINITY;
  /** A new segment being started after a break (appends wait for it). */
  private recovering: Promise<void> | undefined;
  /** Client appends in flight by idempotency key: a retry that arrives before the first answer waits for it. */
  private readonly pendingKeys = new Map<string, Promise<JournalEntry>>();

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
    const identity = readIdentity(paths.identityFile);
    const key = await this.signingKey();
    const init: WorkerInit = {
      file: paths.file,
      keyFile: paths.keyFile,
      ...(key ? { privateKeyPem: key, keyWhere: this.options.keyVault?.where ?? paths.keyFile } : {}),
      site: this.options.site,
      consoleId: this.options.consoleId,
      now: this.options.clock.now(),
      ...(this.options.checkpointEvery !== undefined ? { checkpointEvery: this.options.checkpointEvery } : {}),
      ...(this.options.checkpointIntervalMs !== undefined ? { checkpointIntervalMs: this.options.checkpointIntervalMs } : {}),
      ...(this.options.maxPageCount !== undefined ? { maxPageCount: this.options.maxPageCount } : {}),
      ...(this.options.fullVerifyEveryMs !== undefined ? { fullVerifyEveryMs: this.options.fullVerifyEveryMs } : {}),
      ...(identity?.journalKey !== undefined ? { pinnedKey: identity.journalKey } : {}),
      ...(identity?.journalHead !== undefined ? { expectedHead: identity.journalHead } : {}),
      ...(segment ? { segment } : {}),
    };
    let started;
    try {
      started = await JournalClient.start(this.options.worker, init, this.options.log);
    } catch (err) {
      // A file SQLite cannot read (corrupt pages, cut short): kept as it is, and the journal goes on in a new segment.
      if (!segment && err instanceof ConsoleError && err.code === 'integrity' && err.message.startsWith('damaged: ')) {
        await this.segmentAfter(err.message.slice('damaged: '.length), { headSeq: 0, suffix: 'damaged' });
        return;
      }
      throw err;
    }
    const { client, status } = started;
    this.client = client;
    this.workerStatus = status;
    // Only the owner reads the journal (the worker has opened it: the -wal and -shm exist now).
    chmodPrivate(paths.file, `${paths.file}-wal`, `${paths.file}-shm`);
    this.unavailable = undefined;
    // The key is pinned when it is first used; from then on verification trusts only it.
    if (identity?.journalKey === undefined) this.recordIdentity({ journalKey: status.publicKey });
    this.recordHead(status.head, status.state === 'ok');
    client.onStatus((s) => {
      this.workerStatus = s;
      this.emitStatus();
      this.recoverIfBroken();
    });
    client.onExit((error) => {
      this.client = undefined;
      this.unavailable = error.message;
      this.options.log.error('journal writer stopped; restarting', { error: error.message });
      this.emitStatus();
      this.scheduleRestart();
    });
    this.emitStatus();
    this.recoverIfBroken();
    if (!segment) this.checkPages(client);
  }

  /**
   * `quick_check` of every page, beside the writer (quickCheck.ts): the
   * console serves and logs while it reads the file. Damaged pages found this
   * way are handled as at open: the file kept as it is, a new segment.
   */
  private checkPages(client: JournalClient): void {
    // Not during the start-up's burst: on a two-core machine starting the thread and reading the whole
    // file would compete with the fold, the first views and the site's traffic of a console that just
    // joined (bench:site's warm-up doubled with it at a fixed 3 s). It yields to committing entries, up
    // to a minute. Real timers: they pace work, they are not the site's time.
    const openedAt = performance.now();
    let timer: ReturnType<typeof setTimeout>;
    this.pagesCheckedDone();
    this.pagesChecked = new Promise((resolve) => (this.pagesCheckedDone = resolve));
    const attempt = (): void => {
      if (this.closed || this.client !== client) {
        this.pagesCheckedDone();
        return;
      }
      const now = performance.now();
      if (now - this.lastAppendAt < PAGE_CHECK_QUIET_MS && now - openedAt < PAGE_CHECK_LATEST_MS) {
        timer = setTimeout(attempt, PAGE_CHECK_QUIET_MS);
        timer.unref?.();
        return;
      }
      this.runPageCheck(client);
    };
    timer = setTimeout(attempt, PAGE_CHECK_DELAY_MS);
    timer.unref?.();
    this.pageCheck = {
      stop: () => {
        clearTimeout(timer);
        this.pagesCheckedDone();
      },
    };
  }

  /**
   * Settles once the start-up page check is over (a quick_check of a
   * million-entry file takes seconds of a core): what a benchmark of steady
   * appends waits for, so it does not time the one-off check with them.
   */
  whenPagesChecked(): Promise<void> {
    return this.pagesChecked;
  }

  private runPageCheck(client: JournalClient): void {
    const file = this.options.paths.file;
    const check = quickCheckInThread(this.options.worker, file);
    this.pageCheck = check;
    const done = this.pagesCheckedDone;
    void check.result.then((quick) => {
      done();
      if (this.pageCheck === check) this.pageCheck = undefined;
      if (quick === undefined) this.options.log.warn('journal: the page check could not run', { file });
      if (quick === undefined || quick === 'ok' || this.closed || this.client !== client || this.recovering) return;
      const problem = damagedError(file, `quick_check: ${quick.split('\n').slice(0, 3).join('; ')}`).message.slice('damaged: '.length);
      this.options.log.error('journal: damaged pages found', { file, quick: quick.slice(0, 200) });
      this.recovering = this.segmentAfter(problem, { headSeq: this.workerStatus?.head.seq ?? 0, suffix: 'damaged' })
        .catch((err: unknown) => this.options.log.error('journal: cannot start a new segment after damaged pages', { error: String(err) }))
        .finally(() => {
          this.recovering = undefined;
        });
    });
  }

  /** The key from the vault (moving a plain key file into it once), or undefined: the worker reads the key file. */
  private async signingKey(): Promise<string | undefined> {
    const vault = this.options.keyVault;
    if (!vault || vault.plainFile === this.options.paths.keyFile) return undefined;
    const { pem, migrated } = await openSigningKey(vault, this.options.paths.keyFile);
    if (migrated) this.options.log.info('journal signing key moved into the keystore; the plain key file is removed', { from: this.options.paths.keyFile, to: vault.where });
    return pem;
  }

  private recordIdentity(patch: Parameters<typeof updateIdentity>[2]): void {
    try {
      updateIdentity(this.options.paths.identityFile, { consoleId: this.options.consoleId, now: this.options.clock.now() }, patch);
    } catch (err) {
      this.options.log.error('journal: cannot record in the identity file', { error: String(err) });
    }
  }

  /**
   * A checkpoint's head, recorded at most once per HEAD_RECORD_EVERY_MS (the
   * latest at the end of the window, and at close): each record is an atomic
   * write with fsync on the core's thread, and a burst checkpoints every
   * 1,000 entries (a million-entry day wrote the identity file a thousand
   * times). The record lags the newest checkpoint by at most the window.
   * Paced by a real timer: disk work, not the site's time.
   */
  private recordHeadPaced(head: { seq: number; hash: string }, trusted: boolean): void {
    if (!trusted) return;
    const now = performance.now();
    if (!this.headTimer && now - this.lastHeadRecord >= HEAD_RECORD_EVERY_MS) {
      this.lastHeadRecord = now;
      this.recordHead(head, true);
      return;
    }
    this.headPending = { seq: head.seq, hash: head.hash };
    if (this.headTimer) return;
    this.headTimer = setTimeout(
      () => {
        this.headTimer = undefined;
        const pending = this.headPending;
        this.headPending = undefined;
        if (!pending || this.closed) return;
        this.lastHeadRecord = performance.now();
        this.recordHead(pending, this.workerStatus?.state === 'ok');
      },
      Math.max(0, HEAD_RECORD_EVERY_MS - (now - this.lastHeadRecord)),
    );
    this.headTimer.unref?.();
  }

  /** The head outside the file, so an emptied, cut or older journal is caught at the next open. Never moved back. */
  private recordHead(head: { seq: number; hash: string }, trusted: boolean): void {
    if (!trusted || head.seq === 0) return;
    let known;
    try {
      known = readIdentity(this.options.paths.identityFile)?.journalHead;
    } catch {
      known = undefined;
    }
    if (known && (known.seq > head.seq || (known.seq === head.seq && known.hash === head.hash))) return;
    this.recordIdentity({ journalHead: { seq: head.seq, hash: head.hash } });
  }

  /**
   * A break (a bad entry, an emptied or older file, damaged pages) is not a
   * reason to stop logging: the file is kept as it is under segments/ and a
   * new segment starts at once, its first entry naming the problem; the desk
   * sees it until acknowledged. A signing key that is not the pinned one waits
   * for a supervisor instead (it could be an attacker's).
   */
  private recoverIfBroken(): void {
    const s = this.workerStatus;
    if (this.closed || this.recovering || !this.client || !s || s.state !== 'broken' || s.breakKind === 'key' || s.breakKind === undefined) return;
    const problem = s.verification.problem;
    const lastGoodSeq = problem ? problem.seq - 1 : s.breakKind === 'head' ? s.head.seq : s.verification.verifiedTo;
    const text = problem && !s.detail ? `entry #${problem.seq}: ${problem.problem}` : (s.detail ?? 'verification failed');
    this.recovering = this.segmentAfter(text, { headSeq: s.head.seq, lastGoodSeq, lastGoodHash: problem || s.breakKind !== 'head' ? s.verification.lastGoodHash : s.head.hash, suffix: 'broken' })
      .catch((err: unknown) => this.options.log.error('journal: cannot start a new segment after a break', { error: String(err) }))
      .finally(() => {
        this.recovering = undefined;
      });
  }

  /**
   * Keeps the current file (if any) under segments/, unchanged, and starts a
   * new one whose first entry names the problem, continuing after the highest
   * sequence number known (the file's or the identity's) so nothing upstream
   * is overwritten.
   */
  private async segmentAfter(problem: string, at: { headSeq: number; lastGoodSeq?: number; lastGoodHash?: string | undefined; suffix: string }): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.close();
    const { paths } = this.options;
    mkdirPrivate(paths.segmentsDir);
    const stamp = new Date(this.options.clock.now()).toISOString().replace(/[:.]/g, '-');
    let kept = join(paths.segmentsDir, `journal-${stamp}-${at.suffix}.sqlite`);
    for (let n = 2; existsSync(kept); n++) kept = join(paths.segmentsDir, `journal-${stamp}-${at.suffix}-${n}.sqlite`);
    let keptAny = false;
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(paths.file + suffix)) {
        renameSync(paths.file + suffix, kept + suffix);
        keptAny = true;
      }
    }
    let lastGoodSeq = at.lastGoodSeq;
    let lastGoodHash = at.lastGoodHash;
    let headSeq = at.headSeq;
    if (lastGoodSeq === undefined && keptAny) {
      // What of the damaged file still reads (opened read-only; the file is not changed).
      try {
        const report = verifyJournalFile(kept);
        lastGoodSeq = report.verifiedTo;
        lastGoodHash = report.lastGoodHash;
        headSeq = Math.max(headSeq, report.verifiedTo);
      } catch {
        // unreadable from its first page
      }
    }
    let known;
    try {
      known = readIdentity(paths.identityFile)?.journalHead;
    } catch {
      known = undefined;
    }
    const startSeq = Math.max(headSeq, known?.seq ?? 0) + 1;
    // Link to the last entry known good: the recorded head when the file fell behind it.
    const prevHash = known && known.seq >= headSeq ? known.hash : (lastGoodHash ?? '0'.repeat(64));
    this.options.log.warn('journal: new segment started after a break', { kept: keptAny ? kept : undefined, problem, startSeq });
    await this.startWorker({
      startSeq,
      prevHash,
      previous: {
        file: keptAny ? kept : paths.file,
        lastGoodSeq: lastGoodSeq ?? 0,
        lastGoodHash: lastGoodHash ?? prevHash,
        problem,
      },
    });
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

  /**
   * A client's append (appendEntry). With an idempotency key, the first
   * request records the entry and every repeat of the key — while the first
   * is in flight, later, or after a restart (the key is stored with the entry,
   * `append_keys`) — answers that same entry. A repeat whose kind, ref or
   * payload differ is refused as `conflict`: a key names one entry.
   */
  async appendOnce(draft: EntryDraft, context: AppendContext): Promise<JournalEntry> {
    const key = context.idempotencyKey;
    if (key === undefined) return this.append(draft, context);
    const pending = this.pendingKeys.get(key);
    if (pending) return this.sameAs(await pending, draft, context);
    const first = this.appendKeyed(draft, context, key);
    this.pendingKeys.set(key, first);
    try {
      return await first;
    } finally {
      this.pendingKeys.delete(key);
    }
  }

  private async appendKeyed(draft: EntryDraft, context: AppendContext, key: string): Promise<JournalEntry> {
    const known = await this.worker.getByAppendKey(key);
    if (known) return this.sameAs(known, draft, context);
    try {
      return await this.append(draft, context);
    } catch (err) {
      // Recorded after our look-up (another writer of this file, in principle): answer what is stored.
      if (err instanceof ConsoleError && err.code === 'conflict' && err.message.startsWith(REPEATED_KEY_PREFIX)) {
        const stored = await this.worker.getByAppendKey(key);
        if (stored) return this.sameAs(stored, draft, context);
      }
      throw err;
    }
  }

  /** The stored entry answers a repeat only when the repeat asks for the same thing. */
  private sameAs(stored: JournalEntry, draft: EntryDraft, context: AppendContext): JournalEntry {
    const { prepared } = prepareDraft(this.options.kinds, draft, {
      actor: context.actor,
      now: stored.occurredAt,
      mode: context.mode ?? 'LIVE',
      allowSystem: context.allowSystem ?? false,
    });
    if (prepared.kind !== stored.kind || prepared.ref !== stored.ref || prepared.payloadText !== canonicalJson(stored.payload)) {
      throw new ConsoleError('conflict', `idempotencyKey: already used for entry #${stored.seq} (${stored.kind}) with other content; a new entry needs a new key`, [
        { path: 'idempotencyKey', message: `already used for entry #${stored.seq}` },
      ]);
    }
    return stored;
  }

  /** Records several entries in one transaction (all or, on a storage failure, none). */
  async appendMany(drafts: readonly EntryDraft[], context: AppendContext, retried = false): Promise<JournalEntry[]> {
    if (this.recovering) await this.recovering;
    if (context.idempotencyKey !== undefined && drafts.length !== 1) throw new ConsoleError('internal', 'an idempotency key names one entry');
    const now = this.options.clock.now();
    const prepared = drafts.map((d) =>
      prepareDraft(this.options.kinds, d, {
        actor: context.actor,
        now,
        mode: context.mode ?? 'LIVE',
        allowSystem: context.allowSystem ?? false,
        appendKey: context.idempotencyKey,
      }),
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
    // The batch met a break (found by verification or by this very write): once the new segment is open it is written there.
    if (failure && !retried && committed.length === 0 && this.recovering) {
      await this.recovering;
      if (this.workerStatus?.state === 'ok') return this.appendMany(drafts, context, true);
    }
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

  /** Walks the whole chain from #1 and answers with the status after that walk (never a stale ok). */
  async verifyNow(): Promise<JournalStatus> {
    if (this.recovering) await this.recovering;
    await this.worker.verify();
    // A problem found was announced before the reply: the new segment may be starting already.
    if (!this.recovering) {
      this.workerStatus = await this.worker.status();
      this.recoverIfBroken();
    }
    if (this.recovering) await this.recovering;
    return this.status();
  }

  /**
   * After a break: keeps the broken file unchanged under segments/ and starts
   * a new file whose first entry records where and why the old one broke,
   * continuing the sequence numbers so nothing upstream is overwritten.
   */
  async startNewSegment(): Promise<JournalStatus> {
    if (this.recovering) await this.recovering;
    const status = this.workerStatus;
    if (status && status.state === 'ok' && status.notice !== undefined) {
      // Already started on its own after a break: the supervisor's action acknowledges it.
      await this.worker.acknowledgeNotice(this.options.clock.now());
      this.workerStatus = await this.worker.status();
      this.emitStatus();
      return this.status();
    }
    if (!status || status.state !== 'broken') {
      throw new ConsoleError('conflict', 'the journal is not broken; a new segment is only started after a failed verification');
    }
    if (status.breakKind === 'key') {
      // The supervisor accepts the key now in the key file: it is pinned, and the old segment kept under its old key.
      this.recordIdentity({ journalKey: status.publicKey });
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
    // The supervisor asked for it: nothing more to acknowledge.
    await this.worker.acknowledgeNotice(this.options.clock.now());
    this.workerStatus = await this.worker.status();
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
      ...(s ? { publicKey: s.publicKey } : {}),
    };
    const problem = s?.verification.problem;
    const withProblem = problem ? { problem: { seq: problem.seq, problem: problem.problem, ...(problem.id ? { id: problem.id } : {}) } } : {};
    if (!this.client || this.unavailable) return { ...base, state: 'unavailable', detail: this.unavailable ?? 'starting', ...withProblem };
    if (!s) return { ...base, state: 'unavailable', detail: 'starting' };
    if (s.state === 'ok' && s.notice !== undefined) {
      // Appends go on in the new segment; the desk sees why it started until someone acknowledges it
      // (startNewJournalSegment does). Not 'broken': nothing is refused, and the new segment's chain is whole.
      return { ...base, state: 'recovered', detail: s.notice };
    }
    const walk = s.verification.lastFullWalk;
    const walked = walk && s.state === 'ok' ? { detail: `last full verification ${new Date(walk.at).toISOString()}: ${walk.entries} entries, ${walk.ok ? 'ok' : 'failed'}` } : {};
    return { ...base, state: s.state, ...walked, ...(s.detail ? { detail: s.detail } : {}), ...withProblem };
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
    this.lastAppendAt = performance.now();
    // The head moved: keep the status in step without asking the worker.
    const last = entries[entries.length - 1];
    if (this.workerStatus && last && last.seq > this.workerStatus.head.seq) {
      this.workerStatus = { ...this.workerStatus, head: { seq: last.seq, hash: last.hash, hlc: last.hlc } };
    }
    const marker = entries.findLast((e) => e.kind === 'journal.checkpoint' || e.kind === 'journal.segment');
    if (marker?.kind === 'journal.segment') this.recordHead(marker, this.workerStatus?.state === 'ok');
    else if (marker) this.recordHeadPaced(marker, this.workerStatus?.state === 'ok');
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
    this.pageCheck?.stop();
    if (this.headTimer) clearTimeout(this.headTimer);
    this.headTimer = undefined;
    if (this.recovering) await this.recovering;
    const client = this.client;
    this.client = undefined;
    if (client && this.workerStatus) {
      try {
        const s = await client.api.status();
        this.recordHead(s.head, s.state === 'ok');
      } catch {
        // the writer is gone: the last checkpoint's head stands (one still waiting to be recorded is recorded now)
        if (this.headPending) this.recordHead(this.headPending, true);
      }
    }
    await client?.close();
  }
}

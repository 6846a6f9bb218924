import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { ConsoleError, type ConsoleErrorData } from '../../../shared/errors';
import { checkpointStatement, GENESIS_HASH, type JournalEntry, type Mode } from '../../../shared/journal/entry';
import { decodeHlc, encodeHlc, HLC_ZERO, hlcReceive, hlcTick, type Hlc } from '../../../shared/journal/hlc';
import type { JournalQueryParsed } from '../../../shared/journal/query';
import { ftsQuery, spaceCjk } from '../../../shared/journal/searchText';
import { uuid7 } from '../../../shared/journal/uuid7';
import { canonicalJson } from '../../../shared/journal/canonical';
import { COLUMNS, rowToEntry, checkRow, createEntryHasher, type JournalRow as Row } from './chain';
import { migrate } from './migrations';
import type { Signer } from './signer';
import { REPEATED_KEY_PREFIX } from './protocol';
import { SQL } from './sql';
import { ChainVerifier } from './verify';

/** A draft the core has validated and serialized; the writer adds order, time and hashes. */
export interface PreparedDraft {
  readonly kind: string;
  /** Canonical JSON of the payload. */
  readonly payloadText: string;
  /** Words for full-text search. */
  readonly text: string;
  readonly ref: string | null;
  readonly occurredAt: number | undefined;
  readonly actor: string;
  readonly mode: Mode;
  /** The caller's clock when it asked (the writer thread never reads time itself). */
  readonly now: number;
  /** A client's idempotency key (appendEntry): a key already stored is refused as `conflict` naming its entry, nothing written. */
  readonly appendKey?: string | null;
}

/** What the writer decided for a committed entry; the rest of the entry is the caller's own draft. */
export interface Committed {
  readonly seq: number;
  readonly id: string;
  readonly occurredAt: number;
  readonly hlc: string;
  readonly prevHash: string;
  readonly hash: string;
}

/** Where a saved fold of the site state stands: everything at or before (hlc, console) in merge order, each console's last entry named. */
export interface FoldPoint {
  readonly site: string;
  readonly includeOwn: boolean;
  readonly hlc: string;
  readonly console: string;
  readonly heads: Readonly<Record<string, { readonly seq: number; readonly hash: string }>>;
}

/** Kept small on purpose: it crosses the thread boundary once per entry. */
export type AppendOutcome = { readonly ok: true; readonly committed: Committed } | { readonly ok: false; readonly error: ConsoleErrorData };

/** Random bytes for UUIDs, drawn from the OS in blocks (one syscall per thousand ids, not per id). */
class RandomPool {
  private buffer = randomBytes(10 * 1024);
  private offset = 0;
  take(): { buffer: Uint8Array; offset: number } {
    if (this.offset + 10 > this.buffer.length) {
      this.buffer = randomBytes(10 * 1024);
      this.offset = 0;
    }
    const at = this.offset;
    this.offset += 10;
    return { buffer: this.buffer, offset: at };
  }
}

export interface StoreOptions {
  readonly file: string;
  readonly site: string;
  readonly consoleId: string;
  readonly signer: Signer;
  /** Sign a checkpoint after this many entries (default 1000) … */
  readonly checkpointEvery?: number;
  /** … or this long after the last one (default 10 min), whichever comes first. */
  readonly checkpointIntervalMs?: number;
  /** Limits the file's size in pages: used by tests to fill the "disk". */
  readonly maxPageCount?: number;
  /** Set when opening a new segment after a broken one (see openNewSegment). */
  readonly segment?: { readonly startSeq: number; readonly prevHash: string; readonly previous: SegmentPrevious };
  /**
   * The head last recorded outside the file (identity file): a file that is
   * empty, behind it or holding another entry there is not silently reused.
   */
  readonly expectedHead?: { readonly seq: number; readonly hash: string };
  /** The file did not exist before this open (names the problem when expectedHead says it should have). */
  readonly fileWasMissing?: boolean;
  /** Refuse appends from the start with this reason (the signing key is not the pinned one). */
  readonly untrusted?: string;
  /** The console's pinned public key, checked by the verifiers this store creates. */
  readonly pinnedKey?: string;
}

/**
 * Why appends are refused: `chain` (verification found a bad entry), `head`
 * (the file is empty, cut or older than the recorded head), `damaged`
 * (SQLite reports corrupt pages), `key` (the signing key is not the pinned
 * one). All but `key` are recovered by a new segment on their own; `key`
 * waits for a supervisor (restore the key file, or start a new segment).
 */
export type BreakKind = 'chain' | 'head' | 'damaged' | 'key';

export interface SegmentPrevious {
  readonly file: string;
  readonly lastGoodSeq: number;
  readonly lastGoodHash: string;
  readonly problem: string;
}

export type StoreState = 'ok' | 'full' | 'broken';

export interface PeerProblem {
  readonly console: string;
  readonly seq: number;
  readonly problem: string;
}

export interface PeerStoreResult {
  readonly stored: JournalEntry[];
  readonly duplicates: number;
  readonly problems: PeerProblem[];
}

export interface Head {
  readonly seq: number;
  readonly hash: string;
  readonly hlc: string;
}

/**
 * The journal file: one writer, append-only, hash-chained, with signed
 * checkpoints. Synchronous (better-sqlite3); it runs inside the journal
 * worker thread, so the UI thread never waits on the disk.
 */
export class JournalStore {
  readonly file: string;
  private readonly db: Database.Database;
  private head: { seq: number; hash: string; hlc: Hlc };
  private lastCheckpoint: { seq: number; at: number };
  private state: StoreState = 'ok';
  /** The segment notice as stored (`meta`), read once: status() is asked after every flush. */
  private noticeCache: { value: string | undefined } | undefined;
  private readonly random = new RandomPool();
  private readonly hashEntry: ReturnType<typeof createEntryHasher>;
  private stateDetail: string | undefined;
  private breakKind: BreakKind | undefined;
  private readonly stmts;
  /** Entries the store wrote on its own during the last append (a checkpoint), for the caller to announce like any other. */
  private systemSeqs: number[] = [];

  private constructor(private readonly options: StoreOptions, db: Database.Database) {
    this.file = options.file;
    this.db = db;
    this.hashEntry = createEntryHasher(options.site, options.consoleId);
    this.stmts = {
      insert: db.prepare(SQL.insertOwn),
      insertFts: db.prepare('INSERT INTO entries_fts (rowid, text) VALUES (?, ?)'),
      last: db.prepare(`SELECT ${COLUMNS} FROM entries ORDER BY seq DESC LIMIT 1`),
      bySeq: db.prepare(`SELECT ${COLUMNS} FROM entries WHERE seq = ?`),
      byId: db.prepare(`SELECT ${COLUMNS} FROM entries WHERE id = ?`),
      hasId: db.prepare('SELECT 1 FROM entries WHERE id = ?').pluck(),
      keySeq: db.prepare('SELECT seq FROM append_keys WHERE key = ?').pluck(),
      keyInsert: db.prepare('INSERT INTO append_keys (key, seq) VALUES (?, ?)'),
      lastCheckpoint: db.prepare(`SELECT seq, occurred_at FROM entries WHERE kind = 'journal.checkpoint' ORDER BY seq DESC LIMIT 1`),
      page: db.prepare(`SELECT ${COLUMNS} FROM entries WHERE seq > ? AND mode = ? ORDER BY seq LIMIT ?`),
      range: db.prepare(SQL.ownAfter),
      countAfter: db.prepare('SELECT count(*) FROM entries WHERE seq > ? AND mode = ?').pluck(),
      getSync: db.prepare('SELECT acked_seq AS ackedSeq, acked_at AS ackedAt FROM sync_state WHERE subject = ?'),
      peerBySeq: db.prepare('SELECT hash FROM peer_entries WHERE console = ? AND seq = ?').pluck(),
      peerInsert: db.prepare(
        `INSERT INTO peer_entries (console, seq, id, site, kind, occurred_at, hlc, actor, mode, ref, payload, prev_hash, hash, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      peerPage: db.prepare(SQL.peersAfter),
      peerHeads: db.prepare('SELECT console, max(seq) AS seq, count(*) AS count FROM peer_entries WHERE site = ? GROUP BY console'),
      ownSince: db.prepare('SELECT hlc, console FROM entries WHERE seq > ? AND hlc <= ? LIMIT 100'),
      peerSince: db.prepare('SELECT hlc, console FROM peer_entries WHERE site = ? AND console = ? AND seq > ? AND hlc <= ? LIMIT 100'),
      metaGet: db.prepare('SELECT value FROM meta WHERE key = ?').pluck(),
      metaSet: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
      setSync: db.prepare(
        'INSERT INTO sync_state (subject, acked_seq, acked_at) VALUES (?, ?, ?) ON CONFLICT(subject) DO UPDATE SET acked_seq = excluded.acked_seq, acked_at = excluded.acked_at WHERE excluded.acked_seq >= sync_state.acked_seq',
      ),
    };
    const last = this.stmts.last.get() as Row | undefined;
    this.head = last ? { seq: last.seq, hash: last.hash, hlc: decodeHlc(last.hlc) } : { seq: 0, hash: GENESIS_HASH, hlc: HLC_ZERO };
    const cp = this.stmts.lastCheckpoint.get() as { seq: number; occurred_at: number } | undefined;
    this.lastCheckpoint = cp ? { seq: cp.seq, at: cp.occurred_at } : { seq: 0, at: 0 };
  }

  /** Opens (creating and migrating if needed) a journal file and checks its tail. */
  static open(options: StoreOptions, now: number): JournalStore {
    const db = new Database(options.file);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      if (options.maxPageCount !== undefined) db.pragma(`max_page_count = ${options.maxPageCount}`);
      migrate(db, options.file);
      const store = new JournalStore(options, db);
      store.checkTail();
      if (store.state === 'ok' && !options.segment) store.checkExpectedHead();
      if (options.untrusted !== undefined) store.markBroken(options.untrusted, 'key');
      if (store.head.seq === 0 && store.state === 'ok') store.writeSegmentStart(now);
      return store;
    } catch (err) {
      db.close();
      if (isDamage(err)) throw damagedError(options.file, (err as Error).message);
      throw err;
    }
  }

  /** The head recorded outside the file must be in it, unchanged. */
  private checkExpectedHead(): void {
    const expected = this.options.expectedHead;
    if (!expected || expected.seq === 0) return;
    const known = `#${expected.seq.toLocaleString('en-US')} ${expected.hash.slice(0, 12)}…`;
    if (this.head.seq === 0) {
      this.markBroken(`${this.file}: journal file ${this.options.fileWasMissing ? 'missing' : 'empty'}; last known head ${known}`, 'head');
    } else if (this.head.seq < expected.seq) {
      this.markBroken(
        `${this.file}: head #${this.head.seq.toLocaleString('en-US')} is behind the last known ${known}: an older copy was restored or the tail was cut`,
        'head',
      );
    } else if ((this.stmts.bySeq.get(expected.seq) as Row | undefined)?.hash !== expected.hash) {
      this.markBroken(`${this.file}: entry #${expected.seq.toLocaleString('en-US')} is not the last known head ${known}: the history was replaced`, 'head');
    }
  }

  close(): void {
    this.db.close();
  }

  status(): { state: StoreState; detail: string | undefined; breakKind: BreakKind | undefined; head: Head; lastCheckpointSeq: number; notice: string | undefined } {
    return {
      state: this.state,
      detail: this.stateDetail,
      breakKind: this.state === 'broken' ? this.breakKind : undefined,
      head: this.headInfo(),
      lastCheckpointSeq: this.lastCheckpoint.seq,
      notice: this.notice(),
    };
  }

  /** What the desk must see about this segment's start (a break before it) until someone acknowledges it. */
  private notice(): string | undefined {
    this.noticeCache ??= { value: this.getMeta('notice.acknowledged') !== undefined ? undefined : this.getMeta('notice') };
    return this.noticeCache.value;
  }

  /** The store's state alone (no reads): what a flush compares before and after. */
  get currentState(): StoreState {
    return this.state;
  }

  acknowledgeNotice(now: number): void {
    if (this.getMeta('notice') !== undefined) this.setMeta('notice.acknowledged', String(now));
  }

  headInfo(): Head {
    return { seq: this.head.seq, hash: this.head.hash, hlc: encodeHlc(this.head.hlc) };
  }

  /** Marks the chain broken (from verification); appends are refused from now on, until a new segment. */
  markBroken(detail: string, kind: BreakKind = 'chain'): void {
    if (this.state === 'broken') return;
    this.state = 'broken';
    this.stateDetail = detail;
    this.breakKind = kind;
  }

  /**
   * Commits drafts in one transaction (group commit). Drafts that fail their
   * own checks (an unknown ref) are refused individually; a storage failure
   * refuses the whole batch and nothing of it is written.
   */
  append(drafts: readonly PreparedDraft[]): AppendOutcome[] {
    if (this.state === 'broken') {
      const error: ConsoleErrorData = {
        code: 'integrity',
        message: `the journal chain is broken (${this.stateDetail ?? 'verification failed'}); appends are refused. Start a new segment: the broken file is kept unchanged beside it.`,
      };
      return drafts.map(() => ({ ok: false, error }));
    }
    const keysInBatch = new Set<string>();
    const outcomes: (AppendOutcome | undefined)[] = drafts.map((d) => {
      if (d.ref !== null && this.stmts.hasId.get(d.ref) === undefined) {
        return { ok: false, error: { code: 'invalid-argument', message: `ref: no entry with id ${d.ref}`, issues: [{ path: 'ref', message: 'no such entry' }] } };
      }
      if (d.appendKey) {
        const seq = this.stmts.keySeq.get(d.appendKey) as number | undefined;
        if (seq !== undefined || keysInBatch.has(d.appendKey)) return { ok: false, error: repeatedKey(d.appendKey, seq) };
        keysInBatch.add(d.appendKey);
      }
      return undefined;
    });
    const savedHead = { ...this.head };
    const savedCheckpoint = { ...this.lastCheckpoint };
    this.systemSeqs = [];
    try {
      this.db.transaction(() => {
        drafts.forEach((draft, i) => {
          if (outcomes[i]) return;
          outcomes[i] = { ok: true, committed: this.insert(draft) };
        });
        const newest = drafts.reduce((m, d) => Math.max(m, d.now), 0);
        if (this.checkpointDue(newest)) this.writeCheckpoint(newest);
      })();
      if (this.state === 'full') {
        this.state = 'ok';
        this.stateDetail = undefined;
      }
      return outcomes as AppendOutcome[];
    } catch (err) {
      this.head = savedHead;
      this.lastCheckpoint = savedCheckpoint;
      this.systemSeqs = [];
      const error = this.storageError(err);
      return drafts.map((_, i) => (outcomes[i] && !outcomes[i].ok ? outcomes[i] : { ok: false, error }));
    }
  }

  private storageError(err: unknown): ConsoleErrorData {
    const code = (err as { code?: string }).code ?? '';
    const message = err instanceof Error ? err.message : String(err);
    if (code === 'SQLITE_FULL' || /ENOSPC|disk is full|database or disk is full/i.test(message)) {
      this.state = 'full';
      this.stateDetail = message;
      return { code: 'storage-full', message: `the disk holding the journal is full (${message}); nothing of this batch was written` };
    }
    if (isDamage(err) || /^SQLITE_IOERR/.test(code)) {
      // An I/O error may be a passing one; corrupt pages are not: check the file before the next append tries it.
      let quick: string;
      try {
        quick = this.quickCheck();
      } catch (checkErr) {
        quick = (checkErr as Error).message;
      }
      if (quick !== 'ok') this.markBroken(`${this.file} is damaged (${message}; quick_check: ${quick.split('\n').slice(0, 3).join('; ')})`, 'damaged');
    }
    return { code: 'unavailable', message: `journal write failed (${this.file}): ${message}` };
  }

  private insert(draft: PreparedDraft): Committed {
    const hlc = hlcTick(this.head.hlc, draft.now);
    const r = this.random.take();
    const fields = {
      seq: this.head.seq + 1,
      id: uuid7(draft.now, r.buffer, r.offset),
      site: this.options.site,
      console: this.options.consoleId,
      kind: draft.kind,
      occurredAt: draft.occurredAt ?? draft.now,
      hlc: encodeHlc(hlc),
      actor: draft.actor,
      mode: draft.mode,
      ref: draft.ref,
      prevHash: this.head.hash,
    };
    const hash = this.hashEntry(fields, draft.payloadText);
    this.stmts.insert.run(
      fields.seq,
      fields.id,
      fields.site,
      fields.console,
      fields.kind,
      fields.occurredAt,
      fields.hlc,
      fields.actor,
      fields.mode,
      fields.ref,
      draft.payloadText,
      fields.prevHash,
      hash,
    );
    if (draft.text !== '') this.stmts.insertFts.run(fields.seq, spaceCjk(draft.text));
    if (draft.appendKey) this.stmts.keyInsert.run(draft.appendKey, fields.seq);
    this.head = { seq: fields.seq, hash, hlc };
    return { seq: fields.seq, id: fields.id, occurredAt: fields.occurredAt, hlc: fields.hlc, prevHash: fields.prevHash, hash };
  }

  private checkpointDue(now: number): boolean {
    const every = this.options.checkpointEvery ?? 1000;
    const interval = this.options.checkpointIntervalMs ?? 10 * 60_000;
    return this.head.seq - this.lastCheckpoint.seq >= every || (this.head.seq > this.lastCheckpoint.seq && now - this.lastCheckpoint.at >= interval);
  }

  private writeCheckpoint(now: number): void {
    const statement = checkpointStatement(this.options.site, this.options.consoleId, this.head.seq, this.head.hash);
    const payload = { upToSeq: this.head.seq, headHash: this.head.hash, signature: this.options.signer.sign(statement) };
    const committed = this.insert({ kind: 'journal.checkpoint', payloadText: canonicalJson(payload), text: '', ref: null, occurredAt: now, actor: 'system', mode: 'LIVE', now });
    this.lastCheckpoint = { seq: committed.seq, at: now };
    this.systemSeqs.push(committed.seq);
  }

  /**
   * The entries the last append wrote besides the drafts (checkpoints), in
   * order. Every console folds every entry of a journal, so these must reach
   * the site state here as they reach it on the peers.
   */
  takeSystemEntries(): JournalEntry[] {
    const seqs = this.systemSeqs;
    this.systemSeqs = [];
    return seqs.flatMap((seq) => {
      const row = this.stmts.bySeq.get(seq) as Row | undefined;
      return row ? [rowToEntry(row)] : [];
    });
  }

  private writeSegmentStart(now: number): void {
    const seg = this.options.segment;
    if (seg) this.head = { seq: seg.startSeq - 1, hash: seg.prevHash, hlc: this.head.hlc };
    const payload = seg
      ? { reason: 'after-break', publicKey: this.options.signer.publicKey, previous: seg.previous }
      : { reason: 'new', publicKey: this.options.signer.publicKey };
    const text = seg ? `new segment after break: ${seg.previous.problem}` : 'journal started';
    this.db.transaction(() => {
      this.insert({ kind: 'journal.segment', payloadText: canonicalJson(payload), text, ref: null, occurredAt: now, actor: 'system', mode: 'LIVE', now });
      if (seg) this.setMeta('notice', `new segment after a break: ${seg.previous.problem} (the old file is kept as ${seg.previous.file})`);
    })();
    this.lastCheckpoint = { seq: this.head.seq, at: now };
  }

  /** Cheap check at open: the last entry's hash is right and links to the one before. */
  private checkTail(): void {
    const last = this.stmts.last.get() as Row | undefined;
    if (!last) return;
    const problem = checkRow(last, last.seq > 1 ? (this.stmts.bySeq.get(last.seq - 1) as Row | undefined) : undefined);
    if (problem) this.markBroken(`entry #${last.seq}: ${problem}`);
  }

  getById(id: string): JournalEntry | undefined {
    const row = this.stmts.byId.get(id) as Row | undefined;
    return row ? rowToEntry(row) : undefined;
  }

  /** Our entry recorded for a client's idempotency key (appendEntry), if any. */
  getByAppendKey(key: string): JournalEntry | undefined {
    const seq = this.stmts.keySeq.get(key) as number | undefined;
    return seq === undefined ? undefined : this.getBySeq(seq);
  }

  getBySeq(seq: number): JournalEntry | undefined {
    const row = this.stmts.bySeq.get(seq) as Row | undefined;
    return row ? rowToEntry(row) : undefined;
  }

  /** Newest first, filtered; `beforeSeq` pages backwards. */
  query(q: JournalQueryParsed): JournalEntry[] {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (q.from !== undefined) {
      where.push('occurred_at >= ?');
      params.push(q.from);
    }
    if (q.to !== undefined) {
      where.push('occurred_at < ?');
      params.push(q.to);
    }
    if (q.kinds && q.kinds.length > 0) {
      where.push(`kind IN (${q.kinds.map(() => '?').join(', ')})`);
      params.push(...q.kinds);
    }
    if (q.mode) {
      where.push('mode = ?');
      params.push(q.mode);
    }
    if (q.beforeSeq !== undefined) {
      where.push('seq < ?');
      params.push(q.beforeSeq);
    }
    const match = q.text ? ftsQuery(q.text) : undefined;
    if (q.text && !match) return [];
    if (match) {
      where.push('seq IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?)');
      params.push(match);
    }
    const sql = `SELECT ${COLUMNS} FROM entries ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
    params.push(q.limit);
    return (this.db.prepare(sql).all(...params) as Row[]).map(rowToEntry);
  }

  /** Entries of one mode after a sequence number, oldest first: what the relay publishes next. */
  pageAfter(afterSeq: number, mode: Mode, limit: number): JournalEntry[] {
    return (this.stmts.page.all(afterSeq, mode, limit) as Row[]).map(rowToEntry);
  }

  /** Raw rows after a sequence number, oldest first (exports, replay, verification). */
  rawPage(afterSeq: number, limit: number): Row[] {
    return this.stmts.range.all(afterSeq, limit) as Row[];
  }

  /** Every entry after a sequence number, oldest first (rebuilding state at start-up). */
  entriesAfter(afterSeq: number, limit: number): JournalEntry[] {
    return this.rawPage(afterSeq, limit).map(rowToEntry);
  }

  countAfter(afterSeq: number, mode: Mode): number {
    return this.stmts.countAfter.get(afterSeq, mode) as number;
  }

  getSync(subject: string): { ackedSeq: number; ackedAt: number } | undefined {
    return this.stmts.getSync.get(subject) as { ackedSeq: number; ackedAt: number } | undefined;
  }

  setSync(subject: string, ackedSeq: number, ackedAt: number): void {
    // Advisory (the relay re-reads the stream whenever unsure): no disk flush of its own.
    this.relaxed(() => this.stmts.setSync.run(subject, ackedSeq, ackedAt));
  }

  /**
   * Runs a write that can be fetched again from the bus (peer copies and the
   * stream position they reach, the upstream acknowledgement) without waiting
   * for the disk: in WAL mode a power cut may then lose the last of these
   * writes, never corrupt the file, and the next of this console's own
   * entries (always written with synchronous = FULL) flushes them too. Our
   * own journal is the only thing that must be on disk when a write returns.
   */
  private relaxed<T>(write: () => T): T {
    this.db.pragma('synchronous = NORMAL');
    try {
      return write();
    } finally {
      this.db.pragma('synchronous = FULL');
    }
  }

  /** A verifier over this file's own connection, stepped between appends. */
  createVerifier(): ChainVerifier {
    return new ChainVerifier(this.db, this.options.pinnedKey !== undefined ? { pinnedKey: this.options.pinnedKey } : {});
  }

  /**
   * Keeps copies of other consoles' entries. Each is checked before it is
   * stored: its hash recomputed from its content, and its link to the same
   * console's previous entry when we hold it. A copy that differs from one
   * already held is a peer rewriting history: refused and reported.
   */
  storePeerEntries(entries: readonly JournalEntry[], receivedAt: number, extraMeta?: { key: string; value: string }): PeerStoreResult {
    const stored: JournalEntry[] = [];
    const problems: PeerProblem[] = [];
    let duplicates = 0;
    const store = this.db.transaction(() => {
      for (const e of entries) {
        if (e.console === this.options.consoleId) continue;
        const payloadText = canonicalJson(e.payload);
        const fields = { seq: e.seq, id: e.id, site: e.site, console: e.console, kind: e.kind, occurredAt: e.occurredAt, hlc: e.hlc, actor: e.actor, mode: e.mode, ref: e.ref, prevHash: e.prevHash };
        if (this.hashEntry(fields, payloadText) !== e.hash) {
          problems.push({ console: e.console, seq: e.seq, problem: 'content does not match its hash' });
          continue;
        }
        const held = this.stmts.peerBySeq.get(e.console, e.seq) as string | undefined;
        if (held !== undefined) {
          if (held === e.hash) duplicates += 1;
          else problems.push({ console: e.console, seq: e.seq, problem: 'differs from the copy already held (history rewritten?)' });
          continue;
        }
        const prev = e.seq > 1 ? (this.stmts.peerBySeq.get(e.console, e.seq - 1) as string | undefined) : undefined;
        if (prev !== undefined && prev !== e.prevHash) {
          problems.push({ console: e.console, seq: e.seq, problem: `does not link to entry #${e.seq - 1} of that console` });
          continue;
        }
        this.stmts.peerInsert.run(e.console, e.seq, e.id, e.site, e.kind, e.occurredAt, e.hlc, e.actor, e.mode, e.ref, payloadText, e.prevHash, e.hash, receivedAt);
        stored.push(e);
      }
      if (extraMeta) this.stmts.metaSet.run(extraMeta.key, extraMeta.value);
    });
    this.relaxed(() => store());
    return { stored, duplicates, problems };
  }

  /** One site's peer entries after a merge key, in merge order (HLC, then console id). */
  peerPage(site: string, afterHlc: string, afterConsole: string, limit: number): JournalEntry[] {
    return (this.stmts.peerPage.all(site, afterHlc, afterConsole, limit) as Row[]).map(rowToEntry);
  }

  /**
   * Whether a saved fold of this journal and a site's peer copies still
   * stands: the last entry folded from each console is still there with the
   * same hash, and nothing at or before the fold's point in merge order has
   * come in since (a peer's entries from a partition that healed after the
   * fold was saved). Returns what is wrong, or undefined.
   */
  checkFoldPoint(point: FoldPoint): string | undefined {
    const key = `${point.hlc}\u0000${point.console}`;
    const early = (rows: { hlc: string; console: string }[]): boolean => rows.some((r) => `${r.hlc}\u0000${r.console}` <= key);
    const own = this.options.consoleId;
    if (point.includeOwn) {
      const head = point.heads[own];
      if (head && (this.stmts.bySeq.get(head.seq) as Row | undefined)?.hash !== head.hash) return `entry #${head.seq} of this console's journal is not the one folded`;
      if (early(this.stmts.ownSince.all(head?.seq ?? 0, point.hlc) as { hlc: string; console: string }[])) return 'this console holds entries from before the saved point that were not folded';
    }
    const copies = this.peerHeads(point.site);
    const held = new Set(copies.map((c) => c.console));
    for (const c of Object.keys(point.heads)) {
      if (c !== own && !held.has(c)) return `the copy of console ${c}'s journal is gone`;
    }
    for (const copy of copies) {
      const head = point.heads[copy.console];
      if (head && this.stmts.peerBySeq.get(copy.console, head.seq) !== head.hash) return `entry #${head.seq} of console ${copy.console} is not the one folded`;
      const rows = this.stmts.peerSince.all(point.site, copy.console, head?.seq ?? 0, point.hlc) as { hlc: string; console: string }[];
      if (early(rows)) return `console ${copy.console}'s entries from before the saved point arrived after it was saved`;
    }
    return undefined;
  }

  peerHeads(site: string): { console: string; seq: number; count: number }[] {
    return this.stmts.peerHeads.all(site) as { console: string; seq: number; count: number }[];
  }

  getMeta(key: string): string | undefined {
    return this.stmts.metaGet.get(key) as string | undefined;
  }

  setMeta(key: string, value: string): void {
    if (key.startsWith('notice')) this.noticeCache = undefined;
    this.stmts.metaSet.run(key, value);
  }

  /**
   * Moves this console's clock past a clock seen in another console's entry,
   * so what we record next orders after what we have seen (HLC receive).
   * Returns false when the remote clock is too far ahead to follow.
   */
  observe(remote: string, now: number): boolean {
    const next = hlcReceive(this.head.hlc, decodeHlc(remote), now);
    if (!next) return false;
    if (next.wall > this.head.hlc.wall || (next.wall === this.head.hlc.wall && next.counter > this.head.hlc.counter)) {
      this.head = { ...this.head, hlc: next };
    }
    return true;
  }

  quickCheck(): string {
    return String(this.db.pragma('quick_check', { simple: true }));
  }
}

/** SQLite's words for a file whose pages are not what it wrote (corrupt, truncated, not a database). */
export function isDamage(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  return /^SQLITE_(CORRUPT|NOTADB)/.test(code) || /malformed|not a database/i.test(err instanceof Error ? err.message : '');
}

/** The error a damaged file gives at open: names the file and the way on (the service acts on `damaged:`). */
export function damagedError(file: string, cause: string): ConsoleError {
  return new ConsoleError('integrity', `damaged: ${file} cannot be used as the journal (${cause}); it is kept read-only as it is and a new segment starts beside it`);
}

function repeatedKey(key: string, seq: number | undefined): ConsoleErrorData {
  const message = `${REPEATED_KEY_PREFIX}${seq !== undefined ? ` as entry #${seq}` : ' in this batch'} (key ${key})`;
  return { code: 'conflict', message, issues: [{ path: 'idempotencyKey', message: 'already recorded' }] };
}

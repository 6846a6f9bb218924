import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ConsoleError } from '../../../shared/errors';
import { canonicalJson } from '../../../shared/journal/canonical';
import { JournalEntrySchema, type JournalEntry } from '../../../shared/journal/entry';
import { decodeHlc } from '../../../shared/journal/hlc';
import type { DrillRecord, ReplayFrame, ReplayInfo, ReplaySource, TimelineEntry } from '../../../shared/replay/types';
import { foldEntry, initialSiteState, type SiteState } from '../../../shared/state';
import { checkRow, COLUMNS, entryHash, rowToEntry, type JournalRow } from '../journal/chain';
import { migrate } from '../journal/migrations';

/** Keep a folded state every this many entries: a seek folds at most this many. */
const SNAPSHOT_EVERY = 2000;
const MARK_KINDS = new Set(['alert.raised', 'drill.started', 'drill.inject', 'drill.stopped', 'drill.ended', 'annotation']);

interface Cursor {
  readonly ownAfter: number;
  readonly peerAfter: readonly [string, string];
}

interface Snapshot {
  /** Entries [0, index) are folded into state. */
  readonly index: number;
  readonly t: number;
  readonly cursor: Cursor;
  readonly state: SiteState;
}

const START: Cursor = { ownAfter: 0, peerAfter: ['', ''] };

/**
 * A journal opened for replay, read-only. The timeline is every entry of
 * the file (this console's and its copies of the site's other consoles),
 * in the same merge order the live console folds them (HLC, then console),
 * so the state at time t is exactly what the console showed. Folded once on
 * open with a snapshot every 2000 entries: a seek starts from the nearest
 * snapshot, never from the beginning.
 */
export class ReplaySession {
  private readonly db: Database.Database;
  private readonly ownPage;
  private readonly peerPage;
  private readonly ownBack;
  private readonly peerBack;
  private readonly snapshots: Snapshot[] = [];
  private site = '';
  info!: Omit<ReplayInfo, 'replayId'>;

  private constructor(file: string, readonly label: string) {
    this.db = new Database(file, { readonly: true, fileMustExist: true });
    const hasPeers = this.db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'peer_entries'").pluck().get() === 1;
    const peerCols = 'seq, id, site, console, kind, occurred_at, hlc, actor, mode, ref, payload, prev_hash, hash';
    this.ownPage = this.db.prepare(`SELECT ${COLUMNS} FROM entries WHERE seq > ? ORDER BY seq LIMIT ?`);
    this.ownBack = this.db.prepare(`SELECT ${COLUMNS} FROM entries WHERE seq <= ? ORDER BY seq DESC LIMIT ?`);
    this.peerPage = hasPeers
      ? this.db.prepare(`SELECT ${peerCols} FROM peer_entries WHERE site = ? AND (hlc, console) > (?, ?) ORDER BY hlc, console LIMIT ?`)
      : undefined;
    this.peerBack = hasPeers
      ? this.db.prepare(`SELECT ${peerCols} FROM peer_entries WHERE site = ? AND (hlc, console) <= (?, ?) ORDER BY hlc DESC, console DESC LIMIT ?`)
      : undefined;
  }

  static open(source: ReplaySource, liveFile: string): ReplaySession {
    if (source.kind === 'live') return ReplaySession.fromFile(liveFile, 'live journal');
    if (source.kind === 'file') return ReplaySession.fromFile(source.path, basename(source.path));
    return ReplaySession.fromBundle(source.path);
  }

  private static fromFile(file: string, label: string): ReplaySession {
    let session: ReplaySession;
    try {
      session = new ReplaySession(file, label);
    } catch (err) {
      throw new ConsoleError('not-found', `cannot open ${file} for replay: ${(err as Error).message}`, [{ path: 'source.path', message: (err as Error).message }]);
    }
    session.build();
    return session;
  }

  /**
   * An exported range (entries.jsonl + manifest.json): the file must match
   * the manifest's SHA-256 and every entry its own hash and the one before;
   * then it is loaded into a temporary journal file and replayed like one.
   */
  private static fromBundle(dir: string): ReplaySession {
    const fail = (message: string): never => {
      throw new ConsoleError('invalid-argument', `bundle ${dir}: ${message}`, [{ path: 'source.path', message }]);
    };
    let manifest: { fileSha256?: string; file?: string; site?: string };
    let body: Buffer;
    try {
      manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as typeof manifest;
      body = readFileSync(join(dir, basename(manifest.file ?? 'entries.jsonl')));
    } catch (err) {
      return fail(`not a journal export (${(err as Error).message})`);
    }
    if (createHash('sha256').update(body).digest('hex') !== manifest.fileSha256) fail('entries.jsonl does not match the SHA-256 in manifest.json');
    const tempDir = mkdtempSync(join(tmpdir(), 'watchpost-replay-'));
    const file = join(tempDir, 'bundle.sqlite');
    const db = new Database(file);
    migrate(db, file);
    const insert = db.prepare(`INSERT INTO entries (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const lines = body.toString('utf8').split('\n').filter((l) => l !== '');
    db.transaction(() => {
      let prev: JournalEntry | undefined;
      lines.forEach((line, i) => {
        const parsed = JournalEntrySchema.safeParse(safeJson(line));
        if (!parsed.success) fail(`line ${i + 1} is not a journal entry`);
        const e = parsed.data as JournalEntry;
        const payloadText = canonicalJson(e.payload);
        const { payload: _payload, hash, ...fields } = e;
        if (entryHash(fields, payloadText) !== hash) fail(`line ${i + 1} (entry #${e.seq}) does not match its hash`);
        if (prev && prev.console === e.console && (e.seq !== prev.seq + 1 || e.prevHash !== prev.hash)) fail(`line ${i + 1} (entry #${e.seq}) does not link to #${prev.seq}`);
        insert.run(e.seq, e.id, e.site, e.console, e.kind, e.occurredAt, e.hlc, e.actor, e.mode, e.ref, payloadText, e.prevHash, e.hash);
        prev = e;
      });
    })();
    db.close();
    const session = new ReplaySession(file, basename(dir));
    // A range is checked above; its first entry need not start a segment.
    session.build(true);
    return session;
  }

  private *merged(from: Cursor): Generator<{ entry: JournalEntry; row: JournalRow; own: boolean; cursor: Cursor }> {
    let own = this.ownPage.all(from.ownAfter, 1000) as JournalRow[];
    let peers = this.peerPage ? (this.peerPage.all(this.site, from.peerAfter[0], from.peerAfter[1], 1000) as JournalRow[]) : [];
    let oi = 0;
    let pi = 0;
    let cursor = from;
    for (;;) {
      if (oi >= own.length && own.length > 0) {
        own = this.ownPage.all(own[own.length - 1]?.seq ?? 0, 1000) as JournalRow[];
        oi = 0;
      }
      if (this.peerPage && pi >= peers.length && peers.length > 0) {
        const last = peers[peers.length - 1];
        peers = last ? (this.peerPage.all(this.site, last.hlc, last.console, 1000) as JournalRow[]) : [];
        pi = 0;
      }
      const o = own[oi];
      const p = peers[pi];
      if (!o && !p) return;
      const takeOwn = o !== undefined && (p === undefined || o.hlc < p.hlc || (o.hlc === p.hlc && o.console <= p.console));
      const row = (takeOwn ? o : p) as JournalRow;
      if (takeOwn) oi += 1;
      else pi += 1;
      cursor = takeOwn ? { ownAfter: row.seq, peerAfter: cursor.peerAfter } : { ownAfter: cursor.ownAfter, peerAfter: [row.hlc, row.console] };
      yield { entry: rowToEntry(row), row, own: takeOwn, cursor };
    }
  }

  /** Folds the whole timeline once: snapshots, marks, bounds, and the chain check of this console's entries. */
  private build(rangeOnly = false): void {
    const first = this.ownPage.get(0, 1) as JournalRow | undefined;
    this.site = first?.site ?? '';
    let state = initialSiteState();
    let index = 0;
    let start = Number.POSITIVE_INFINITY;
    let end = 0;
    let prevOwn: JournalRow | undefined;
    let problem: string | undefined;
    const consoles = new Set<string>();
    const marks: { index: number; t: number; kind: string }[] = [];
    this.snapshots.push({ index: 0, t: 0, cursor: START, state });
    for (const { entry, row, own, cursor } of this.merged(START)) {
      if (own && !problem) {
        const issue = !prevOwn && !rangeOnly && row.kind !== 'journal.segment' ? 'the first entry does not start a segment' : checkRow(row, prevOwn);
        if (issue) problem = `entry #${row.seq}: ${issue}`;
        prevOwn = row;
      }
      const t = decodeHlc(entry.hlc).wall;
      start = Math.min(start, t);
      end = Math.max(end, t);
      consoles.add(entry.console);
      if (MARK_KINDS.has(entry.kind)) marks.push({ index, t, kind: entry.kind });
      state = foldEntry(state, entry);
      index += 1;
      if (index % SNAPSHOT_EVERY === 0) this.snapshots.push({ index, t, cursor, state });
    }
    this.info = {
      label: this.label,
      entries: index,
      consoles: [...consoles].sort(),
      start: Number.isFinite(start) ? start : 0,
      end,
      marks,
      verified: problem === undefined,
      problem,
    };
  }

  /** The state at time t and the entries just before it. */
  seek(t: number): ReplayFrame {
    let lo = 0;
    let hi = this.snapshots.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.snapshots[mid]?.t ?? 0) <= t) lo = mid;
      else hi = mid - 1;
    }
    const snap = this.snapshots[lo] ?? this.snapshots[0];
    if (!snap) throw new ConsoleError('internal', 'replay has no snapshots');
    let state = snap.state;
    let index = snap.index;
    let cursor = snap.cursor;
    let at = snap.t;
    for (const step of this.merged(snap.cursor)) {
      const et = decodeHlc(step.entry.hlc).wall;
      if (et > t) break;
      state = foldEntry(state, step.entry);
      index += 1;
      cursor = step.cursor;
      at = et;
    }
    return { index, t: Math.max(at, Math.min(t, this.info.end)), state, recent: this.recent(cursor, index, 100) };
  }

  /**
   * What the after-action report of one drill needs: the run as folded at the
   * end of the timeline, the DRILL entries from its start to its end (what
   * scoring reads), and the evaluations and observer notes that refer to it,
   * wherever they were recorded later. Starts from the snapshot before the run.
   */
  drillRecord(startId: string): DrillRecord {
    const last = this.seek(this.info.end);
    const run = last.state.drill.runs.find((r) => r.startId === startId);
    if (!run) throw new ConsoleError('not-found', `no drill run "${startId}" in this journal`);
    let lo = 0;
    for (let i = 0; i < this.snapshots.length; i += 1) if ((this.snapshots[i]?.t ?? 0) < run.startedAt) lo = i;
    const snap = this.snapshots[lo] ?? this.snapshots[0];
    const endAt = run.end?.at ?? Number.POSITIVE_INFINITY;
    const entries: JournalEntry[] = [];
    const evaluations: JournalEntry[] = [];
    const annotations: JournalEntry[] = [];
    for (const { entry } of this.merged(snap?.cursor ?? START)) {
      if (entry.kind === 'drill.evaluation' && entry.ref === startId) evaluations.push(entry);
      else if (entry.kind === 'annotation') {
        const observedAt = Number((entry.payload as { observedAt?: unknown }).observedAt);
        if (observedAt >= run.startedAt && observedAt <= endAt) annotations.push(entry);
      } else if (entry.mode === 'DRILL' && entry.occurredAt >= run.startedAt && entry.occurredAt <= endAt) entries.push(entry);
    }
    return { run, entries, evaluations, annotations };
  }

  /** Entries from a timeline position onward (for playing forward). */
  entries(fromIndex: number, limit: number): TimelineEntry[] {
    const snapIndex = Math.min(this.snapshots.length - 1, Math.floor(fromIndex / SNAPSHOT_EVERY));
    const snap = this.snapshots[Math.max(0, snapIndex)];
    if (!snap) return [];
    const out: TimelineEntry[] = [];
    let index = snap.index;
    for (const step of this.merged(snap.cursor)) {
      if (index >= fromIndex) out.push({ ...step.entry, index, t: decodeHlc(step.entry.hlc).wall });
      index += 1;
      if (out.length >= limit) break;
    }
    return out;
  }

  private recent(cursor: Cursor, index: number, n: number): TimelineEntry[] {
    const own = this.ownBack.all(cursor.ownAfter, n) as JournalRow[];
    const peers = this.peerBack ? (this.peerBack.all(this.site, cursor.peerAfter[0], cursor.peerAfter[1], n) as JournalRow[]) : [];
    const rows = [...own, ...peers].sort((a, b) => (a.hlc > b.hlc || (a.hlc === b.hlc && a.console > b.console) ? -1 : 1)).slice(0, n);
    return rows.map((row, i) => ({ ...rowToEntry(row), index: index - 1 - i, t: decodeHlc(row.hlc).wall }));
  }

  fileSize(): number {
    try {
      return statSync(this.db.name).size;
    } catch {
      return 0;
    }
  }

  close(): void {
    this.db.close();
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

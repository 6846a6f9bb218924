import { basename } from 'node:path';
import { ConsoleError } from '../../../shared/errors';
import type { JournalEntry } from '../../../shared/journal/entry';
import { decodeHlc } from '../../../shared/journal/hlc';
import { payloadProblem } from '../../../shared/journal/kinds';
import type { DrillRecord, ReplayFrame, ReplayInfo, ReplaySource, TimelineEntry } from '../../../shared/replay/types';
import { foldEntry, initialSiteState, type SiteState } from '../../../shared/state';
import { entryOfRow, JournalReader } from '../journal/reader';

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

/** One place in the merged timeline: the entry there and the position after it (mutated in place by `merged`). */
interface Step {
  entry: JournalEntry;
  ownAfter: number;
  peerHlc: string;
  peerConsole: string;
}

/** A step's position, kept (a step object is reused for the next entry). */
const cursorOf = (s: Step): Cursor => ({ ownAfter: s.ownAfter, peerAfter: [s.peerHlc, s.peerConsole] });

/**
 * A journal opened for replay, read-only (through journal/reader.ts, which
 * also checks this console's chain in the same pass). The timeline is every entry of
 * the file (this console's and its copies of the site's other consoles),
 * in the same merge order the live console folds them (HLC, then console),
 * so the state at time t is exactly what the console showed. Folded once on
 * open with a snapshot every 2000 entries: a seek starts from the nearest
 * snapshot, never from the beginning.
 */
export class ReplaySession {
  private readonly snapshots: Snapshot[] = [];
  private site = '';
  /** Ids of peer entries left out of the fold (their payload does not fit their kind). */
  private readonly unfit = new Set<string>();
  info!: Omit<ReplayInfo, 'replayId'>;

  private constructor(
    private readonly reader: JournalReader,
    readonly label: string,
  ) {}

  /** `bundleTempRoot`: where a bundle's temporary journal file is made (see JournalReader.fromBundle). */
  static open(source: ReplaySource, liveFile: string, bundleTempRoot?: string): ReplaySession {
    if (source.kind === 'live') return ReplaySession.fromFile(liveFile, 'live journal');
    if (source.kind === 'file') return ReplaySession.fromFile(source.path, basename(source.path));
    return ReplaySession.folded(JournalReader.fromBundle(source.path, bundleTempRoot), basename(source.path));
  }

  private static fromFile(file: string, label: string): ReplaySession {
    let reader: JournalReader;
    try {
      reader = JournalReader.open(file);
    } catch (err) {
      throw new ConsoleError('not-found', `cannot open ${file} for replay: ${(err as Error).message}`, [{ path: 'source.path', message: (err as Error).message }]);
    }
    return ReplaySession.folded(reader, label);
  }

  /** A session over an open reader; the reader is closed if the fold fails. */
  private static folded(reader: JournalReader, label: string): ReplaySession {
    const session = new ReplaySession(reader, label);
    try {
      session.build();
    } catch (err) {
      reader.close();
      throw err;
    }
    return session;
  }

  /**
   * The timeline in merge order (own and peer entries by HLC). One step
   * object is reused for every entry, its position kept in plain fields: a
   * million-entry fold allocates no cursor per entry, only where one is kept
   * (`cursorOf`, at snapshots and at the end of a seek).
   */
  private *merged(from: Cursor): Generator<Step> {
    let own = this.reader.ownAfter(from.ownAfter, 1000);
    let peers = this.reader.peersAfter(this.site, from.peerAfter[0], from.peerAfter[1], 1000);
    let oi = 0;
    let pi = 0;
    const step: Step = { entry: undefined as unknown as JournalEntry, ownAfter: from.ownAfter, peerHlc: from.peerAfter[0], peerConsole: from.peerAfter[1] };
    for (;;) {
      if (oi >= own.length && own.length > 0) {
        own = this.reader.ownAfter(own[own.length - 1]?.seq ?? 0, 1000);
        oi = 0;
      }
      if (pi >= peers.length && peers.length > 0) {
        const last = peers[peers.length - 1];
        peers = last ? this.reader.peersAfter(this.site, last.hlc, last.console, 1000) : [];
        pi = 0;
      }
      const o = own[oi];
      const p = peers[pi];
      if (!o && !p) return;
      const takeOwn = o !== undefined && (p === undefined || o.hlc < p.hlc || (o.hlc === p.hlc && o.console <= p.console));
      const row = takeOwn ? o : p;
      if (!row) return;
      if (takeOwn) {
        oi += 1;
        step.ownAfter = row.seq;
      } else {
        pi += 1;
        step.peerHlc = row.hlc;
        step.peerConsole = row.console;
      }
      // Parsed only when reached: a seek stops part-way through a page.
      step.entry = entryOfRow(row);
      yield step;
    }
  }

  /** Folds the whole timeline once: snapshots, marks and bounds; the reader checks the chain on the way. */
  private build(): void {
    const firstRow = this.reader.ownAfter(0, 1)[0];
    const first = firstRow ? entryOfRow(firstRow) : undefined;
    this.site = first?.site ?? '';
    const ownConsole = first?.console;
    let state = initialSiteState();
    let index = 0;
    let start = Number.POSITIVE_INFINITY;
    let end = 0;
    const consoles = new Set<string>();
    const marks: { index: number; t: number; kind: string }[] = [];
    this.snapshots.push({ index: 0, t: 0, cursor: START, state });
    for (const step of this.merged(START)) {
      const entry = step.entry;
      const t = decodeHlc(entry.hlc).wall;
      start = Math.min(start, t);
      end = Math.max(end, t);
      consoles.add(entry.console);
      if (MARK_KINDS.has(entry.kind)) marks.push({ index, t, kind: entry.kind });
      // A peer's copy whose payload does not fit its kind is shown but not folded, as live (StateService.fits).
      if (entry.console !== ownConsole && payloadProblem(entry) !== undefined) this.unfit.add(entry.id);
      else state = foldEntry(state, entry);
      index += 1;
      if (index % SNAPSHOT_EVERY === 0) this.snapshots.push({ index, t, cursor: cursorOf(step), state });
    }
    const { verified, problem } = this.reader.verification();
    this.info = {
      label: this.label,
      entries: index,
      consoles: [...consoles].sort(),
      start: Number.isFinite(start) ? start : 0,
      end,
      marks,
      verified,
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
    // The position is copied once, when the seek stops (the step before the first entry after t).
    let ownAfter = cursor.ownAfter;
    let peerHlc = cursor.peerAfter[0];
    let peerConsole = cursor.peerAfter[1];
    for (const step of this.merged(snap.cursor)) {
      const et = decodeHlc(step.entry.hlc).wall;
      if (et > t) break;
      if (!this.unfit.has(step.entry.id)) state = foldEntry(state, step.entry);
      index += 1;
      ownAfter = step.ownAfter;
      peerHlc = step.peerHlc;
      peerConsole = step.peerConsole;
      at = et;
    }
    cursor = { ownAfter, peerAfter: [peerHlc, peerConsole] };
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
    return this.reader.newestUpTo(cursor.ownAfter, this.site, cursor.peerAfter, n).map((entry, i) => ({ ...entry, index: index - 1 - i, t: decodeHlc(entry.hlc).wall }));
  }

  fileSize(): number {
    return this.reader.fileSize();
  }

  /** Closes the file; a bundle's temporary copy is removed with it. */
  close(): void {
    this.reader.close();
  }
}

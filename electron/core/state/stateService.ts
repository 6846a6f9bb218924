import type { JournalEntry } from '../../../shared/journal/entry';
import { payloadProblem } from '../../../shared/journal/kinds';
import { foldEntry, initialSiteState, type SiteState } from '../../../shared/state';
import type { JournalService } from '../journal/service';
import type { Log } from '../support/log';
import type { FoldFile } from './foldFile';
import { mergeKey } from './mergeKey';

/** How many recent entries stay in memory for re-ordering late arrivals, and how often to keep a snapshot among them. */
const WINDOW = 150_000;
const SNAPSHOT_EVERY = 2_000;
/**
 * The newest entries keep the state before each of them (a pointer each: the
 * fold shares structure), so a peer's entry that arrives a moment late, the
 * normal case with several consoles acting at once, refolds only the few
 * entries after it.
 */
const TAIL = 512;
/** Late entries deeper than the tail (a catch-up after a partition) are gathered and slotted in together, this often at most. */
const HOLD_MIN_MS = 25;
const HOLD_MAX_MS = 1_000;
/** Save the state again after this many entries folded (and at close): a restart folds at most about this many. */
const SAVE_EVERY = 50_000;
/** A refold from the files that failed (the journal busy, a disk error) is tried again after this, doubling up to the cap. */
const REBUILD_RETRY_MS = 1_000;
const REBUILD_RETRY_MAX_MS = 60_000;

interface Slot {
  readonly key: string;
  readonly entry: JournalEntry;
}

export type StateChange =
  | { readonly kind: 'append'; readonly entries: readonly JournalEntry[] }
  | { readonly kind: 'reset'; readonly state: SiteState; readonly heads: Readonly<Record<string, number>> };

/** What the caller knows about entries it hands over. */
export interface ApplyHint {
  /**
   * true: more entries are queued right behind these (a catch-up), so late
   * ones may wait to be slotted in together; false: the sender is caught up,
   * so slot in whatever waits now. Unsaid: the timer decides.
   */
  readonly more?: boolean;
}

/**
 * The site state as the core holds it: the shared fold over this console's
 * journal and the copies of the other consoles' journals, applied in one
 * deterministic order (HLC, then console id) so every console of the site
 * arrives at the same state from the same entries.
 *
 * Entries usually arrive in that order and are folded as they come. One that
 * arrives late is slotted into place and the state refolds from just before
 * it: from the tail's per-entry states when it is recent, or, for a catch-up
 * after a partition, gathered with the rest of the catch-up and refolded once
 * from the nearest snapshot. Listeners get either the appended entries (to
 * fold themselves) or a reset.
 */
export class StateService {
  private state: SiteState = initialSiteState();
  private heads: Record<string, number> = {};
  /** Recent folded entries in merge order, with their keys. */
  private window: Slot[] = [];
  /** snapshots[i] is the state before window[i * SNAPSHOT_EVERY]. */
  private snapshots: SiteState[] = [];
  /** State before window[0]. */
  private base: SiteState = initialSiteState();
  /** recent[i] is the state before window[recentStart + i]; it reaches to the end of the window. */
  private recent: SiteState[] = [];
  private recentStart = 0;
  /** Late entries waiting to be slotted in together (counted in heads already). */
  private held: Slot[] = [];
  private holdTimer: ReturnType<typeof setTimeout> | undefined;
  private lastRefoldMs = 0;
  private readonly listeners = new Set<(change: StateChange) => void>();
  private journal: JournalService | undefined;
  /** While the state is refolded from the files, entries handed over wait here. */
  private queued: JournalEntry[][] | undefined;
  /** The last entry folded from each console (what a saved fold names). */
  private folded: Record<string, { seq: number; hash: string }> = {};
  /** The last entry in `base` when it came from a saved fold (the window starts after it), and its merge key. */
  private floor: { readonly hlc: string; readonly console: string } | undefined;
  private floorKey = '';
  private foldedSinceSave = 0;
  /** Peer entries held in the files whose payload does not fit their kind, per console: not folded. */
  private unfit = new Map<string, { count: number; latest: string }>();

  /**
   * @param site the site whose entries this state folds
   * @param includeOwn fold this console's own journal too (false for a site a command centre watches)
   * @param saved where the fold is saved between runs, if anywhere
   */
  constructor(
    private readonly site: string,
    private readonly includeOwn = true,
    private readonly saved?: { readonly file: FoldFile; readonly log: Log },
  ) {}

  /** Folds this console's journal and its peer copies, merged, page by page. */
  async load(journal: JournalService): Promise<void> {
    this.journal = journal;
    this.state = initialSiteState();
    this.base = this.state;
    this.heads = {};
    this.window = [];
    this.snapshots = [];
    this.recent = [];
    this.recentStart = 0;
    this.folded = {};
    this.floor = undefined;
    this.floorKey = '';
    this.unfit = new Map();
    this.dropHeld();
    const from = await this.restore(journal);
    const PAGE = 5000;
    // Pages become slots as they are read, so each merge key is made once: a start-up folds every entry through here.
    const ownPage = async (after: number): Promise<Slot[]> => (await journal.entriesAfter(after, PAGE)).map(slotOf);
    const peerPage = async (after: { hlc: string; console: string }): Promise<Slot[]> => (await journal.peerPage(this.site, after.hlc, after.console, PAGE)).map(slotOf);
    let local = this.includeOwn ? await ownPage(this.heads[journal.consoleId] ?? 0) : [];
    let peers = await peerPage(from);
    let li = 0;
    let pi = 0;
    for (;;) {
      if (li >= local.length && local.length > 0) {
        local = await ownPage((local[local.length - 1] as Slot).entry.seq);
        li = 0;
      }
      if (pi >= peers.length && peers.length > 0) {
        peers = await peerPage((peers[peers.length - 1] as Slot).entry);
        pi = 0;
      }
      const l = local[li];
      const p = peers[pi];
      if (!l && !p) break;
      if (l && (!p || l.key <= p.key)) {
        this.foldNew(l);
        li += 1;
      } else if (p) {
        if (this.fits(p.entry)) this.foldNew(p);
        pi += 1;
      }
    }
    this.saveIfDue();
  }

  /**
   * Peer copies read back from the files: the replicator checked each payload
   * against its kind when it arrived, but only in memory, so a restart checks
   * again and leaves out those that fail (own entries were parsed on append).
   */
  private fits(entry: JournalEntry): boolean {
    const problem = payloadProblem(entry);
    if (problem === undefined) return true;
    const seen = this.unfit.get(entry.console);
    this.unfit.set(entry.console, { count: (seen?.count ?? 0) + 1, latest: `#${entry.seq} ${entry.kind}: ${problem}` });
    if (!seen) this.saved?.log.warn('peer entry not folded: its payload does not fit its kind', { console: entry.console, seq: entry.seq, kind: entry.kind, problem });
    return false;
  }

  /** Peer entries the files hold but the state leaves out (their payload does not fit their kind), for the peer's status. */
  peerProblem(consoleId: string): string | undefined {
    const u = this.unfit.get(consoleId);
    return u ? `${u.count} ${u.count === 1 ? 'entry' : 'entries'} not folded, payload does not fit the kind (latest ${u.latest})` : undefined;
  }

  /** Starts from the saved fold when the journal still agrees with it; returns the merge point to fold on from. */
  private async restore(journal: JournalService): Promise<{ hlc: string; console: string }> {
    const start = { hlc: '', console: '' };
    if (!this.saved) return start;
    const saved = this.saved.file.read();
    if ('unusable' in saved) {
      this.saved.log.info('folding the whole journal', { savedState: saved.unusable });
      return start;
    }
    const problem = await journal.checkFoldPoint({ site: this.site, includeOwn: this.includeOwn, hlc: saved.point.hlc, console: saved.point.console, heads: saved.heads });
    if (problem) {
      this.saved.log.info('folding the whole journal', { savedState: problem });
      return start;
    }
    this.state = saved.state;
    this.base = saved.state;
    this.folded = Object.fromEntries(Object.entries(saved.heads).map(([c, h]) => [c, { ...h }]));
    this.heads = Object.fromEntries(Object.entries(saved.heads).map(([c, h]) => [c, h.seq]));
    this.floor = saved.point;
    this.floorKey = mergeKey(saved.point);
    return saved.point;
  }

  /** Saves the fold now (at close), if anything was folded since the last save and nothing waits to be slotted in. */
  save(): void {
    if (!this.saved || this.foldedSinceSave === 0 || this.held.length > 0 || this.queued) return;
    const last = this.window[this.window.length - 1]?.entry ?? this.floor;
    if (!last) return;
    this.saved.file.write({ point: { hlc: last.hlc, console: last.console }, heads: this.folded, state: this.state });
    this.foldedSinceSave = 0;
  }

  private saveIfDue(): void {
    if (this.foldedSinceSave >= SAVE_EVERY) this.save();
  }

  /** Entries committed here or received from peers; any order, duplicates ignored. */
  apply(entries: readonly JournalEntry[], hint: ApplyHint = {}): void {
    if (this.queued) {
      this.queued.push([...entries]);
      return;
    }
    const fresh: Slot[] = [];
    for (const entry of entries) {
      if (entry.seq <= (this.heads[entry.console] ?? 0)) continue;
      fresh.push(slotOf(entry));
    }
    if (fresh.length > 0) this.take(fresh);
    if (hint.more === false && this.held.length > 0) this.flush();
  }

  private take(fresh: Slot[]): void {
    fresh.sort(byKey);
    // Within one console seq and HLC rise together, so the newest seq per console is the last one seen.
    for (const s of fresh) this.heads[s.entry.console] = Math.max(this.heads[s.entry.console] ?? 0, s.entry.seq);
    const first = fresh[0] as Slot;
    const lastKey = this.window[this.window.length - 1]?.key ?? this.floorKey;
    if (first.key > lastKey) {
      for (const s of fresh) this.push(s);
      this.emit({ kind: 'append', entries: fresh.map((s) => s.entry) });
      this.saveIfDue();
      return;
    }
    const windowStart = this.windowStart();
    if (windowStart !== undefined && first.key < windowStart) {
      // Older than anything kept in memory: refold from the files (they hold these entries already).
      this.refoldFromFiles();
      return;
    }
    const at = lowerBound(this.window, first.key);
    // While a catch-up waits, every late entry joins it: the one refold covers them all.
    if (this.held.length === 0 && at >= this.recentStart && this.window.length - at <= TAIL) {
      this.refold(at, fresh);
      this.emitReset();
      return;
    }
    for (const s of fresh) this.held.push(s);
    this.scheduleFlush();
  }

  /** Slots every held late entry in now (a caller that needs the complete state, or the end of a catch-up). */
  flush(): void {
    if (this.holdTimer) clearTimeout(this.holdTimer);
    this.holdTimer = undefined;
    if (this.held.length === 0 || this.queued) return;
    const late = this.held.sort(byKey);
    this.held = [];
    const windowStart = this.windowStart();
    if (windowStart !== undefined && (late[0] as Slot).key < windowStart) {
      this.refoldFromFiles();
      return;
    }
    const started = performance.now();
    this.refold(lowerBound(this.window, (late[0] as Slot).key), late);
    this.lastRefoldMs = performance.now() - started;
    this.emitReset();
    this.saveIfDue();
  }

  /** Entries before this key are no longer in memory: slotting one in means refolding from the files. */
  private windowStart(): string | undefined {
    return this.window[0]?.key ?? (this.floorKey === '' ? undefined : this.floorKey);
  }

  /** A catch-up refolds at most about a fifth of the time, and shows its progress at least every second. */
  private scheduleFlush(): void {
    if (this.holdTimer) return;
    const wait = Math.min(HOLD_MAX_MS, Math.max(HOLD_MIN_MS, this.lastRefoldMs * 4));
    this.holdTimer = setTimeout(() => this.flush(), wait);
    this.holdTimer.unref?.();
  }

  private dropHeld(): void {
    if (this.holdTimer) clearTimeout(this.holdTimer);
    this.holdTimer = undefined;
    this.held = [];
  }

  /** Appends one entry at the end of the merge order. */
  private push(slot: Slot): void {
    if (this.window.length % SNAPSHOT_EVERY === 0) this.snapshots.push(this.state);
    this.recent.push(this.state);
    this.window.push(slot);
    this.state = foldEntry(this.state, slot.entry);
    this.foldedSinceSave += 1;
    const { console: c, seq, hash } = slot.entry;
    const last = this.folded[c];
    if (!last || seq > last.seq) this.folded[c] = { seq, hash };
    if (this.recent.length > 2 * TAIL) {
      this.recent = this.recent.slice(TAIL);
      this.recentStart += TAIL;
    }
    if (this.window.length > WINDOW + SNAPSHOT_EVERY) this.trim();
  }

  /** During load: entries in merge order, each console's once. */
  private foldNew(slot: Slot): void {
    const { console: c, seq } = slot.entry;
    if (seq <= (this.heads[c] ?? 0)) return;
    this.heads[c] = seq;
    this.push(slot);
  }

  /** Drops the oldest snapshot interval from memory. */
  private trim(): void {
    const next = this.snapshots[1];
    if (!next) return;
    this.base = next;
    this.window = this.window.slice(SNAPSHOT_EVERY);
    this.snapshots = this.snapshots.slice(1);
    this.recentStart -= SNAPSHOT_EVERY;
  }

  /**
   * Refolds from window position `at` with `late` (sorted) merged into what
   * follows it; starts from the exact state before `at` when the tail has it,
   * otherwise from the snapshot before it.
   */
  private refold(at: number, late: readonly Slot[]): void {
    let from = at;
    let restart: SiteState;
    if (at >= this.recentStart && at - this.recentStart < this.recent.length) restart = this.recent[at - this.recentStart] as SiteState;
    else if (at === this.window.length) restart = this.state;
    else {
      const snapIndex = Math.floor(at / SNAPSHOT_EVERY);
      from = snapIndex * SNAPSHOT_EVERY;
      restart = this.snapshots[snapIndex] ?? this.base;
    }
    const tail = mergeSorted(this.window.slice(from), late);
    this.window.length = from;
    this.snapshots.length = Math.ceil(from / SNAPSHOT_EVERY);
    if (from >= this.recentStart) this.recent.length = from - this.recentStart;
    else {
      this.recent = [];
      this.recentStart = from;
    }
    this.state = restart;
    for (const slot of tail) this.push(slot);
  }

  /**
   * Refolds from the files without the caller waiting. A failure must not
   * escape as an unhandled rejection (it ended the host process): it is
   * logged and tried again later, since until then the state lacks the late
   * entries that asked for the refold.
   */
  private refoldFromFiles(attempt = 0): void {
    this.rebuild().catch((err: unknown) => {
      const retryMs = Math.min(REBUILD_RETRY_MAX_MS, REBUILD_RETRY_MS * 2 ** attempt);
      this.saved?.log.error('state refold from the journal failed; trying again', { site: this.site, attempt: attempt + 1, retryMs, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      setTimeout(() => this.refoldFromFiles(attempt + 1), retryMs).unref();
    });
  }

  private async rebuild(): Promise<void> {
    if (!this.journal || this.queued) return;
    this.queued = [];
    try {
      await this.load(this.journal);
    } finally {
      const queued = this.queued;
      this.queued = undefined;
      for (const entries of queued) this.apply(entries, { more: true });
      this.flush();
    }
    this.emitReset();
  }

  snapshot(): { state: SiteState; heads: Record<string, number> } {
    return { state: this.state, heads: { ...this.heads } };
  }

  current(): SiteState {
    return this.state;
  }

  /** Late entries held back for a catch-up (they count in heads already). */
  heldCount(): number {
    return this.held.length;
  }

  onChange(listener: (change: StateChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emitReset(): void {
    this.emit({ kind: 'reset', state: this.state, heads: { ...this.heads } });
  }

  private emit(change: StateChange): void {
    for (const l of this.listeners) l(change);
  }
}

function slotOf(entry: JournalEntry): Slot {
  return { key: mergeKey(entry), entry };
}

function byKey(a: Slot, b: Slot): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** Two lists already in merge order, as one. */
function mergeSorted(a: readonly Slot[], b: readonly Slot[]): Slot[] {
  const out: Slot[] = new Array<Slot>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Slot;
    const y = b[j] as Slot;
    if (x.key <= y.key) {
      out[k++] = x;
      i += 1;
    } else {
      out[k++] = y;
      j += 1;
    }
  }
  while (i < a.length) out[k++] = a[i++] as Slot;
  while (j < b.length) out[k++] = b[j++] as Slot;
  return out;
}

function lowerBound(window: readonly Slot[], key: string): number {
  let lo = 0;
  let hi = window.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((window[mid] as Slot).key < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

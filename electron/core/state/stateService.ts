import type { JournalEntry } from '../../../shared/journal/entry';
import { foldEntry, initialSiteState, type SiteState } from '../../../shared/state';
import type { JournalService } from '../journal/service';
import { mergeKey } from './mergeKey';

/** How many recent entries stay in memory for re-ordering late arrivals, and how often to keep a snapshot among them. */
const WINDOW = 150_000;
const SNAPSHOT_EVERY = 2_000;

export type StateChange =
  | { readonly kind: 'append'; readonly entries: readonly JournalEntry[] }
  | { readonly kind: 'reset'; readonly state: SiteState; readonly heads: Readonly<Record<string, number>> };

/**
 * The site state as the core holds it: the shared fold over this console's
 * journal and the copies of the other consoles' journals, applied in one
 * deterministic order (HLC, then console id) so every console of the site
 * arrives at the same state from the same entries.
 *
 * Entries usually arrive in that order and are folded as they come. One that
 * arrives late (a peer's entries after a partition heals) is slotted into
 * place: the state rewinds to the snapshot before it and folds forward again.
 * Listeners get either the appended entries (to fold themselves) or a reset.
 */
export class StateService {
  private state: SiteState = initialSiteState();
  private heads: Record<string, number> = {};
  /** Recent folded entries in merge order, with their keys. */
  private window: { key: string; entry: JournalEntry }[] = [];
  /** snapshots[i] is the state before window[i * SNAPSHOT_EVERY] (relative to windowBase). */
  private snapshots: SiteState[] = [];
  /** State before window[0]. */
  private base: SiteState = initialSiteState();
  private readonly listeners = new Set<(change: StateChange) => void>();
  private journal: JournalService | undefined;
  private rebuilding: Promise<void> | undefined;

  /**
   * @param site the site whose entries this state folds
   * @param includeOwn fold this console's own journal too (false for a site a command centre watches)
   */
  constructor(
    private readonly site: string,
    private readonly includeOwn = true,
  ) {}

  /** Folds this console's journal and its peer copies, merged, page by page. */
  async load(journal: JournalService): Promise<void> {
    this.journal = journal;
    this.state = initialSiteState();
    this.base = this.state;
    this.heads = {};
    this.window = [];
    this.snapshots = [];
    const PAGE = 5000;
    let local: JournalEntry[] = this.includeOwn ? await journal.entriesAfter(0, PAGE) : [];
    let localAfter = local[local.length - 1]?.seq ?? 0;
    let peers: JournalEntry[] = await journal.peerPage(this.site, '', '', PAGE);
    let li = 0;
    let pi = 0;
    for (;;) {
      if (li >= local.length && local.length > 0) {
        local = await journal.entriesAfter(localAfter, PAGE);
        localAfter = local[local.length - 1]?.seq ?? localAfter;
        li = 0;
      }
      if (pi >= peers.length && peers.length > 0) {
        const last = peers[peers.length - 1];
        peers = last ? await journal.peerPage(this.site, last.hlc, last.console, PAGE) : [];
        pi = 0;
      }
      const l = local[li];
      const p = peers[pi];
      if (!l && !p) break;
      if (l && (!p || mergeKey(l) <= mergeKey(p))) {
        this.foldInto(l);
        li += 1;
      } else if (p) {
        this.foldInto(p);
        pi += 1;
      }
    }
  }

  /** Entries committed here or received from peers; any order, duplicates ignored. */
  apply(entries: readonly JournalEntry[]): void {
    const fresh = entries.filter((e) => e.seq > (this.heads[e.console] ?? 0));
    if (fresh.length === 0) return;
    fresh.sort((a, b) => (mergeKey(a) < mergeKey(b) ? -1 : 1));
    const lastKey = this.window[this.window.length - 1]?.key ?? '';
    const firstKey = mergeKey(fresh[0] as JournalEntry);
    if (firstKey > lastKey) {
      for (const e of fresh) this.foldInto(e);
      this.emit({ kind: 'append', entries: fresh });
      return;
    }
    for (const e of fresh) this.heads[e.console] = Math.max(this.heads[e.console] ?? 0, e.seq);
    const windowStart = this.window[0]?.key;
    if (windowStart !== undefined && firstKey < windowStart) {
      // Older than anything kept in memory: refold from the files (they hold these entries already).
      void this.rebuild();
      return;
    }
    this.insertLate(fresh);
    this.emit({ kind: 'reset', state: this.state, heads: { ...this.heads } });
  }

  private foldInto(entry: JournalEntry): void {
    if (entry.seq <= (this.heads[entry.console] ?? 0)) return;
    this.heads[entry.console] = entry.seq;
    if (this.window.length % SNAPSHOT_EVERY === 0) this.snapshots.push(this.state);
    this.window.push({ key: mergeKey(entry), entry });
    this.state = foldEntry(this.state, entry);
    if (this.window.length > WINDOW + SNAPSHOT_EVERY) this.trim();
  }

  /** Drops the oldest snapshot interval from memory. */
  private trim(): void {
    const next = this.snapshots[1];
    if (!next) return;
    this.base = next;
    this.window = this.window.slice(SNAPSHOT_EVERY);
    this.snapshots = this.snapshots.slice(1);
  }

  /** Slots late entries into the window and refolds from the snapshot before the first of them. */
  private insertLate(late: JournalEntry[]): void {
    const at = lowerBound(this.window, mergeKey(late[0] as JournalEntry));
    const snapIndex = Math.floor(at / SNAPSHOT_EVERY);
    const start = snapIndex * SNAPSHOT_EVERY;
    const restart = this.snapshots[snapIndex] ?? this.base;
    const tail = [...this.window.slice(start).map((w) => w.entry), ...late].sort((a, b) => (mergeKey(a) < mergeKey(b) ? -1 : 1));
    this.window.length = start;
    this.snapshots.length = snapIndex;
    this.state = restart;
    for (const entry of tail) {
      if (this.window.length % SNAPSHOT_EVERY === 0) this.snapshots.push(this.state);
      this.window.push({ key: mergeKey(entry), entry });
      this.state = foldEntry(this.state, entry);
    }
  }

  private async rebuild(): Promise<void> {
    if (!this.journal) return;
    if (this.rebuilding) return this.rebuilding;
    this.rebuilding = this.load(this.journal).finally(() => {
      this.rebuilding = undefined;
    });
    await this.rebuilding;
    this.emit({ kind: 'reset', state: this.state, heads: { ...this.heads } });
  }

  snapshot(): { state: SiteState; heads: Record<string, number> } {
    return { state: this.state, heads: { ...this.heads } };
  }

  current(): SiteState {
    return this.state;
  }

  onChange(listener: (change: StateChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(change: StateChange): void {
    for (const l of this.listeners) l(change);
  }
}

function lowerBound(window: readonly { key: string }[], key: string): number {
  let lo = 0;
  let hi = window.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((window[mid]?.key ?? '') < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

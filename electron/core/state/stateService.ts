import type { JournalEntry } from '../../../shared/journal/entry';
import { foldEntry, initialSiteState, type SiteState } from '../../../shared/state';
import type { JournalService } from '../journal/service';

/**
 * The site state as the core holds it: the shared fold over this console's
 * journal, rebuilt from the file at start-up and advanced as entries commit.
 * `heads` says, per console, the newest entry folded in, so a client that
 * takes a snapshot can apply later events without double-counting.
 */
export class StateService {
  private state: SiteState = initialSiteState();
  private heads: Record<string, number> = {};
  private readonly listeners = new Set<(state: SiteState) => void>();

  /** Folds the whole journal, page by page (memory stays flat). */
  async load(journal: JournalService): Promise<void> {
    let after = 0;
    for (;;) {
      const page = await journal.entriesAfter(after, 5000);
      if (page.length === 0) break;
      this.applyQuietly(page);
      after = page[page.length - 1]?.seq ?? after;
    }
  }

  apply(entries: readonly JournalEntry[]): void {
    if (this.applyQuietly(entries)) for (const l of this.listeners) l(this.state);
  }

  private applyQuietly(entries: readonly JournalEntry[]): boolean {
    let changed = false;
    for (const entry of entries) {
      if (entry.seq <= (this.heads[entry.console] ?? 0)) continue;
      this.heads[entry.console] = entry.seq;
      const next = foldEntry(this.state, entry);
      if (next !== this.state) changed = true;
      this.state = next;
    }
    return changed;
  }

  snapshot(): { state: SiteState; heads: Record<string, number> } {
    return { state: this.state, heads: { ...this.heads } };
  }

  current(): SiteState {
    return this.state;
  }

  onChange(listener: (state: SiteState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

import type { JournalEntry } from '../../../shared/journal/entry';
import { foldEntry, initialSiteState, type SiteState } from '../../../shared/state';
import type { SliceCreator } from '../../app/store';

export interface SiteStateSlice {
  /** The same fold the core runs, applied here to the entries the core streams. */
  readonly siteState: SiteState;
  readonly siteHeads: Readonly<Record<string, number>>;
  loadSiteState(): Promise<void>;
  foldAppended(entries: readonly JournalEntry[]): void;
}

export const createSiteStateSlice: SliceCreator<SiteStateSlice> = (api) => (set, get) => ({
  siteState: initialSiteState(),
  siteHeads: {},
  loadSiteState: async () => {
    const snapshot = await api.getSiteState();
    set({ siteState: snapshot.state, siteHeads: snapshot.heads });
  },
  foldAppended: (entries) => {
    const { siteHeads } = get();
    let { siteState } = get();
    let heads: Record<string, number> | undefined;
    for (const entry of entries) {
      // Entries already in the snapshot are skipped: the fold must see each once.
      if (entry.seq <= ((heads ?? siteHeads)[entry.console] ?? 0)) continue;
      heads ??= { ...siteHeads };
      heads[entry.console] = entry.seq;
      siteState = foldEntry(siteState, entry);
    }
    if (heads) set({ siteState, siteHeads: heads });
  },
});

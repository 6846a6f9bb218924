import type { SiteStateChange } from '../../../shared/contract';
import type { JournalEntry } from '../../../shared/journal/entry';
import type { PeerStatus } from '../../../shared/sync/peers';
import type { EnrollConsole } from '../../../shared/sync/kinds';
import { tracked } from '../../app/tracked';
import { foldEntry, initialSiteState, type SiteState } from '../../../shared/state';
import type { SliceCreator } from '../../app/store';

export interface SiteStateSlice {
  /** The same fold the core runs, applied here to the entries the core streams in merge order. */
  readonly siteState: SiteState;
  readonly siteHeads: Readonly<Record<string, number>>;
  /** The site's other consoles on the bus. */
  readonly peers: readonly PeerStatus[];
  /**
   * True in a replay store (createReplayStore): the state comes from a
   * recorded journal at a chosen time. Views read it only to hide actions they
   * need not offer; the refusal itself is the replay store's read-only API.
   */
  readonly readOnly: boolean;
  /** Replay drives the state directly: a frame at time t, or entries folded as playback passes them. */
  replaceSiteState(state: SiteState): void;
  loadSiteState(): Promise<void>;
  foldAppended(entries: readonly JournalEntry[]): void;
  siteStateChanged(change: SiteStateChange): void;
  peersChanged(peers: readonly PeerStatus[]): void;
  /** Why the last console enrolment failed; cleared by the next one that succeeds. */
  readonly enrolError: string | undefined;
  /** Enrols a console of the site by its key (a supervisor's action, journaled by the core); true when it was. */
  enrollConsole(draft: EnrollConsole): Promise<boolean>;
}

export const createSiteStateSlice: SliceCreator<SiteStateSlice> = (api) => (set, get) => ({
  enrolError: undefined,
  enrollConsole: async (draft) => {
    const run = tracked((enrolError) => set({ enrolError }));
    const peers = await run(() => api.enrollConsole(draft));
    if (peers) set({ peers });
    return peers !== undefined;
  },
  siteState: initialSiteState(),
  siteHeads: {},
  peers: [],
  readOnly: false,
  replaceSiteState: (state) => set({ siteState: state, siteHeads: {} }),
  loadSiteState: async () => {
    const [snapshot, peers] = await Promise.all([api.getSiteState(), api.getPeers()]);
    set({ siteState: snapshot.state, siteHeads: snapshot.heads, peers });
  },
  siteStateChanged: (change) => {
    if (change.kind === 'append') get().foldAppended(change.entries);
    else set({ siteState: change.state, siteHeads: change.heads });
  },
  peersChanged: (peers) => set({ peers }),
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

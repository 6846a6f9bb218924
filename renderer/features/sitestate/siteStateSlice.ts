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

/**
 * How often the streamed entries reach the store's subscribers at most. In an
 * alert storm the core streams a batch every few milliseconds; each `set`
 * re-renders every view that reads the alerts (counts, badges, tone, banner),
 * so batches arriving within this window are folded at once and published
 * together. A batch after a quiet spell is published at once (no added
 * latency); a timer, not an animation frame, so a hidden window still sounds
 * its tone.
 */
export const SITE_STATE_PUBLISH_MS = 16;

export const createSiteStateSlice: SliceCreator<SiteStateSlice> = (api) => (set, get) => {
  // Entries folded but not yet published, and when the last publish was.
  let pending: { siteState: SiteState; siteHeads: Record<string, number> } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let publishedAt = 0;
  const publish = (): void => {
    timer = undefined;
    publishedAt = Date.now();
    if (pending) set(pending);
    pending = undefined;
  };
  const drop = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    pending = undefined;
  };
  /** Folds entries onto the newest state (published or not); entries already folded are skipped. */
  const fold = (entries: readonly JournalEntry[]): { siteState: SiteState; siteHeads: Record<string, number> } | undefined => {
    const siteHeads = pending?.siteHeads ?? get().siteHeads;
    let siteState = pending?.siteState ?? get().siteState;
    let heads: Record<string, number> | undefined;
    for (const entry of entries) {
      // Entries already in the snapshot are skipped: the fold must see each once.
      if (entry.seq <= ((heads ?? siteHeads)[entry.console] ?? 0)) continue;
      heads ??= { ...siteHeads };
      heads[entry.console] = entry.seq;
      siteState = foldEntry(siteState, entry);
    }
    return heads ? { siteState, siteHeads: heads } : undefined;
  };
  return {
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
    replaceSiteState: (state) => {
      drop();
      set({ siteState: state, siteHeads: {} });
    },
    loadSiteState: async () => {
      const [snapshot, peers] = await Promise.all([api.getSiteState(), api.getPeers()]);
      // The snapshot holds everything folded so far; what was pending is in it.
      drop();
      set({ siteState: snapshot.state, siteHeads: snapshot.heads, peers });
    },
    siteStateChanged: (change) => {
      if (change.kind !== 'append') {
        drop();
        set({ siteState: change.state, siteHeads: change.heads });
        return;
      }
      const next = fold(change.entries);
      if (!next) return;
      pending = next;
      if (timer === undefined) timer = setTimeout(publish, Math.max(0, publishedAt + SITE_STATE_PUBLISH_MS - Date.now()));
    },
    peersChanged: (peers) => set({ peers }),
    foldAppended: (entries) => {
      // Synchronous: published at once (with anything pending before it).
      const next = fold(entries);
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      pending = next ?? pending;
      publish();
    },
  };
};

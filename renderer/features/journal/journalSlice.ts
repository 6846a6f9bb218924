import type { DailyReport, ExportResult } from '../../../shared/contract';
import { ConsoleError } from '../../../shared/errors';
import type { JournalEntry } from '../../../shared/journal/entry';
import type { JournalStatus } from '../../../shared/journal/status';
import type { SliceCreator } from '../../app/store';
import { appendOnce, type ClientDraft } from '../../app/appendOnce';
import { defaultFilter, matchesFilter, type JournalFilter } from './filter';
import { errorText } from '../../ui/errorText';

const PAGE = 50;
/** Live-appended entries kept in memory at most. */
const LIVE_KEEP = 1000;

export interface JournalSlice {
  readonly journalStatus: JournalStatus | undefined;
  readonly journalFilter: JournalFilter;
  /** The entries on screen, newest first. */
  readonly journalEntries: readonly JournalEntry[];
  readonly journalCursor: number | null;
  readonly journalLoading: boolean;
  readonly journalError: string | undefined;
  /** Set by the panel from the clock when it (re)queries, so live arrivals are checked against the same window. */
  readonly journalQueriedAt: number;
  setJournalFilter(filter: JournalFilter, now: number): Promise<void>;
  loadMoreJournal(): Promise<void>;
  /**
   * Records an entry (with an idempotency key, sent again if the connection drops mid-call);
   * resolves to the entry, or throws ConsoleError with field issues for the form.
   */
  recordEntry(draft: ClientDraft, idempotencyKey?: string): Promise<JournalEntry>;
  exportJournal(from: number, to: number): Promise<ExportResult>;
  dailyReport(date: string): Promise<DailyReport>;
  verifyJournal(): Promise<void>;
  startNewJournalSegment(): Promise<void>;
  journalStatusChanged(status: JournalStatus): void;
  journalEntriesAppended(entries: readonly JournalEntry[]): void;
}

export const createJournalSlice: SliceCreator<JournalSlice> = (api) => (set, get) => {
  const query = async (append: boolean): Promise<void> => {
    const { journalFilter: f, journalCursor, journalQueriedAt } = get();
    if (append && journalCursor === null) return;
    set({ journalLoading: true });
    try {
      const page = await api.queryJournal({
        limit: PAGE,
        ...(f.windowHours !== undefined ? { from: journalQueriedAt - f.windowHours * 3_600_000 } : {}),
        ...(f.kinds.length > 0 ? { kinds: [...f.kinds] } : {}),
        ...(f.mode ? { mode: f.mode } : {}),
        ...(f.text.trim() !== '' ? { text: f.text.trim() } : {}),
        ...(append && journalCursor !== null ? { beforeSeq: journalCursor } : {}),
      });
      // A filter change while this was in flight makes this answer stale.
      if (get().journalFilter !== f) return;
      set({
        journalEntries: append ? [...get().journalEntries, ...page.entries] : page.entries,
        journalCursor: page.nextBeforeSeq,
        journalError: undefined,
      });
    } catch (err) {
      set({ journalError: errorText(err) });
    } finally {
      set({ journalLoading: false });
    }
  };

  return {
    journalStatus: undefined,
    journalFilter: defaultFilter,
    journalEntries: [],
    journalCursor: null,
    journalLoading: false,
    journalError: undefined,
    journalQueriedAt: 0,
    setJournalFilter: async (filter, now) => {
      set({ journalFilter: filter, journalQueriedAt: now, journalEntries: [], journalCursor: null });
      await query(false);
    },
    loadMoreJournal: () => query(true),
    recordEntry: async (draft, idempotencyKey) => {
      try {
        return await appendOnce(api, draft, idempotencyKey);
      } catch (err) {
        throw err instanceof ConsoleError ? err : new ConsoleError('internal', String(err));
      }
    },
    exportJournal: (from, to) => api.exportJournal({ from, to }),
    dailyReport: (date) => api.dailyReport({ date }),
    verifyJournal: async () => {
      set({ journalStatus: await api.verifyJournal() });
    },
    startNewJournalSegment: async () => {
      set({ journalStatus: await api.startNewJournalSegment() });
      await query(false);
    },
    journalStatusChanged: (status) => set({ journalStatus: status }),
    journalEntriesAppended: (entries) => {
      const { journalEntries, journalFilter, journalQueriedAt } = get();
      // Only the newest entries can repeat (a page loaded while these were committed): checking those keeps this O(batch).
      const known = new Set(journalEntries.slice(0, entries.length + PAGE).map((e) => e.id));
      const fresh = entries.filter((e) => !known.has(e.id) && matchesFilter(e, journalFilter, journalQueriedAt)).reverse();
      if (fresh.length === 0) return;
      const merged = [...fresh, ...journalEntries];
      // An alert storm appends a thousand entries a second: keep the newest in memory, older ones page in on scroll.
      const last = merged[LIVE_KEEP - 1];
      if (merged.length > LIVE_KEEP && last) set({ journalEntries: merged.slice(0, LIVE_KEEP), journalCursor: last.seq });
      else set({ journalEntries: merged });
    },
  };
};

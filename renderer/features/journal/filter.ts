import type { JournalEntry, Mode } from '../../../shared/journal/entry';

/** What the journal panel shows; mirrors JournalQuery minus paging. */
export interface JournalFilter {
  /** Time window ending now, in hours; undefined for all time. */
  readonly windowHours: number | undefined;
  readonly kinds: readonly string[];
  readonly mode: Mode | undefined;
  readonly text: string;
}

export const defaultFilter: JournalFilter = { windowHours: 24, kinds: [], mode: undefined, text: '' };

/** Every string inside a payload, for the live-arrival check below. */
export function payloadText(payload: unknown): string {
  if (typeof payload === 'string') return payload;
  if (Array.isArray(payload)) return payload.map(payloadText).join(' ');
  if (payload && typeof payload === 'object') return Object.values(payload as Record<string, unknown>).map(payloadText).join(' ');
  return '';
}

/**
 * Whether a newly committed entry belongs in the list the operator is looking
 * at. The server's full-text search decides on refresh; this is the cheap
 * check for live arrivals (every typed word must occur, case-insensitively).
 */
export function matchesFilter(entry: JournalEntry, filter: JournalFilter, now: number): boolean {
  if (filter.windowHours !== undefined && entry.occurredAt < now - filter.windowHours * 3_600_000) return false;
  if (filter.kinds.length > 0 && !filter.kinds.includes(entry.kind)) return false;
  if (filter.mode && entry.mode !== filter.mode) return false;
  const words = filter.text.toLowerCase().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return true;
  const haystack = `${payloadText(entry.payload)} ${entry.actor}`.toLowerCase();
  return words.every((w) => haystack.includes(w));
}

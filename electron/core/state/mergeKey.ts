import type { JournalEntry } from '../../../shared/journal/entry';

/**
 * The one order every console folds the site's entries in: hybrid logical
 * clock, then console id. HLC strings are fixed-width, console ids are
 * [a-z0-9-]; a NUL between them keeps "c-a" before "c-ab" at equal clocks.
 */
export function mergeKey(entry: Pick<JournalEntry, 'hlc' | 'console'>): string {
  return `${entry.hlc}\u0000${entry.console}`;
}

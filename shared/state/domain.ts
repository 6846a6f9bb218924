import type { JournalEntry } from '../journal/entry';

/**
 * One part of the site state, as a pure fold over journal entries. The same
 * fold runs live in the core, in the renderer, and in replay: no clock, no
 * randomness, no I/O. Entries arrive in merge order (HLC, then console id).
 */
export interface Domain<S> {
  readonly init: () => S;
  readonly apply: (state: S, entry: JournalEntry) => S;
}

export function domain<S>(d: Domain<S>): Domain<S> {
  return d;
}

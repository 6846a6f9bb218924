import type { JournalEntry } from '../journal/entry';
import type { JournalKind, PayloadOf } from '../journal/kinds';

/** What a domain does with one kind: the payload arrives typed by the kind's schema. */
export type KindHandler<S, K extends JournalKind> = (state: S, payload: PayloadOf<K>, entry: JournalEntry) => S;

/** The kinds a domain reacts to; a key that is not a registered kind does not compile. */
export type KindHandlers<S> = { readonly [K in JournalKind]?: KindHandler<S, K> };

/**
 * One part of the site state, as a pure fold over journal entries. The same
 * fold runs live in the core, in the renderer, and in replay: no clock, no
 * randomness, no I/O. Entries arrive in merge order (HLC, then console id).
 *
 * `on` names the kinds the domain handles, so "who reacts to this kind" is a
 * lookup (`domainsHandling` in index.ts). `every`, for the few domains that
 * note something of every entry (the latest activity), runs before `on`.
 */
export interface Domain<S> {
  readonly init: () => S;
  readonly on: KindHandlers<S>;
  readonly every?: (state: S, entry: JournalEntry) => S;
}

/** A handler as the dispatcher calls it: with the payload the entry carries. */
export type StoredHandler<S> = (state: S, payload: unknown, entry: JournalEntry) => S;

export function domain<S>(d: Domain<S>): Domain<S> {
  return d;
}

/**
 * The handlers of a domain by kind name, for dispatch. This is the one place
 * the payload's type is trusted rather than checked: own entries are parsed
 * on append and peers' on arrival (see `payloadProblem`), and entries that
 * failed are never folded, so every folded payload has its kind's type.
 */
export function handlersOf<S>(d: Domain<S>): ReadonlyMap<string, StoredHandler<S>> {
  const out = new Map<string, StoredHandler<S>>();
  for (const [name, handler] of Object.entries(d.on as Readonly<Record<string, StoredHandler<S> | undefined>>)) {
    if (handler) out.set(name, handler);
  }
  return out;
}

/** Folds one entry into one domain (tests, and code that holds a single domain). */
export function applyEntry<S>(d: Domain<S>, state: S, entry: JournalEntry): S {
  const before = d.every ? d.every(state, entry) : state;
  const handler = (d.on as Readonly<Record<string, StoredHandler<S> | undefined>>)[entry.kind];
  return handler && Object.hasOwn(d.on, entry.kind) ? handler(before, entry.payload, entry) : before;
}

import type { JournalEntry } from '../journal/entry';
import type { JournalKind } from '../journal/kinds';
import { handlersOf, type Domain, type StoredHandler } from './domain';
import { drillDomain, type DrillState } from './drillDomain';
import { alertsDomain, type AlertsState } from './alertsDomain';
import { dutyDomain, type DutyState } from './journalDomain';
import { wallDomain, type WallState } from './wallDomain';
import { rosterDomain, type RosterState } from './rosterDomain';

/**
 * The site state every view shows: a projection of the journal. Each domain
 * is a pure fold (see domain.ts). A feature adds its domain in two places:
 * a field of SiteState and an entry of `domains`; the kinds it handles are
 * read from its `on`.
 */
export interface SiteState {
  readonly duty: DutyState;
  readonly drill: DrillState;
  readonly alerts: AlertsState;
  readonly wall: WallState;
  readonly roster: RosterState;
}

/**
 * Raise when any domain's fold changes what it makes of the same entries:
 * a console's saved state from an older fold is then refolded from the journal.
 */
export const FOLD_VERSION = 4; // 4: on duty is who is signed in (operator.signedIn/signedOut), the handover waits to be accepted; 3: 3: the wall's alarms are the alerts fold's alerts (one status, HLC time)

const domains: { readonly [K in keyof SiteState]: Domain<SiteState[K]> } = {
  duty: dutyDomain,
  drill: drillDomain,
  alerts: alertsDomain,
  wall: wallDomain,
  roster: rosterDomain,
};

const keys = Object.keys(domains) as (keyof SiteState)[];

interface Dispatch {
  readonly key: keyof SiteState;
  readonly handler: StoredHandler<unknown>;
}

/** Kind → the domains that handle it, in `domains` order; built once, so folding an entry is one map lookup. */
const byKind = new Map<string, Dispatch[]>();
for (const key of keys) {
  for (const [name, handler] of handlersOf(domains[key] as Domain<unknown>)) {
    let list = byKind.get(name);
    if (!list) byKind.set(name, (list = []));
    list.push({ key, handler });
  }
}
/** Domains that note every entry. */
const everyEntry = keys.flatMap((key) => {
  const every = (domains[key] as Domain<unknown>).every;
  return every ? [{ key, every }] : [];
});
const NONE: readonly Dispatch[] = [];

/** Which parts of the site state react to a kind (e.g. who folds `alert.acknowledged`). */
export function domainsHandling(kind: JournalKind): (keyof SiteState)[] {
  return (byKind.get(kind) ?? NONE).map((d) => d.key);
}

export function initialSiteState(): SiteState {
  const state: Record<string, unknown> = {};
  for (const key of keys) state[key] = domains[key].init();
  return state as unknown as SiteState;
}

/**
 * Applies one entry to the domains that handle its kind (and those that note
 * every entry); unchanged domains keep their identity (cheap for React).
 */
export function foldEntry(state: SiteState, entry: JournalEntry): SiteState {
  let next: Record<string, unknown> | undefined;
  for (const { key, every } of everyEntry) {
    const before = state[key];
    const after = every(before, entry);
    if (after !== before) {
      next ??= { ...state };
      next[key] = after;
    }
  }
  for (const { key, handler } of byKind.get(entry.kind) ?? NONE) {
    const before = next ? next[key] : state[key];
    const after = handler(before, entry.payload, entry);
    if (after !== before) {
      next ??= { ...state };
      next[key] = after;
    }
  }
  return (next as SiteState | undefined) ?? state;
}

export function foldEntries(state: SiteState, entries: readonly JournalEntry[]): SiteState {
  let next = state;
  for (const entry of entries) next = foldEntry(next, entry);
  return next;
}

export type { Domain } from './domain';
export { wallAlarms } from './wallAlarms';

import type { JournalEntry } from '../journal/entry';
import type { Domain } from './domain';
import { drillDomain, type DrillState } from './drillDomain';
import { alertsDomain, type AlertsState } from './alertsDomain';
import { dutyDomain, type DutyState } from './journalDomain';
import { wallDomain, type WallState } from './wallDomain';
import { rosterDomain, type RosterState } from './rosterDomain';

/**
 * The site state every view shows: a projection of the journal. Each domain
 * is a pure fold (see domain.ts). A feature adds its domain in two places:
 * a field of SiteState and an entry of `domains`.
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
export const FOLD_VERSION = 2;

const domains: { readonly [K in keyof SiteState]: Domain<SiteState[K]> } = {
  duty: dutyDomain,
  drill: drillDomain,
  alerts: alertsDomain,
  wall: wallDomain,
  roster: rosterDomain,
};

const keys = Object.keys(domains) as (keyof SiteState)[];

export function initialSiteState(): SiteState {
  const state: Record<string, unknown> = {};
  for (const key of keys) state[key] = domains[key].init();
  return state as unknown as SiteState;
}

/** Applies one entry to every domain; unchanged domains keep their identity (cheap for React). */
export function foldEntry(state: SiteState, entry: JournalEntry): SiteState {
  let next: Record<string, unknown> | undefined;
  for (const key of keys) {
    const before = state[key];
    const after = (domains[key] as Domain<unknown>).apply(before, entry);
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

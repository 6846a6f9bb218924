import { domain } from './domain';

export interface DutyState {
  /** The officer on duty according to the last handover, and since when. */
  readonly onDuty: { readonly officer: string; readonly since: number; readonly handoverId: string } | undefined;
  readonly lastEntry: { readonly seq: number; readonly console: string; readonly at: number } | undefined;
}

/** Who holds the desk, and the journal's latest activity. */
export const dutyDomain = domain<DutyState>({
  init: () => ({ onDuty: undefined, lastEntry: undefined }),
  every: (state, entry) => ({ ...state, lastEntry: { seq: entry.seq, console: entry.console, at: entry.occurredAt } }),
  on: {
    handover: (state, p, entry) => (entry.mode === 'LIVE' ? { ...state, onDuty: { officer: p.incoming, since: entry.occurredAt, handoverId: entry.id } } : state),
  },
});

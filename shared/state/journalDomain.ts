import { domain } from './domain';

export interface DutyState {
  /** The officer on duty according to the last handover, and since when. */
  readonly onDuty: { readonly officer: string; readonly since: number; readonly handoverId: string } | undefined;
  readonly lastEntry: { readonly seq: number; readonly console: string; readonly at: number } | undefined;
}

/** Who holds the desk, and the journal's latest activity. */
export const dutyDomain = domain<DutyState>({
  init: () => ({ onDuty: undefined, lastEntry: undefined }),
  apply: (state, entry) => {
    const lastEntry = { seq: entry.seq, console: entry.console, at: entry.occurredAt };
    if (entry.kind === 'handover' && entry.mode === 'LIVE') {
      const payload = entry.payload as { incoming?: unknown };
      if (typeof payload.incoming === 'string') {
        return { ...state, lastEntry, onDuty: { officer: payload.incoming, since: entry.occurredAt, handoverId: entry.id } };
      }
    }
    return { ...state, lastEntry };
  },
});

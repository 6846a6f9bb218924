import { domain } from './domain';

export interface SignedInHere {
  readonly account: string;
  readonly since: number;
}

export interface DutyState {
  /** The newest handover (交接班): the incoming officer accepts it by signing in on it. */
  readonly lastHandover: { readonly id: string; readonly outgoing: string; readonly incoming: string; readonly at: number } | undefined;
  /** Who is signed in at each console (by console id), in the order they signed in: "on duty" everywhere. */
  readonly signedIn: Readonly<Record<string, readonly SignedInHere[]>>;
  readonly lastEntry: { readonly seq: number; readonly console: string; readonly at: number } | undefined;
}

/** Who holds the desks, the handover waiting to be accepted, and the journal's latest activity. */
export const dutyDomain = domain<DutyState>({
  init: () => ({ lastHandover: undefined, signedIn: {}, lastEntry: undefined }),
  every: (state, entry) => ({ ...state, lastEntry: { seq: entry.seq, console: entry.console, at: entry.occurredAt } }),
  on: {
    handover: (state, p, entry) =>
      entry.mode === 'LIVE' ? { ...state, lastHandover: { id: entry.id, outgoing: p.outgoing, incoming: p.incoming, at: entry.occurredAt } } : state,
    'operator.signedIn': (state, p, entry) => {
      const here = (state.signedIn[entry.console] ?? []).filter((s) => s.account !== p.account);
      return { ...state, signedIn: { ...state.signedIn, [entry.console]: [...here, { account: p.account, since: entry.occurredAt }] } };
    },
    'operator.signedOut': (state, p, entry) => {
      const here = (state.signedIn[entry.console] ?? []).filter((s) => s.account !== p.account);
      const { [entry.console]: _gone, ...rest } = state.signedIn;
      return { ...state, signedIn: here.length > 0 ? { ...rest, [entry.console]: here } : rest };
    },
  },
});

/** Everyone signed in, at one console or at all of them, earliest first. */
export function onDuty(state: DutyState, consoleId?: string): SignedInHere[] {
  const lists = consoleId !== undefined ? [state.signedIn[consoleId] ?? []] : Object.values(state.signedIn);
  return lists.flat().sort((a, b) => a.since - b.since);
}

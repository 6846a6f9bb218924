import type { AttemptResult } from '../../../shared/roster/kinds';
import { attemptResults } from '../../../shared/roster/kinds';
import type { DueState } from '../../../shared/roster/schedule';
import type { ContactRoute } from '../../../shared/site/roster';
import type { JournalStatus } from '../../../shared/journal/status';
import type { RollCall } from '../../../shared/state/rosterDomain';
import type { ConnectionState } from '../../platform/connection';

/** Keys 1–4 record a result, in this order (the order printed on the buttons). */
export function resultForKey(key: string): AttemptResult | undefined {
  const n = Number(key);
  return Number.isInteger(n) && n >= 1 && n <= attemptResults.length ? attemptResults[n - 1] : undefined;
}

/**
 * Whether the console should assume the public network is down: the link to
 * the core dropped, the browser reports offline, or the site bus is offline.
 * Then the roster leads with radio and satellite routes, which do not need it.
 */
export function networkDown(connection: ConnectionState, online: boolean, journal: JournalStatus | undefined): boolean {
  if (connection.status === 'offline' || !online) return true;
  const up = journal?.upstream;
  return up !== undefined && up.configured && up.state === 'offline';
}

const OFFLINE_ORDER: Record<ContactRoute['method'], number> = { radio: 0, satphone: 1, runner: 2, landline: 3, mobile: 4 };

/** With the network down, routes that do not need it come first; otherwise ladder order stands. */
export function routesForDisplay(ordered: readonly ContactRoute[], down: boolean): ContactRoute[] {
  if (!down) return [...ordered];
  return [...ordered].sort((a, b) => OFFLINE_ORDER[a.method] - OFFLINE_ORDER[b.method]);
}

/** Worst first, then soonest: what the officer must look at leads the list. */
export function sortDue(states: readonly DueState[]): DueState[] {
  const rank = { overdue: 0, failed: 1, warn: 2, ok: 3 } as const;
  return [...states].sort((a, b) => rank[a.stage] - rank[b.stage] || a.overdueAt - b.overdueAt);
}

/** The next person of a roll call without an answer. */
export function nextToCall(rollcall: RollCall): string | undefined {
  return rollcall.people.find((p) => rollcall.answers[p] === undefined);
}


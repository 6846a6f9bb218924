import { alertKinds } from '../../../shared/alerts/kinds';
import type { JournalEntry } from '../../../shared/journal/entry';
import { foldEntries, initialSiteState } from '../../../shared/state';
import { alertList, isOpen, type AlertView } from '../../../shared/state/alertsDomain';
import type { JournalService } from '../journal/service';

/** Closed alarms one answer holds at most (the alerts fold keeps 500 in memory; the rest stay in the record). */
export const CLOSED_ALARMS_MAX = 400;
/** How far before the window an alarm closed in it may have been raised. */
export const CLOSED_LOOKBACK_MS = 7 * 86_400_000;
/** Journal entries read at most for one answer: a storm's day is cut, and the answer says so. */
const SCAN_MAX = 300_000;

const ALERT_KINDS = Object.keys(alertKinds).filter((k) => k.startsWith('alert.') && k !== 'alert.quarantined');
const CLOSING = ['alert.resolved', 'alert.false-alarm'];

function alertIdsOf(entry: JournalEntry): readonly string[] {
  const p = entry.payload as { alertId?: unknown; alertIds?: unknown };
  if (typeof p.alertId === 'string') return [p.alertId];
  return Array.isArray(p.alertIds) ? p.alertIds.filter((x): x is string => typeof x === 'string') : [];
}

/** Pages of the journal newest first, until `stop` or the end; false when the scan hit its cap. */
async function walk(journal: JournalService, query: { kinds: string[]; from: number; to: number }, each: (e: JournalEntry) => boolean, budget: { left: number }): Promise<boolean> {
  let beforeSeq: number | undefined;
  for (;;) {
    const page = await journal.query({ ...query, limit: 500, ...(beforeSeq ? { beforeSeq } : {}) });
    for (const e of page.entries) {
      budget.left -= 1;
      if (!each(e)) return true;
    }
    if (page.nextBeforeSeq === null) return true;
    if (budget.left <= 0) return false;
    beforeSeq = page.nextBeforeSeq;
  }
}

/**
 * Alarms closed in [from, to), read from the journal and folded by the one
 * alerts fold: each with its handling history and closure code, newest
 * closure first. The site state holds only recent alarms; the closed-alarms
 * view of the shift or any day reads the record. An alarm reopened and still
 * open is left out; one raised more than CLOSED_LOOKBACK_MS before its close
 * cannot be folded and is counted in `withoutRaise` (the view says so).
 */
export async function closedAlarms(journal: JournalService, from: number, to: number): Promise<{ alarms: AlertView[]; truncated: boolean; withoutRaise: number }> {
  const budget = { left: SCAN_MAX };
  const ids = new Set<string>();
  let complete = await walk(
    journal,
    { kinds: CLOSING, from, to },
    (e) => {
      for (const id of alertIdsOf(e)) if (ids.size < CLOSED_ALARMS_MAX) ids.add(id);
      return ids.size < CLOSED_ALARMS_MAX;
    },
    budget,
  );
  if (ids.size === 0) return { alarms: [], truncated: !complete, withoutRaise: 0 };
  const mine: JournalEntry[] = [];
  complete =
    (await walk(
      journal,
      { kinds: ALERT_KINDS, from: from - CLOSED_LOOKBACK_MS, to },
      (e) => {
        if (alertIdsOf(e).some((id) => ids.has(id))) mine.push(e);
        return true;
      },
      budget,
    )) && complete;
  // Oldest first, as the fold saw them.
  mine.reverse();
  const alerts = foldEntries(initialSiteState(), mine).alerts;
  const alarms = alertList(alerts).filter((a) => ids.has(a.id) && !isOpen(a) && a.closure !== undefined && a.closure.at >= from && a.closure.at < to);
  alarms.sort((a, b) => (b.closure?.at ?? 0) - (a.closure?.at ?? 0));
  const folded = new Set(alertList(alerts).map((a) => a.id));
  return { alarms, truncated: !complete || ids.size >= CLOSED_ALARMS_MAX, withoutRaise: [...ids].filter((id) => !folded.has(id)).length };
}

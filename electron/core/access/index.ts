import type { accessKinds } from '../../../shared/access/kinds';
import type { Station } from '../../../shared/contract/stations';
import type { PayloadOf } from '../../../shared/journal/kinds';
import type { Roster } from '../../../shared/site/roster';
import { dutyAt, slotsBetween } from '../../../shared/roster/shifts';
import type { JournalService } from '../journal/service';
import type { Clock } from '../support/clock';
import type { Log } from '../support/log';
import { AccountStore } from './accounts';
import { SessionManager } from './sessions';
import type { ShiftFacts } from './shiftCheck';

export { accessGuard } from './gate';
export { acting, runActing, type Acting } from './callContext';
export { AccountStore } from './accounts';
export { SessionManager } from './sessions';

type AccessKind = keyof typeof accessKinds;
/** Journals one access entry; never throws (false when it could not be written). */
export type AccessRecord = <K extends AccessKind>(kind: K, payload: PayloadOf<K>, actor: string) => Promise<boolean>;

export interface AccessDeps {
  readonly dataDir: string;
  readonly station: Station;
  readonly clock: Clock;
  readonly log: Log;
  readonly journal: JournalService;
  readonly idleLockMinutes: number;
  readonly timeZone: string;
  readonly roster: () => Roster;
  readonly lastHandover: () => { id: string; outgoing: string; incoming: string } | undefined;
  readonly onChanged: () => void;
}

/** The accounts and sessions of this console, wired to its journal and roster. */
export function createAccess(deps: AccessDeps): { accounts: AccountStore; sessions: SessionManager; record: AccessRecord } {
  const accounts = new AccountStore(deps.dataDir, () => deps.clock.now());
  // Never throws: a full disk must not keep a desk from locking. A failed record is logged loudly.
  const record: AccessRecord = async (kind, payload, actor) => {
    try {
      await deps.journal.append({ kind, payload }, { actor, allowSystem: true, mode: 'LIVE' });
      return true;
    } catch (err) {
      deps.log.error('access entry not journaled', { kind, actor, error: String(err) });
      return false;
    }
  };
  const sessions = new SessionManager({
    accounts,
    clock: deps.clock,
    station: deps.station,
    idleLockMs: deps.idleLockMinutes * 60_000,
    record,
    shifts: (id, at) => shiftFacts(deps.roster(), deps.timeZone, id, at),
    handover: (id) => {
      const h = deps.lastHandover();
      return h && h.id === id ? { outgoing: h.outgoing, incoming: h.incoming } : undefined;
    },
    onChanged: deps.onChanged,
    log: deps.log,
  });
  return { accounts, sessions, record };
}

export function shiftFacts(roster: Roster, timeZone: string, id: string, at: number): ShiftFacts {
  const week = 7 * 86_400_000;
  // On the roster's shifts at all, this week or the next: people with no shifts (an administrator, an evaluator) are not asked.
  const rostered = slotsBetween(roster, timeZone, at - week, at + week).some((s) => s.people.includes(id));
  if (!rostered) return { rostered, onShiftNow: false, onNextShift: false, hoursInARow: 0, maxShiftHours: roster.maxShiftHours };
  const duty = dutyAt(roster, timeZone, at);
  const now = duty.now.find((s) => s.people.includes(id));
  const onNextShift = duty.next?.people.includes(id) ?? false;
  const hours = (slot: { start: number; end: number } | undefined): number => (slot ? (slot.end - slot.start) / 3_600_000 : 0);
  const hoursInARow = now && onNextShift && duty.next && duty.next.start <= now.end ? hours(now) + hours(duty.next) : 0;
  return { rostered, onShiftNow: now !== undefined, onNextShift, hoursInARow, maxShiftHours: roster.maxShiftHours };
}

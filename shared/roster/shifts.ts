import type { Equipment, Roster, ShiftDefinition } from '../site/roster';
import { dateIn, startOfDay } from '../time/zonedDay';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** One occurrence of a shift on a calendar day (site time zone), with the crew the rota names. */
export interface ShiftSlot {
  readonly shift: ShiftDefinition;
  /** Calendar date the shift starts on (site time zone). */
  readonly date: string;
  readonly start: number;
  readonly end: number;
  readonly crew: string | undefined;
  readonly people: readonly string[];
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  const parse = (s: string): number => {
    const [y, m, d] = s.split('-').map(Number);
    return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1);
  };
  return Math.round((parse(to) - parse(from)) / DAY);
}

/** The crew the rota assigns to a shift on a date, if any. */
function crewFor(roster: Roster, shiftId: string, date: string): string | undefined {
  const rota = roster.rota;
  if (!rota || rota.cycle.length === 0) return undefined;
  const n = daysBetween(rota.anchor, date);
  const len = rota.cycle.length;
  return rota.cycle[((n % len) + len) % len]?.[shiftId];
}

/** Every shift occurrence starting on a date. */
export function slotsOn(roster: Roster, date: string, timeZone: string): ShiftSlot[] {
  const midnight = startOfDay(date, timeZone);
  return roster.shifts.map((shift) => {
    const [h, m] = shift.start.split(':').map(Number);
    // Minutes after local midnight; across a DST change the wall-clock start shifts by the change, which sites accept.
    const start = midnight + ((h ?? 0) * 60 + (m ?? 0)) * 60_000;
    const crew = crewFor(roster, shift.id, date);
    const members = crew === undefined ? [] : (roster.crews.find((c) => c.id === crew)?.members ?? []);
    return { shift, date, start, end: start + shift.hours * HOUR, crew, people: members };
  });
}

/** Shift occurrences overlapping [from, to), in start order. */
export function slotsBetween(roster: Roster, timeZone: string, from: number, to: number): ShiftSlot[] {
  const out: ShiftSlot[] = [];
  // A shift is at most 24 h, so one day before `from` is enough to catch the one running at `from`.
  let date = addDays(dateIn(from, timeZone), -1);
  const last = dateIn(to, timeZone);
  for (let guard = 0; guard < 400; guard++) {
    for (const slot of slotsOn(roster, date, timeZone)) if (slot.end > from && slot.start < to) out.push(slot);
    if (date === last) break;
    date = addDays(date, 1);
  }
  return out.sort((a, b) => a.start - b.start || a.shift.id.localeCompare(b.shift.id));
}

export interface DutyNow {
  /** Shifts running now (normally one). */
  readonly now: readonly ShiftSlot[];
  /** The next shift to start after now. */
  readonly next: ShiftSlot | undefined;
  /** Everyone on a running shift. */
  readonly onDuty: readonly string[];
}

export function dutyAt(roster: Roster, timeZone: string, now: number): DutyNow {
  const slots = slotsBetween(roster, timeZone, now, now + 2 * DAY);
  const running = slots.filter((s) => s.start <= now && now < s.end);
  const next = slots.find((s) => s.start > now);
  const onDuty = [...new Set(running.flatMap((s) => s.people))];
  return { now: running, next, onDuty };
}

export type RosterWarning =
  | { readonly kind: 'long-shift'; readonly shift: string; readonly hours: number; readonly max: number }
  | { readonly kind: 'uncovered'; readonly shift: string; readonly date: string; readonly start: number }
  | { readonly kind: 'untested'; readonly device: string; readonly lastTest: number | undefined; readonly days: number }
  | { readonly kind: 'sim-expiry'; readonly device: string; readonly expiry: string; readonly days: number };

/** Devices untested longer than this warn (DOMAIN.md: every comms device tested every two weeks). */
export const UNTESTED_DAYS = 14;
/** SIMs expiring within this many days warn: a lapsed satellite SIM fails exactly when needed. */
export const SIM_WARN_DAYS = 30;

/**
 * Warnings of the roster at `now`: shifts longer than the site's limit,
 * shifts in the next 7 days with nobody assigned, devices untested for
 * more than 14 days (last pass from the journal or the site file), SIMs
 * near or past expiry.
 */
export function rosterWarnings(roster: Roster, timeZone: string, now: number, lastPass: (device: Equipment) => number | undefined): RosterWarning[] {
  const out: RosterWarning[] = [];
  for (const shift of roster.shifts) {
    if (shift.hours > roster.maxShiftHours) out.push({ kind: 'long-shift', shift: shift.id, hours: shift.hours, max: roster.maxShiftHours });
  }
  for (const slot of slotsBetween(roster, timeZone, now, now + 7 * DAY)) {
    if (slot.people.length === 0) out.push({ kind: 'uncovered', shift: slot.shift.id, date: slot.date, start: slot.start });
  }
  for (const device of roster.equipment) {
    const last = lastPass(device);
    const days = last === undefined ? Infinity : Math.floor((now - last) / DAY);
    if (days > UNTESTED_DAYS) out.push({ kind: 'untested', device: device.id, lastTest: last, days: Number.isFinite(days) ? days : -1 });
    if (device.simExpiry) {
      const left = Math.floor((startOfDay(device.simExpiry, timeZone) - now) / DAY);
      if (left <= SIM_WARN_DAYS) out.push({ kind: 'sim-expiry', device: device.id, expiry: device.simExpiry, days: left });
    }
  }
  return out;
}

/** The site file's last test date of a device as an instant (start of that day, site time zone). */
export function siteLastTest(device: Equipment, timeZone: string): number | undefined {
  return device.lastTestAt ? startOfDay(device.lastTestAt, timeZone) : undefined;
}

/** Roster roles that supervise the monitoring room, in the order an escalation looks for one on duty. */
export const SUPERVISING_ROLES = ['duty-officer', 'on-site-commander', 'overall-commander'] as const;

/**
 * The supervisor on duty at `now`: the first person on a running shift with a
 * supervising role (duty officer first, then the commanders), in roster
 * order; undefined when nobody on shift supervises.
 */
export function supervisorOnDuty(roster: Roster, timeZone: string, now: number): string | undefined {
  const onDuty = new Set(dutyAt(roster, timeZone, now).onDuty);
  for (const role of SUPERVISING_ROLES) {
    const person = roster.people.find((p) => p.role === role && onDuty.has(p.id));
    if (person) return person.id;
  }
  return undefined;
}

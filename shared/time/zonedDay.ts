import { zoneOffsetMs } from './format';

/**
 * Calendar days in a site's time zone, with no library: Intl tells the
 * offset at an instant, and two passes settle it across DST changes.
 */
function offsetAt(instant: number, timeZone: string): number {
  return zoneOffsetMs(instant, timeZone);
}

/** The instant local midnight starts `date` (YYYY-MM-DD) in `timeZone`. */
export function startOfDay(date: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const guess = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1);
  let instant = guess - offsetAt(guess, timeZone);
  instant = guess - offsetAt(instant, timeZone);
  return instant;
}

/** [from, to) of a calendar day in a time zone. */
export function dayRange(date: string, timeZone: string): { from: number; to: number } {
  const [y, m, d] = date.split('-').map(Number);
  const next = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + 1)).toISOString().slice(0, 10);
  return { from: startOfDay(date, timeZone), to: startOfDay(next, timeZone) };
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function dateIn(instant: number, timeZone: string): string {
  return new Date(instant + offsetAt(instant, timeZone)).toISOString().slice(0, 10);
}

import type { Locale } from '../i18n/locale';

/**
 * The one clock: every time the console shows, prints, exports or puts in a
 * file name is formatted here, in the site's time zone and the app's language.
 * The PC's own zone never leaks: a zone is always passed (`undefined` only
 * where no site is loaded yet, and then UTC, never the PC's). ESLint refuses
 * `toLocaleString()`/`toLocaleTimeString()`/`toLocaleDateString()` and
 * `new Intl.DateTimeFormat` everywhere else in the renderer and shared/.
 */
export interface TimeContext {
  readonly locale: Locale;
  /** The site's IANA zone. */
  readonly timeZone: string | undefined;
}

/**
 * - `time`: 02:45:19 — `minute`: 02:45 — `date`: 2 Dec 2026 / 2026年12月2日
 * - `dateTime`: 2 Dec 2026, 02:45:19 / 2026年12月2日 02:45:19
 * - `dayTime`: 2 Dec, 02:45:19 / 12月2日 02:45:19 (within the last days)
 * - `dayMinute`: 2 Dec, 02:45 / 12月2日 02:45
 */
export type TimeStyle = 'time' | 'minute' | 'date' | 'dateTime' | 'dayTime' | 'dayMinute';

const STYLES: Readonly<Record<TimeStyle, Intl.DateTimeFormatOptions>> = {
  time: { hour: '2-digit', minute: '2-digit', second: '2-digit' },
  minute: { hour: '2-digit', minute: '2-digit' },
  date: { year: 'numeric', month: 'short', day: 'numeric' },
  dateTime: { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' },
  dayTime: { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' },
  dayMinute: { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' },
};

// Formatters are costly to build and a wall formats every second: one per (locale, zone, style).
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(ctx: TimeContext, style: TimeStyle): Intl.DateTimeFormat {
  const timeZone = ctx.timeZone ?? 'UTC';
  const key = `${ctx.locale}|${timeZone}|${style}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(ctx.locale, { ...STYLES[style], timeZone, hourCycle: 'h23' });
    formatters.set(key, f);
  }
  return f;
}

/** Whether the runtime knows an IANA zone ("Asia/Shanghai" yes, "Mars/Olympus" no). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** An instant as the operator reads it. */
export function formatInstant(ms: number, ctx: TimeContext, style: TimeStyle = 'time'): string {
  if (!Number.isFinite(ms)) return '—';
  return formatter(ctx, style).format(ms);
}

/** The weekday, short ("Wed" / "周三"), in the site's zone. */
export function formatWeekday(ms: number, ctx: TimeContext): string {
  const key = `${ctx.locale}|${ctx.timeZone ?? 'UTC'}|weekday`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(ctx.locale, { weekday: 'short', timeZone: ctx.timeZone ?? 'UTC' });
    formatters.set(key, f);
  }
  return f.format(ms);
}

/** Wall-clock fields of an instant in a zone. */
export function zonedFields(ms: number, timeZone: string | undefined): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const key = `en-US|${timeZone ?? 'UTC'}|fields`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timeZone ?? 'UTC',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(key, f);
  }
  const parts = f.formatToParts(ms);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** The zone's offset from UTC at an instant, in ms. */
export function zoneOffsetMs(ms: number, timeZone: string | undefined): number {
  const f = zonedFields(ms, timeZone);
  return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) - Math.floor(ms / 1000) * 1000;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** "2026-12-02T02:45:19+08:00": an unambiguous time for reports and manifests, in the site's zone. */
export function zonedIso(ms: number, timeZone: string | undefined): string {
  const f = zonedFields(ms, timeZone);
  const offsetMin = Math.round(zoneOffsetMs(ms, timeZone) / 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return `${f.year}-${pad(f.month)}-${pad(f.day)}T${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** "20261202-024519": a file name's stamp, in the site's zone (sorts by time; no characters a file system refuses). */
export function fileStamp(ms: number, timeZone: string | undefined): string {
  const f = zonedFields(ms, timeZone);
  return `${f.year}${pad(f.month)}${pad(f.day)}-${pad(f.hour)}${pad(f.minute)}${pad(f.second)}`;
}

/** The value of an `<input type="datetime-local">` showing an instant in the site's zone ("2026-12-02T02:45"). */
export function toZonedInput(ms: number, timeZone: string | undefined): string {
  const f = zonedFields(ms, timeZone);
  return `${f.year}-${pad(f.month)}-${pad(f.day)}T${pad(f.hour)}:${pad(f.minute)}`;
}

/** The instant an `<input type="datetime-local">` value means in the site's zone; undefined when it is not one. */
export function fromZonedInput(value: string, timeZone: string | undefined): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return undefined;
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  // Two passes settle the offset across a DST change.
  let instant = asUtc - zoneOffsetMs(asUtc, timeZone);
  instant = asUtc - zoneOffsetMs(instant, timeZone);
  return instant;
}

const UNITS: Readonly<Record<Locale, { d: string; h: string; min: string; s: string; sep: string }>> = {
  en: { d: ' d', h: ' h', min: ' min', s: ' s', sep: ' ' },
  'zh-CN': { d: '天', h: '小时', min: '分', s: '秒', sep: '' },
};

/**
 * A span in words, two units at most: "12 s", "3 min 20 s", "1 h 05 min",
 * "6 d 23 h" / "12秒", "3分20秒", "1小时05分", "6天23小时". Long spans read in
 * days, never as "167:47:37".
 */
export function formatDuration(ms: number, locale: Locale): string {
  const u = UNITS[locale];
  const total = Math.max(0, Math.round(Math.abs(ms) / 1000));
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (d > 0) return h > 0 ? `${d}${u.d}${u.sep}${h}${u.h}` : `${d}${u.d}`;
  if (h > 0) return `${h}${u.h}${u.sep}${pad(m)}${u.min}`;
  if (m > 0) return `${m}${u.min}${u.sep}${pad(s)}${u.s}`;
  return `${s}${u.s}`;
}

/** A countdown that reads at a glance: "4:09", "1:05:09"; a day or more in words ("6 d 23 h"). */
export function formatCountdown(ms: number, locale: Locale): string {
  const total = Math.max(0, Math.floor(Math.abs(ms) / 1000));
  if (total >= 86_400) return formatDuration(ms, locale);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h > 0 ? `${h}:${pad(m)}` : String(m)}:${pad(s)}`;
}

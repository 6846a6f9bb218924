import type { HeatEvent } from './types';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The windows the operator can pick, shortest first (15 min … 30 days). */
export const TIME_WINDOWS = [
  { id: '15m', ms: 15 * MINUTE },
  { id: '1h', ms: HOUR },
  { id: '6h', ms: 6 * HOUR },
  { id: '24h', ms: DAY },
  { id: '7d', ms: 7 * DAY },
  { id: '30d', ms: 30 * DAY },
] as const;
export type TimeWindowId = (typeof TIME_WINDOWS)[number]['id'];

export function windowMs(id: TimeWindowId): number {
  return TIME_WINDOWS.find((w) => w.id === id)?.ms ?? HOUR;
}

/**
 * Events sorted by time once, so every window query (scrubbing the playback
 * slider) is two binary searches plus the k events inside: O(log n + k).
 */
export interface TimeIndex {
  readonly events: readonly HeatEvent[];
  /** `at` of each event, ascending, for the searches. */
  readonly times: Float64Array;
}

export function buildTimeIndex(events: readonly HeatEvent[]): TimeIndex {
  const sorted = isSortedByTime(events) ? events : [...events].sort((a, b) => a.at - b.at);
  const times = new Float64Array(sorted.length);
  sorted.forEach((e, i) => (times[i] = e.at));
  return { events: sorted, times };
}

function isSortedByTime(events: readonly HeatEvent[]): boolean {
  for (let i = 1; i < events.length; i++) if ((events[i]?.at ?? 0) < (events[i - 1]?.at ?? 0)) return false;
  return true;
}

/** First index whose time is ≥ t (times.length if none). */
export function lowerBound(times: Float64Array, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] ?? 0) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index range [from, to) of events with end - duration < at ≤ end. */
export function windowRange(index: TimeIndex, end: number, duration: number): { from: number; to: number } {
  const from = lowerBound(index.times, end - duration + 1);
  const to = lowerBound(index.times, end + 1);
  return { from, to: Math.max(from, to) };
}

/** The events inside the window (a slice: no copy of the index). */
export function eventsInWindow(index: TimeIndex, end: number, duration: number): readonly HeatEvent[] {
  const { from, to } = windowRange(index, end, duration);
  return index.events.slice(from, to);
}

/** The time span the playback slider covers: first event (or end - 30 d) to end. */
export function playbackSpan(index: TimeIndex, now: number): { start: number; end: number } {
  const first = index.times.length > 0 ? (index.times[0] ?? now) : now;
  const start = Math.min(first, now - HOUR);
  return { start: Math.max(start, now - 30 * DAY), end: now };
}

import { severities, type Severity } from '../../../shared/domain/severity';
import type { AlertsState } from '../../../shared/state/alertsDomain';

const HOUR = 3_600_000;

export type HourRow = { readonly hour: number; readonly label: string } & Readonly<Record<string, number | string>>;

/** Per-hour rows for a stacked bar chart, one key per severity or per type, over the last `hours` hours. */
export function perHour(alerts: AlertsState, by: 'severity' | 'type', now: number, hours: number, label: (hour: number) => string): { rows: HourRow[]; keys: string[] } {
  const end = Math.floor(now / HOUR) * HOUR;
  const start = end - (hours - 1) * HOUR;
  const keys = new Set<string>(by === 'severity' ? severities : []);
  const buckets = new Map<number, Record<string, number>>();
  for (const h of alerts.hourly) {
    if (h.hour < start || h.hour > end) continue;
    const key = by === 'severity' ? h.severity : h.type;
    keys.add(key);
    const b = buckets.get(h.hour) ?? {};
    b[key] = (b[key] ?? 0) + h.count;
    buckets.set(h.hour, b);
  }
  const rows: HourRow[] = [];
  for (let hour = start; hour <= end; hour += HOUR) rows.push({ hour, label: label(hour), ...(buckets.get(hour) ?? {}) });
  return { rows, keys: [...keys] };
}

export interface ResponseRow {
  readonly severity: Severity;
  readonly actual: number;
  readonly target: number;
  readonly count: number;
}

/** Average acknowledgement time of closed alerts per severity, beside that severity's target (seconds). */
export function responseTimes(alerts: AlertsState, targetSec: (severity: Severity) => number): ResponseRow[] {
  const rows: ResponseRow[] = [];
  for (const severity of severities) {
    const acked = alerts.closed.filter((c) => c.severity === severity && c.ackAt !== undefined);
    if (acked.length === 0) continue;
    const total = acked.reduce((s, c) => s + ((c.ackAt ?? c.raisedAt) - c.raisedAt), 0);
    rows.push({ severity, actual: Math.round(total / acked.length / 1000), target: targetSec(severity), count: acked.length });
  }
  return rows;
}

import { severityRank } from '../../../shared/domain/severity';
import type { Severity } from '../../../shared/domain/severity';
import { alertList, isOpen, type AlertsState, type AlertStatus, type AlertView } from '../../../shared/state/alertsDomain';

/** Rows the queue draws at most: at a thousand alerts a second only the top of the queue is readable anyway. */
export const QUEUE_ROWS = 60;

export interface QueueView {
  readonly rows: readonly AlertView[];
  /** Open alerts the filter lets through (all open ones without a filter). */
  readonly open: number;
  /** Open alerts in all, filtered or not. */
  readonly total: number;
}

/** What the operator narrowed the queue to; an empty field lets everything through. */
export interface QueueFilter {
  readonly severities: readonly Severity[];
  readonly status?: AlertStatus | undefined;
  readonly zone?: string | undefined;
  readonly type?: string | undefined;
  /** Words every one of which the alarm's type name, zone name or id contains (any case). */
  readonly text: string;
}

export const NO_FILTER: QueueFilter = { severities: [], text: '' };

export function isFiltered(f: QueueFilter): boolean {
  return f.severities.length > 0 || f.status !== undefined || f.zone !== undefined || f.type !== undefined || f.text.trim() !== '';
}

/** The filter as a test of one alert; names turn codes into the words an operator searches for. */
export function matcher(f: QueueFilter, names: { typeName: (code: string) => string; zoneName: (id: string | undefined) => string }): (a: AlertView) => boolean {
  const words = f.text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return (a) => {
    if (f.severities.length > 0 && !f.severities.includes(a.severity)) return false;
    if (f.status !== undefined && a.status !== f.status) return false;
    if (f.zone !== undefined && a.zone !== f.zone) return false;
    if (f.type !== undefined && a.type !== f.type) return false;
    if (words.length === 0) return true;
    const hay = `${names.typeName(a.type)} ${a.type} ${names.zoneName(a.zone)} ${a.zone ?? ''} ${a.id}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  };
}

/** Open alerts: live before drill, then most severe first, then oldest first (the one waiting longest is on top). */
export function openQueue(alerts: AlertsState, limit = QUEUE_ROWS, keep?: (a: AlertView) => boolean): QueueView {
  const open: AlertView[] = [];
  let total = 0;
  for (const a of alertList(alerts)) {
    if (!isOpen(a)) continue;
    total += 1;
    if (!keep || keep(a)) open.push(a);
  }
  open.sort((a, b) => (a.mode === 'DRILL' ? 1 : 0) - (b.mode === 'DRILL' ? 1 : 0) || severityRank[b.severity] - severityRank[a.severity] || a.raisedAt - b.raisedAt || (a.id < b.id ? -1 : 1));
  return { rows: open.slice(0, limit), open: open.length, total };
}

/** The id after moving the selection by `delta` rows (clamped); the first row when nothing is selected. */
export function moveSelection(rows: readonly AlertView[], selected: string | undefined, delta: number): string | undefined {
  if (rows.length === 0) return undefined;
  const index = rows.findIndex((r) => r.id === selected);
  if (index < 0) return rows[0]?.id;
  return rows[Math.max(0, Math.min(rows.length - 1, index + delta))]?.id;
}

export type KeyAction = 'up' | 'down' | 'ack' | 'assign' | 'note' | 'dispatch' | 'resolve' | 'false-alarm' | 'escalate';

/** The queue's keyboard map. */
export function keyAction(key: string): KeyAction | undefined {
  switch (key) {
    case 'ArrowUp':
      return 'up';
    case 'ArrowDown':
      return 'down';
    default:
      break;
  }
  const map: Record<string, KeyAction> = { a: 'ack', g: 'assign', n: 'note', d: 'dispatch', r: 'resolve', f: 'false-alarm', e: 'escalate' };
  return map[key.toLowerCase()];
}

import { severityRank } from '../../../shared/domain/severity';
import { alertList, isOpen, type AlertsState, type AlertView } from '../../../shared/state/alertsDomain';

/** Rows the queue draws at most: at a thousand alerts a second only the top of the queue is readable anyway. */
export const QUEUE_ROWS = 60;

export interface QueueView {
  readonly rows: readonly AlertView[];
  readonly open: number;
}

/** Open alerts: live before drill, then most severe first, then oldest first (the one waiting longest is on top). */
export function openQueue(alerts: AlertsState, limit = QUEUE_ROWS): QueueView {
  const open: AlertView[] = [];
  for (const a of alertList(alerts)) if (isOpen(a)) open.push(a);
  open.sort((a, b) => (a.mode === 'DRILL' ? 1 : 0) - (b.mode === 'DRILL' ? 1 : 0) || severityRank[b.severity] - severityRank[a.severity] || a.raisedAt - b.raisedAt || (a.id < b.id ? -1 : 1));
  return { rows: open.slice(0, limit), open: open.length };
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

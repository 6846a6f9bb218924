import type { AlertSource, DutyLevel } from '../alerts/schema';
import type { Severity } from '../domain/severity';
import { severityRank } from '../domain/severity';
import type { JournalEntry, Mode } from '../journal/entry';
import { decodeHlc } from '../journal/hlc';
import { domain } from './domain';

export type AlertStatus = 'new' | 'acknowledged' | 'dispatched' | 'resolved' | 'false-alarm' | 'escalated';

export interface AlertHistoryItem {
  /** The journal kind of the step, e.g. `alert.acknowledged`. */
  readonly kind: string;
  /** Recording time of the entry (its HLC wall clock): the same on every console. */
  readonly at: number;
  readonly by: string;
  /** Who it went to, the note, or the reason, when the entry has one. */
  readonly detail?: string;
  /** The step changed nothing (a second acknowledgement from another console). */
  readonly noop?: true;
}

export interface AlertView {
  readonly id: string;
  readonly type: string;
  readonly severity: Severity;
  readonly source: AlertSource;
  readonly mode: Mode;
  readonly floor?: string;
  readonly x?: number;
  readonly y?: number;
  readonly zone?: string;
  readonly camera?: string;
  readonly sensor?: string;
  readonly cameras: readonly string[];
  readonly occurredAt: number;
  /** When the alert entered the journal: response targets run from here. */
  readonly raisedAt: number;
  readonly status: AlertStatus;
  readonly ackAt?: number;
  readonly ackBy?: string;
  readonly dispatchedAt?: number;
  readonly onSceneAt?: number;
  readonly reportedAt?: number;
  readonly escalatedAt?: number;
  readonly resolvedAt?: number;
  readonly assignedTo?: string;
  readonly payload?: Readonly<Record<string, unknown>>;
  readonly history: readonly AlertHistoryItem[];
}

export interface QuarantinedAlert {
  readonly entryId: string;
  readonly at: number;
  readonly source: AlertSource;
  readonly reason: string;
  readonly raw: string;
}

export interface AlertsState {
  /**
   * Alerts by id, in two generations: `recent` holds the newest raises and
   * changes (at most 64 writes, newest last, the newest write of an id
   * shadowing older ones and `byId`), `byId` the rest. Copying a short array
   * per entry is cheap (an object with computed keys is not); the large
   * record is rebuilt once per 64 entries. Read through `alertById` / `alertList`.
   */
  readonly byId: Readonly<Record<string, AlertView>>;
  readonly recent: readonly AlertView[];
  readonly recentCount: number;
  /** Alert ids in raise order. */
  readonly order: readonly string[];
  /** The newest quarantined messages (the last 500). */
  readonly quarantine: readonly QuarantinedAlert[];
  /** 一级/二级/三级勤务: 1 is the highest. */
  readonly dutyLevel: DutyLevel;
  readonly dutyLevelChange?: { readonly at: number; readonly by: string; readonly reason: string };
  /** Alerts raised in all, and how many old ones left memory (they stay in the journal). */
  readonly raised: number;
  readonly evicted: number;
  /** Alerts per hour by type and severity (the last 48 hours). */
  readonly hourly: readonly HourCount[];
  /** The last 500 closed alerts' handling times. */
  readonly closed: readonly ClosedAlert[];
}

const HOUR = 3_600_000;

function countHour(hourly: readonly HourCount[], at: number, type: string, severity: Severity): HourCount[] {
  const hour = Math.floor(at / HOUR) * HOUR;
  const index = hourly.findIndex((h) => h.hour === hour && h.type === type && h.severity === severity);
  const next = hourly.filter((h) => h.hour > hour - HOURLY_KEEP_HOURS * HOUR);
  if (index >= 0) {
    const i = next.findIndex((h) => h.hour === hour && h.type === type && h.severity === severity);
    const h = next[i];
    if (h) next[i] = { ...h, count: h.count + 1 };
    return next;
  }
  next.push({ hour, type, severity, count: 1 });
  return next;
}

/**
 * How many alerts the state holds: the merge of the two generations copies
 * them all, so this bounds the cost during an alert storm. Closed alerts leave
 * first, then the oldest of the lowest severity; the journal keeps everything.
 */
export const MAX_ALERTS = 500;
const EVICT_BATCH = 50;
/** Hours of per-hour counts kept for the charts, and closed alerts kept for response-time charts. */
export const HOURLY_KEEP_HOURS = 48;
export const MAX_CLOSED = 500;

export interface HourCount {
  /** Start of the hour (epoch ms, by recording time). */
  readonly hour: number;
  readonly type: string;
  readonly severity: Severity;
  readonly count: number;
}

/** What the response-time chart needs of a closed alert (kept after the alert leaves memory). */
export interface ClosedAlert {
  readonly id: string;
  readonly type: string;
  readonly severity: Severity;
  readonly raisedAt: number;
  readonly ackAt?: number;
  readonly dispatchedAt?: number;
  readonly closedAt: number;
  readonly falseAlarm: boolean;
}
export const MAX_QUARANTINE = 500;

/** How many alert writes `recent` takes before they move into `byId`. */
const RECENT_MAX = 64;

export function alertById(state: Pick<AlertsState, 'byId' | 'recent'>, id: string): AlertView | undefined {
  for (let i = state.recent.length - 1; i >= 0; i--) {
    const a = state.recent[i] as AlertView;
    if (a.id === id) return a;
  }
  return Object.hasOwn(state.byId, id) ? state.byId[id] : undefined;
}

/** Alerts held in memory, in raise order. */
export function alertList(state: AlertsState): AlertView[] {
  const lookup = lookupIn(state);
  const out: AlertView[] = [];
  for (const id of state.order) {
    const a = lookup(id);
    if (a) out.push(a);
  }
  return out;
}

/** For many lookups at once: the young generation indexed once, newest write of an id winning. */
function lookupIn(state: Pick<AlertsState, 'byId' | 'recent'>, extra?: AlertView): (id: string) => AlertView | undefined {
  const young = new Map<string, AlertView>();
  for (const a of state.recent) young.set(a.id, a);
  if (extra) young.set(extra.id, extra);
  return (id) => young.get(id) ?? (Object.hasOwn(state.byId, id) ? state.byId[id] : undefined);
}

/** Writes an alert into the young generation; when it is full, both merge (and the oldest leave memory if too many). */
function write(state: AlertsState, alert: AlertView, order: readonly string[]): Pick<AlertsState, 'byId' | 'recent' | 'recentCount' | 'order' | 'evicted'> {
  if (state.recentCount < RECENT_MAX) {
    return { byId: state.byId, recent: [...state.recent, alert], recentCount: state.recentCount + 1, order, evicted: state.evicted };
  }
  const lookup = lookupIn(state, alert);
  let kept = order;
  let evicted = state.evicted;
  if (order.length > MAX_ALERTS) {
    const gone = victims(lookup, order, order.length - (MAX_ALERTS - EVICT_BATCH));
    kept = order.filter((key) => !gone.has(key));
    evicted += gone.size;
  }
  // Rebuilt in raise order: the same keys in the same order on every console.
  const byId: Record<string, AlertView> = {};
  for (const key of kept) {
    const a = lookup(key);
    if (a) byId[key] = a;
  }
  return { byId, recent: [], recentCount: 0, order: kept, evicted };
}

export function isOpen(alert: Pick<AlertView, 'status'>): boolean {
  return alert.status !== 'resolved' && alert.status !== 'false-alarm';
}

function entryTime(entry: JournalEntry): number {
  try {
    return decodeHlc(entry.hlc).wall;
  } catch {
    return entry.occurredAt;
  }
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function raise(state: AlertsState, entry: JournalEntry, p: Record<string, unknown>): AlertsState {
  const id = str(p.alertId);
  // A duplicate id (two consoles ingesting the same message) is absorbed: the first in merge order stands.
  if (!id || alertById(state, id) !== undefined) return state;
  const at = entryTime(entry);
  const optional = (key: string, value: string | number | undefined): Record<string, string | number> => (value === undefined ? {} : { [key]: value });
  const alert: AlertView = {
    id,
    type: str(p.type) ?? 'unknown',
    severity: (str(p.severity) as Severity | undefined) ?? 'yellow',
    source: (str(p.source) as AlertSource | undefined) ?? 'manual',
    mode: entry.mode,
    ...optional('floor', str(p.floor)),
    ...optional('x', num(p.x)),
    ...optional('y', num(p.y)),
    ...optional('zone', str(p.zone)),
    ...optional('camera', str(p.camera)),
    ...optional('sensor', str(p.sensor)),
    cameras: Array.isArray(p.cameras) ? p.cameras.filter((c): c is string => typeof c === 'string') : [],
    occurredAt: num(p.occurredAt) ?? entry.occurredAt,
    raisedAt: at,
    status: 'new',
    ...(p.payload && typeof p.payload === 'object' ? { payload: p.payload as Record<string, unknown> } : {}),
    history: [{ kind: entry.kind, at, by: entry.actor }],
  };
  return { ...state, ...write(state, alert, [...state.order, id]), raised: state.raised + 1, hourly: countHour(state.hourly, at, alert.type, alert.severity) };
}

/** The alerts to drop from memory: the oldest closed ones, then the oldest of the lowest severity. */
function victims(lookup: (id: string) => AlertView | undefined, order: readonly string[], count: number): Set<string> {
  const ranked = order.map((id, index) => {
    const a = lookup(id);
    return { id, index, rank: a && isOpen(a) ? severityRank[a.severity] : 0 };
  });
  ranked.sort((x, y) => x.rank - y.rank || x.index - y.index);
  return new Set(ranked.slice(0, count).map((r) => r.id));
}

function step(state: AlertsState, entry: JournalEntry, p: Record<string, unknown>): AlertsState {
  const id = str(p.alertId);
  const alert = id === undefined ? undefined : alertById(state, id);
  if (!id || !alert) return state;
  const at = entryTime(entry);
  const detail = str(p.to) ?? str(p.text) ?? str(p.reason) ?? str(p.note);
  const item = (noop: boolean): AlertHistoryItem => ({
    kind: entry.kind,
    at,
    by: entry.actor,
    ...(detail !== undefined ? { detail } : {}),
    ...(noop ? { noop: true as const } : {}),
  });
  const open = isOpen(alert);
  let next: AlertView;
  switch (entry.kind) {
    case 'alert.acknowledged':
      // Two consoles acknowledging at once: the first in merge order wins; the second is a recorded no-op.
      next =
        alert.ackBy === undefined && open
          ? { ...alert, ackAt: at, ackBy: entry.actor, status: alert.status === 'new' || alert.status === 'escalated' ? 'acknowledged' : alert.status, history: [...alert.history, item(false)] }
          : { ...alert, history: [...alert.history, item(true)] };
      break;
    case 'alert.assigned':
      next = { ...alert, ...(detail !== undefined ? { assignedTo: detail } : {}), history: [...alert.history, item(false)] };
      break;
    case 'alert.note':
      next = { ...alert, history: [...alert.history, item(false)] };
      break;
    case 'alert.dispatched': {
      const to = str(p.to);
      next = open
        ? {
            ...alert,
            status: 'dispatched',
            dispatchedAt: alert.dispatchedAt ?? at,
            ...(to !== undefined ? { assignedTo: to } : {}),
            history: [...alert.history, item(false)],
          }
        : { ...alert, history: [...alert.history, item(true)] };
      break;
    }
    case 'alert.on-scene':
      next = { ...alert, onSceneAt: alert.onSceneAt ?? at, history: [...alert.history, item(!open)] };
      break;
    case 'alert.reported':
      next = { ...alert, reportedAt: at, history: [...alert.history, item(false)] };
      break;
    case 'alert.resolved':
    case 'alert.false-alarm':
      next = open
        ? { ...alert, status: entry.kind === 'alert.resolved' ? 'resolved' : 'false-alarm', resolvedAt: at, history: [...alert.history, item(false)] }
        : { ...alert, history: [...alert.history, item(true)] };
      break;
    case 'alert.escalated': {
      // A system escalation happens once per alert; a repeat (another console's) changes nothing.
      const repeat = !open || (p.by === 'system' && alert.history.some((h) => h.kind === 'alert.escalated' && h.by === 'system' && !h.noop));
      next = repeat
        ? { ...alert, history: [...alert.history, item(true)] }
        : { ...alert, status: 'escalated', escalatedAt: alert.escalatedAt ?? at, history: [...alert.history, item(false)] };
      break;
    }
    default:
      return state;
  }
  let closed = state.closed;
  if (open && !isOpen(next)) {
    const c: ClosedAlert = {
      id,
      type: next.type,
      severity: next.severity,
      raisedAt: next.raisedAt,
      ...(next.ackAt !== undefined ? { ackAt: next.ackAt } : {}),
      ...(next.dispatchedAt !== undefined ? { dispatchedAt: next.dispatchedAt } : {}),
      closedAt: at,
      falseAlarm: next.status === 'false-alarm',
    };
    closed = [...closed.slice(-(MAX_CLOSED - 1)), c];
  }
  return { ...state, ...write(state, next, state.order), closed };
}

/** Alerts: raised, handled, quarantined; and the site's duty level. */
export const alertsDomain = domain<AlertsState>({
  init: () => ({ byId: {}, recent: [], recentCount: 0, order: [], quarantine: [], dutyLevel: 3, raised: 0, evicted: 0, hourly: [], closed: [] }),
  apply: (state, entry) => {
    if (!entry.kind.startsWith('alert.') && entry.kind !== 'duty-level.changed') return state;
    const p = (entry.payload ?? {}) as Record<string, unknown>;
    switch (entry.kind) {
      case 'alert.raised':
        return raise(state, entry, p);
      case 'alert.quarantined': {
        const q: QuarantinedAlert = {
          entryId: entry.id,
          at: entryTime(entry),
          source: (str(p.source) as AlertSource | undefined) ?? 'manual',
          reason: str(p.reason) ?? '',
          raw: str(p.raw) ?? '',
        };
        return { ...state, quarantine: [...state.quarantine.slice(-(MAX_QUARANTINE - 1)), q] };
      }
      case 'duty-level.changed': {
        const level = p.level === 1 || p.level === 2 || p.level === 3 ? p.level : state.dutyLevel;
        return { ...state, dutyLevel: level, dutyLevelChange: { at: entryTime(entry), by: entry.actor, reason: str(p.reason) ?? '' } };
      }
      default:
        return step(state, entry, p);
    }
  },
});

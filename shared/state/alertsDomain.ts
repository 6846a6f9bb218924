import type { AlertSource, DutyLevel } from '../alerts/schema';
import type { PayloadOf } from '../journal/kinds';
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
  /** A closing step's closure code. */
  readonly code?: string;
  /** A plan step's id (`alert.step-done`): the desk shows the step's text in its language. */
  readonly step?: string;
}

/** How an alert was closed: by whom, when, with which code, and what it was before (an undo restores that). */
export interface AlertClosure {
  readonly entryId: string;
  readonly at: number;
  readonly by: string;
  /** Absent on closes recorded before closure codes existed. */
  readonly code?: string;
  readonly note?: string;
  readonly before: AlertStatus;
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
  /** A device time the ingest refused as a clock fault (occurredAt is then the receipt time). */
  readonly deviceTime?: { readonly reported: number; readonly reason: string };
  /** The device id this alarm collided with (same id, different content): kept, shown as a conflict. */
  readonly conflictOf?: string;
  /** When the alert entered the journal: response targets run from here. */
  readonly raisedAt: number;
  readonly status: AlertStatus;
  readonly ackAt?: number;
  readonly ackBy?: string;
  readonly dispatchedAt?: number;
  readonly onSceneAt?: number;
  readonly reportedAt?: number;
  readonly escalatedAt?: number;
  /** Who the escalation went to (the supervisor role, and the roster's supervisor on duty). */
  readonly escalatedTo?: { readonly role: 'supervisor'; readonly person?: string | undefined };
  /** The last handling step a person recorded after raise (acknowledge, assign, note, dispatch, on scene, report). */
  readonly progressAt?: number;
  /** When the console re-alerted for want of progress; it stands until the next handling step (progressAt after it). */
  readonly progressDueAt?: number;
  /** Consoles where the tone was silenced for this alarm (alert.silenced: per console, with a reason). */
  readonly silencedOn?: readonly string[];
  readonly resolvedAt?: number;
  readonly assignedTo?: string;
  /** Response plan steps ticked, by step id: when and by whom (the first tick stands). */
  readonly steps?: Readonly<Record<string, { readonly at: number; readonly by: string }>>;
  /** Set while the alert is closed. */
  readonly closure?: AlertClosure;
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
  readonly code?: string;
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

/** The console re-alerted for want of progress and nobody has recorded a step since: the alarm asks for attention again. */
export function progressDue(alert: Pick<AlertView, 'status' | 'progressAt' | 'progressDueAt'>): boolean {
  return isOpen(alert) && alert.progressDueAt !== undefined && alert.progressDueAt >= (alert.progressAt ?? 0);
}

/** Still waits for a person: not acknowledged (new, escalated), or re-alerted for want of progress. */
export function needsAttention(alert: Pick<AlertView, 'status' | 'progressAt' | 'progressDueAt'>): boolean {
  return alert.status === 'new' || alert.status === 'escalated' || progressDue(alert);
}

function entryTime(entry: JournalEntry): number {
  try {
    return decodeHlc(entry.hlc).wall;
  } catch {
    return entry.occurredAt;
  }
}

function raise(state: AlertsState, entry: JournalEntry, p: PayloadOf<'alert.raised'>): AlertsState {
  const id = p.alertId;
  // A duplicate id (two consoles ingesting the same message) is absorbed: the first in merge order stands.
  if (alertById(state, id) !== undefined) return state;
  const at = entryTime(entry);
  const alert: AlertView = {
    id,
    type: p.type,
    severity: p.severity,
    source: p.source,
    mode: entry.mode,
    ...(p.floor !== undefined ? { floor: p.floor } : {}),
    ...(p.x !== undefined ? { x: p.x } : {}),
    ...(p.y !== undefined ? { y: p.y } : {}),
    ...(p.zone !== undefined ? { zone: p.zone } : {}),
    ...(p.camera !== undefined ? { camera: p.camera } : {}),
    ...(p.sensor !== undefined ? { sensor: p.sensor } : {}),
    cameras: p.cameras,
    occurredAt: p.occurredAt,
    ...(p.deviceTime !== undefined ? { deviceTime: p.deviceTime } : {}),
    ...(p.conflictOf !== undefined ? { conflictOf: p.conflictOf } : {}),
    raisedAt: at,
    status: 'new',
    ...(p.payload !== undefined ? { payload: p.payload } : {}),
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

/** A step in an alert's history; `noop` when it changed nothing (e.g. a second acknowledgement from another console). */
function historyItem(entry: JournalEntry, at: number, detail: string | undefined, noop: boolean): AlertHistoryItem {
  return { kind: entry.kind, at, by: entry.actor, ...(detail !== undefined ? { detail } : {}), ...(noop ? { noop: true as const } : {}) };
}

/** Writes an alert's next view after a handling step, and records its handling times when the step closed it. */
function commit(state: AlertsState, before: AlertView, next: AlertView, at: number): AlertsState {
  let closed = state.closed;
  if (isOpen(before) && !isOpen(next)) {
    const c: ClosedAlert = {
      id: next.id,
      type: next.type,
      severity: next.severity,
      raisedAt: next.raisedAt,
      ...(next.ackAt !== undefined ? { ackAt: next.ackAt } : {}),
      ...(next.dispatchedAt !== undefined ? { dispatchedAt: next.dispatchedAt } : {}),
      closedAt: at,
      falseAlarm: next.status === 'false-alarm',
      ...(next.closure?.code !== undefined ? { code: next.closure.code } : {}),
    };
    closed = [...closed.slice(-(MAX_CLOSED - 1)), c];
  } else if (!isOpen(before) && isOpen(next)) {
    // Reopened (an undo): its handling times no longer count as a closed alert's.
    closed = closed.filter((c) => c.id !== next.id);
  }
  return { ...state, ...write(state, next, state.order), closed };
}

/** A step that only adds to the history (assigned, note, on scene, reported), with what else it sets. */
function noted(state: AlertsState, entry: JournalEntry, alert: AlertView, detail: string | undefined, noop: boolean, set: Partial<AlertView>): AlertsState {
  const at = entryTime(entry);
  return commit(state, alert, { ...alert, ...set, history: [...alert.history, historyItem(entry, at, detail, noop)] }, at);
}

/** Closes an open alert; a second close (another console's) is a recorded no-op. */
function close(state: AlertsState, entry: JournalEntry, p: PayloadOf<'alert.resolved'>, status: 'resolved' | 'false-alarm'): AlertsState {
  const alert = alertById(state, p.alertId);
  if (!alert) return state;
  const at = entryTime(entry);
  const open = isOpen(alert);
  const item = historyItem(entry, at, p.note, !open);
  const history = [...alert.history, p.code !== undefined ? { ...item, code: p.code } : item];
  if (!open) return commit(state, alert, { ...alert, history }, at);
  const closure: AlertClosure = {
    entryId: entry.id,
    at,
    by: entry.actor,
    ...(p.code !== undefined ? { code: p.code } : {}),
    ...(p.note !== undefined ? { note: p.note } : {}),
    before: alert.status,
  };
  return commit(state, alert, { ...alert, status, resolvedAt: at, closure, history }, at);
}

/** An undone close: the alert is open again as it was; a reopen naming another close (or of an open alert) is a recorded no-op. */
function reopen(state: AlertsState, entry: JournalEntry, p: PayloadOf<'alert.reopened'>): AlertsState {
  const alert = alertById(state, p.alertId);
  if (!alert) return state;
  const at = entryTime(entry);
  const closure = alert.closure;
  const applies = !isOpen(alert) && closure?.entryId === p.closedEntry;
  const history = [...alert.history, historyItem(entry, at, undefined, !applies)];
  if (!applies || !closure) return commit(state, alert, { ...alert, history }, at);
  const { closure: _gone, resolvedAt: _time, ...rest } = alert;
  return commit(state, alert, { ...rest, status: closure.before, history }, at);
}

/** Alerts: raised, handled, quarantined; and the site's duty level. */
export const alertsDomain = domain<AlertsState>({
  init: () => ({ byId: {}, recent: [], recentCount: 0, order: [], quarantine: [], dutyLevel: 3, raised: 0, evicted: 0, hourly: [], closed: [] }),
  on: {
    'alert.raised': (state, p, entry) => raise(state, entry, p),
    'alert.acknowledged': (state, p, entry) => {
      const alert = alertById(state, p.alertId);
      if (!alert) return state;
      const at = entryTime(entry);
      // Two consoles acknowledging at once: the first in merge order wins; the second is a recorded no-op.
      const first = alert.ackBy === undefined && isOpen(alert);
      const history = [...alert.history, historyItem(entry, at, undefined, !first)];
      const status = alert.status === 'new' || alert.status === 'escalated' ? 'acknowledged' : alert.status;
      return commit(state, alert, first ? { ...alert, ackAt: at, ackBy: entry.actor, status, progressAt: at, history } : { ...alert, history }, at);
    },
    'alert.assigned': (state, p, entry) => {
      const alert = alertById(state, p.alertId);
      return alert ? noted(state, entry, alert, p.to, false, { assignedTo: p.to, progressAt: entryTime(entry) }) : state;
    },
    'alert.note': (state, p, entry) => {
      const alert = alertById(state, p.alertId);
      return alert ? noted(state, entry, alert, p.text, false, { progressAt: entryTime(entry) }) : state;
    },
    'alert.dispatched': (state, p, entry) => {
      const alert = alertById(state, p.alertId);
      if (!alert) return state;
      const at = entryTime(entry);
      const open = isOpen(alert);
      const history = [...alert.history, historyItem(entry, at, p.to ?? p.note, !open)];
      return commit(
        state,
        alert,
        open ? { ...alert, status: 'dispatched', dispatchedAt: alert.dispatchedAt ?? at, progressAt: at, ...(p.to !== undefined ? { assignedTo: p.to } : {}), history } : { ...alert, history },
        at,
      );
    },
    'alert.on-scene': (state, p, entry) => {
      const alert = alertById(state, p.alertId);
      return alert ? noted(state, entry, alert, p.note, !isOpen(alert), { onSceneAt: alert.onSceneAt ?? entryTime(entry), progressAt: entryTime(entry) }) : state;
    },
    'alert.reported': (state, p, entry) => {
      const alert = alertById(state, p.alertId);
      return alert ? noted(state, entry, alert, p.to, false, { reportedAt: entryTime(entry), progressAt: entryTime(entry) }) : state;
    },
    'alert.step-done': (state, p, entry) => {
      const alert = alertById(state, p.alertId);
      if (!alert) return state;
      const at = entryTime(entry);
      // A step ticked twice (two desks at once) keeps the first tick; the second is a recorded no-op.
      const repeat = alert.steps?.[p.step] !== undefined;
      const detail = typeof p.text === 'string' ? p.text : (p.text['zh-CN'] ?? p.text.en);
      const history = [...alert.history, { ...historyItem(entry, at, detail, repeat), step: p.step }];
      return commit(state, alert, repeat ? { ...alert, history } : { ...alert, steps: { ...alert.steps, [p.step]: { at, by: entry.actor } }, progressAt: at, history }, at);
    },
    'alert.resolved': (state, p, entry) => close(state, entry, p, 'resolved'),
    'alert.false-alarm': (state, p, entry) => close(state, entry, p, 'false-alarm'),
    'alert.reopened': (state, p, entry) => reopen(state, entry, p),
    'alert.escalated': (state, p, entry) => {
      const alert = alertById(state, p.alertId);
      if (!alert) return state;
      const at = entryTime(entry);
      // A system escalation happens once per alert; a repeat (another console's) changes nothing.
      const repeat = !isOpen(alert) || (p.by === 'system' && alert.history.some((h) => h.kind === 'alert.escalated' && h.by === 'system' && !h.noop));
      const history = [...alert.history, historyItem(entry, at, p.reason, repeat)];
      const to = p.to !== undefined && alert.escalatedTo === undefined ? { escalatedTo: p.to } : {};
      return commit(state, alert, repeat ? { ...alert, history } : { ...alert, status: 'escalated', escalatedAt: alert.escalatedAt ?? at, ...to, history }, at);
    },
    'alert.progress-due': (state, p, entry) => {
      const alert = alertById(state, p.alertId);
      if (!alert) return state;
      const at = entryTime(entry);
      // Once per quiet spell: a second console's re-alert for the same spell changes nothing.
      const repeat = !isOpen(alert) || progressDue(alert);
      const history = [...alert.history, historyItem(entry, at, undefined, repeat)];
      return commit(state, alert, repeat ? { ...alert, history } : { ...alert, progressDueAt: at, history }, at);
    },
    'alert.silenced': (state, p, entry) => {
      let next = state;
      const at = entryTime(entry);
      for (const id of new Set(p.alertIds)) {
        const alert = alertById(next, id);
        if (!alert) continue;
        const already = alert.silencedOn?.includes(entry.console) ?? false;
        const history = [...alert.history, historyItem(entry, at, p.reason, already)];
        next = commit(next, alert, already ? { ...alert, history } : { ...alert, silencedOn: [...(alert.silencedOn ?? []), entry.console], history }, at);
      }
      return next;
    },
    'alert.quarantined': (state, p, entry) => {
      const q: QuarantinedAlert = { entryId: entry.id, at: entryTime(entry), source: p.source, reason: p.reason, raw: p.raw };
      return { ...state, quarantine: [...state.quarantine.slice(-(MAX_QUARANTINE - 1)), q] };
    },
    'duty-level.changed': (state, p, entry) => ({ ...state, dutyLevel: p.level, dutyLevelChange: { at: entryTime(entry), by: entry.actor, reason: p.reason } }),
  },
});

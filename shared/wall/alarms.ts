import type { Severity } from '../domain/severity';
import type { AlertStatus } from '../state/alertsDomain';

/**
 * Alarm pop-ups on the wall, as a pure function of the open alerts and the
 * time. An alert linked to a camera (its own cameras, else its zone's
 * cameras) pops that camera up; a red or orange alert no camera covers still
 * takes a slot, as a card with its type, zone and floor (nothing serious goes
 * unseen because a fence has no camera). A pop-up holds for at least
 * `minHoldMs` and, beyond that, until it is acknowledged at the desk. Live
 * alerts before drill alerts, then the most severe, then the oldest, get the
 * site's number of slots; the rest wait, and the wall says how many.
 *
 * The input is a minimal shape of the alerts fold's alerts, made by
 * `wallAlarms` (shared/state/wallAlarms.ts): the status and time are the
 * alerts fold's, so the wall and the desk never disagree about an alert.
 */
export type AlarmSeverity = Severity;
export type AlarmStatus = AlertStatus;

export interface AlarmInput {
  readonly alertId: string;
  readonly type: string;
  readonly severity: AlarmSeverity;
  readonly status: AlarmStatus;
  /** Linked cameras from the alert itself (alert.cameras). */
  readonly cameras: readonly string[];
  readonly zone?: string | undefined;
  readonly floor?: string | undefined;
  /** When the alert was recorded (the alerts fold's `raisedAt`: its entry's HLC time, ms). */
  readonly raisedAt: number;
  readonly mode: 'LIVE' | 'DRILL';
}

export interface AlarmPopup {
  readonly alertId: string;
  /** The camera popped up; undefined for a card (no camera covers the alarm). */
  readonly camera: string | undefined;
  readonly type: string;
  readonly zone: string | undefined;
  readonly floor: string | undefined;
  readonly severity: AlarmSeverity;
  readonly mode: 'LIVE' | 'DRILL';
  readonly raisedAt: number;
  /** The pop-up stays at least until then, acknowledged or not. */
  readonly holdUntil: number;
  /** Still waiting for acknowledgement at the desk. */
  readonly awaitingAck: boolean;
}

export interface AlarmPopupOptions {
  /** Minimum time a pop-up stays on the wall (default 10 s). */
  readonly minHoldMs?: number;
  /** Alarm slots on the wall (default DEFAULT_ALARM_SLOTS; the site file's `wall.alarmSlots`). */
  readonly slots?: number;
  /** Cameras of each zone, for alerts that name only a zone. */
  readonly zoneCameras?: Readonly<Record<string, readonly string[]>>;
}

export interface AlarmPopups {
  readonly shown: readonly AlarmPopup[];
  /** Alerts that want a slot but wait for one. */
  readonly waiting: number;
}

const SEVERITY_RANK: Readonly<Record<AlarmSeverity, number>> = { red: 0, orange: 1, yellow: 2, blue: 3 };
export const DEFAULT_MIN_HOLD_MS = 10_000;
/** Alarms a wall shows at once unless the site file says otherwise. */
export const DEFAULT_ALARM_SLOTS = 2;
/** Severities that reach the wall even when no camera covers them. */
const CARD_SEVERITIES: ReadonlySet<AlarmSeverity> = new Set(['red', 'orange']);

/** Statuses in which an alert still waits for the desk. */
const AWAITING: ReadonlySet<AlarmStatus> = new Set(['new', 'escalated']);

type Ranked = Pick<AlarmInput, 'alertId' | 'severity' | 'mode' | 'raisedAt'>;

/**
 * The order alarms claim attention in, everywhere (wall slots, the desk's
 * plan): live before drill whatever the severity (a drill never keeps a real
 * alarm waiting), then the most severe, then the oldest.
 */
export function alarmPriority(x: Ranked, y: Ranked): number {
  return (
    (x.mode === 'DRILL' ? 1 : 0) - (y.mode === 'DRILL' ? 1 : 0) ||
    SEVERITY_RANK[x.severity] - SEVERITY_RANK[y.severity] ||
    x.raisedAt - y.raisedAt ||
    (x.alertId < y.alertId ? -1 : x.alertId > y.alertId ? 1 : 0)
  );
}

export function alarmPopups(alerts: readonly AlarmInput[], now: number, options: AlarmPopupOptions = {}): AlarmPopups {
  const minHold = options.minHoldMs ?? DEFAULT_MIN_HOLD_MS;
  const slots = Math.max(0, options.slots ?? DEFAULT_ALARM_SLOTS);
  const wanting: AlarmPopup[] = [];
  for (const a of alerts) {
    const camera = a.cameras[0] ?? (a.zone !== undefined ? options.zoneCameras?.[a.zone]?.[0] : undefined);
    if (camera === undefined && !CARD_SEVERITIES.has(a.severity)) continue;
    const awaitingAck = AWAITING.has(a.status);
    const holdUntil = a.raisedAt + minHold;
    // Closed (resolved/false alarm) or acknowledged alerts still hold their minimum time, then leave.
    if (!awaitingAck && now >= holdUntil) continue;
    if (now < a.raisedAt) continue;
    wanting.push({ alertId: a.alertId, camera, type: a.type, zone: a.zone, floor: a.floor, severity: a.severity, mode: a.mode, raisedAt: a.raisedAt, holdUntil, awaitingAck });
  }
  wanting.sort(alarmPriority);
  return { shown: wanting.slice(0, slots), waiting: Math.max(0, wanting.length - slots) };
}

/** When the pop-ups could next change by time alone (a hold running out), for scheduling a re-render. */
export function nextAlarmChange(alerts: readonly AlarmInput[], now: number, minHoldMs = DEFAULT_MIN_HOLD_MS): number | undefined {
  let next: number | undefined;
  for (const a of alerts) {
    const t = a.raisedAt + minHoldMs;
    if (t > now && (next === undefined || t < next)) next = t;
  }
  return next;
}

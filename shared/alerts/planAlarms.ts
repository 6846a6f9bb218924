import type { Severity } from '../domain/severity';
import { placeOf, type PlaceLookup } from '../heatmap/fromAlerts';
import type { Mode } from '../journal/entry';
import { alertList, isOpen, type AlertsState } from '../state/alertsDomain';
import { alarmPriority } from '../wall/alarms';

/** An open alarm as a floor plan marks it: its floor, zone and point, and whether it still waits for a person. */
export interface PlanAlarm {
  readonly alertId: string;
  readonly severity: Severity;
  readonly mode: Mode;
  readonly raisedAt: number;
  readonly floor: string;
  readonly zone: string | undefined;
  readonly x: number;
  readonly y: number;
  /** Not yet acknowledged (new or escalated): the zone flashes. */
  readonly awaitingAck: boolean;
}

/** Severities a plan marks: the ones that must never go unseen. */
const MARKED: ReadonlySet<Severity> = new Set(['red', 'orange']);

/**
 * The open red and orange alarms that have a place on the site (own point,
 * zone, or camera), in the order they claim attention (shared/wall/alarms.ts
 * alarmPriority). A camera is not needed: a fence climb with no camera is
 * marked on the plan all the same.
 */
export function planAlarms(alerts: AlertsState, site: PlaceLookup): PlanAlarm[] {
  const zones = new Map(site.zones.map((z) => [z.id, z]));
  const cameras = new Map(site.cameras.map((c) => [c.id, c]));
  const places = { zone: (id: string) => zones.get(id), camera: (id: string) => cameras.get(id) };
  const out: PlanAlarm[] = [];
  for (const a of alertList(alerts)) {
    if (!MARKED.has(a.severity) || !isOpen(a)) continue;
    const place = placeOf(a, places);
    if (!place) continue;
    out.push({
      alertId: a.id,
      severity: a.severity,
      mode: a.mode,
      raisedAt: a.raisedAt,
      floor: place.floor,
      zone: a.zone,
      x: place.x,
      y: place.y,
      awaitingAck: a.status === 'new' || a.status === 'escalated',
    });
  }
  return out.sort(alarmPriority);
}

/** The alarm the plan turns to: the first in priority that still waits for acknowledgement. */
export function planFocus(alarms: readonly PlanAlarm[]): PlanAlarm | undefined {
  return alarms.find((a) => a.awaitingAck);
}

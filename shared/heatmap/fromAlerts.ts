import type { Point } from '../domain/ids';
import { polygonCentroid } from '../site/geometry';
import { alertList, isOpen, type AlertsState } from '../state/alertsDomain';
import type { HeatEvent } from './types';

export interface PlaceLookup {
  readonly zones: readonly { readonly id: string; readonly floor: string; readonly polygon: readonly Point[] }[];
  readonly cameras: readonly { readonly id: string; readonly floor: string; readonly position: Point }[];
}

/**
 * The heat map's events from the alerts fold: where (the alert's own point,
 * else its zone's centre, else its camera's position) and when, weighted by
 * severity; alerts with no place are left out. Drill alerts count only while
 * a drill runs (they must not colour the live picture afterwards).
 */
export function heatEventsFromAlerts(alerts: AlertsState, site: PlaceLookup, includeDrill: boolean, label?: (type: string) => string): HeatEvent[] {
  const zones = new Map(site.zones.map((z) => [z.id, z]));
  const cameras = new Map(site.cameras.map((c) => [c.id, c]));
  const places = { zone: (id: string) => zones.get(id), camera: (id: string) => cameras.get(id) };
  const out: HeatEvent[] = [];
  for (const a of alertList(alerts)) {
    if (a.mode === 'DRILL' && !includeDrill) continue;
    const place = placeOf(a, places);
    if (!place) continue;
    out.push({ ...place, severity: a.severity, at: a.occurredAt, zone: a.zone, open: isOpen(a), label: label ? label(a.type) : a.type });
  }
  return out;
}

/** The place of an alert as raised (payload of `alert.raised`), resolved like heatEventsFromAlerts. */
export function heatEventFromRaised(
  p: { readonly alertId?: string; readonly type: string; readonly severity: HeatEvent['severity']; readonly floor?: string; readonly x?: number; readonly y?: number; readonly zone?: string; readonly camera?: string; readonly occurredAt: number },
  site: PlaceLookup,
): (HeatEvent & { readonly id: string }) | undefined {
  const place = placeOf(p, { zone: (id) => site.zones.find((z) => z.id === id), camera: (id) => site.cameras.find((c) => c.id === id) });
  return place ? { id: p.alertId ?? '', ...place, severity: p.severity, at: p.occurredAt, zone: p.zone, open: false, label: p.type } : undefined;
}

/** Where an alert is drawn: its own point, else its zone's centre, else its camera's position; undefined when it has none. */
export function placeOf(
  a: { readonly floor?: string | undefined; readonly x?: number | undefined; readonly y?: number | undefined; readonly zone?: string | undefined; readonly camera?: string | undefined },
  places: { zone(id: string): PlaceLookup['zones'][number] | undefined; camera(id: string): PlaceLookup['cameras'][number] | undefined },
): { floor: string; x: number; y: number } | undefined {
  if (a.floor !== undefined && a.x !== undefined && a.y !== undefined) return { floor: a.floor, x: a.x, y: a.y };
  const zone = a.zone ? places.zone(a.zone) : undefined;
  if (zone) {
    const [x, y] = polygonCentroid(zone.polygon);
    return { floor: zone.floor, x, y };
  }
  const camera = a.camera ? places.camera(a.camera) : undefined;
  if (camera) return { floor: camera.floor, x: camera.position[0], y: camera.position[1] };
  return undefined;
}

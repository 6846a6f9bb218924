import type { Point } from '../domain/ids';
import { polygonCentroid } from '../site/geometry';
import { alertList, type AlertsState } from '../state/alertsDomain';
import type { HeatEvent } from './types';

interface PlaceLookup {
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
  const out: HeatEvent[] = [];
  for (const a of alertList(alerts)) {
    if (a.mode === 'DRILL' && !includeDrill) continue;
    let floor = a.floor;
    let x = a.x;
    let y = a.y;
    if (floor === undefined || x === undefined || y === undefined) {
      const zone = a.zone ? zones.get(a.zone) : undefined;
      const camera = a.camera ? cameras.get(a.camera) : undefined;
      if (zone) {
        [x, y] = polygonCentroid(zone.polygon);
        floor = zone.floor;
      } else if (camera) {
        [x, y] = camera.position;
        floor = camera.floor;
      } else continue;
    }
    out.push({
      floor,
      x,
      y,
      severity: a.severity,
      at: a.occurredAt,
      zone: a.zone,
      open: a.status !== 'resolved' && a.status !== 'false-alarm',
      label: label ? label(a.type) : a.type,
    });
  }
  return out;
}

/** The place of an alert as raised (payload of `alert.raised`), resolved like heatEventsFromAlerts. */
export function heatEventFromRaised(
  p: { readonly alertId?: string; readonly type: string; readonly severity: HeatEvent['severity']; readonly floor?: string; readonly x?: number; readonly y?: number; readonly zone?: string; readonly camera?: string; readonly occurredAt: number },
  site: PlaceLookup,
): (HeatEvent & { readonly id: string }) | undefined {
  let floor = p.floor;
  let x = p.x;
  let y = p.y;
  if (floor === undefined || x === undefined || y === undefined) {
    const zone = p.zone ? site.zones.find((z) => z.id === p.zone) : undefined;
    const camera = p.camera ? site.cameras.find((c) => c.id === p.camera) : undefined;
    if (zone) {
      [x, y] = polygonCentroid(zone.polygon);
      floor = zone.floor;
    } else if (camera) {
      [x, y] = camera.position;
      floor = camera.floor;
    } else return undefined;
  }
  return { id: p.alertId ?? '', floor, x, y, severity: p.severity, at: p.occurredAt, zone: p.zone, open: false, label: p.type };
}

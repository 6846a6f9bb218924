import type { Point } from '../domain/ids';
import { pointInPolygon } from '../site/geometry';
import type { HeatEvent } from './types';

export interface ZoneShape {
  readonly id: string;
  readonly floor: string;
  readonly polygon: readonly Point[];
}

/**
 * Events per zone. An event's own `zone` (assigned at ingest) wins; one
 * without it is placed by point-in-polygon among its floor's zones, first
 * match in site order — the same rule ingest uses.
 */
export function zoneCounts(events: Iterable<HeatEvent>, zones: readonly ZoneShape[] = []): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of events) {
    const zone = e.zone ?? zones.find((z) => z.floor === e.floor && pointInPolygon([e.x, e.y], z.polygon))?.id;
    if (zone !== undefined) counts.set(zone, (counts.get(zone) ?? 0) + 1);
  }
  return counts;
}

/** Open (not yet resolved) events per floor, for the floor tabs. */
export function activeCountsByFloor(events: Iterable<HeatEvent>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of events) if (e.open) counts.set(e.floor, (counts.get(e.floor) ?? 0) + 1);
  return counts;
}

/** Events of one zone, newest first (the list a zone click opens). */
export function eventsOfZone(events: readonly HeatEvent[], zone: ZoneShape, limit = 50): HeatEvent[] {
  const out: HeatEvent[] = [];
  for (let i = events.length - 1; i >= 0 && out.length < limit; i--) {
    const e = events[i];
    if (!e) continue;
    const inZone = e.zone !== undefined ? e.zone === zone.id : e.floor === zone.floor && pointInPolygon([e.x, e.y], zone.polygon);
    if (inZone) out.push(e);
  }
  return out;
}

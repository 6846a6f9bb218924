import type { Point } from '../domain/ids';
import type { SiteFile } from '../site/schema';
import { pointInPolygon } from '../site/geometry';
import { AlertMessageSchema, type AlertMessage, type AlertRaised, type AlertSource } from './schema';

/** The parts of the site an alert is checked and placed against. */
export type AlertSite = Pick<SiteFile, 'alertTypes' | 'floors' | 'zones' | 'cameras' | 'sensors'>;

export type ParseResult = { readonly ok: true; readonly alert: AlertRaised } | { readonly ok: false; readonly reason: string };

/**
 * Checks a raw alert message (JSON text or an already parsed value) against
 * the schema and the site, and places it: a sensor or camera gives its floor
 * and zone, a floor position is assigned to the zone containing it (point in
 * polygon), and the linked cameras are the explicit camera, the sensor's
 * cameras and the cameras of the zone. Never throws: a refusal carries a
 * reason naming the field, for the quarantine list.
 */
export function parseAlert(raw: unknown, site: AlertSite, source: AlertSource): ParseResult {
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw) as unknown;
    } catch (err) {
      return { ok: false, reason: `not JSON: ${err instanceof Error ? err.message : String(err)}` };
    }
  }
  const parsed = AlertMessageSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : 'message';
    return { ok: false, reason: `${path}: ${issue?.message ?? 'invalid'}` };
  }
  try {
    return place(parsed.data, site, source);
  } catch (err) {
    // Defensive: a site shape we did not expect must still end in quarantine, not a crash.
    return { ok: false, reason: `message: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function place(m: AlertMessage, site: AlertSite, source: AlertSource): ParseResult {
  const type = site.alertTypes.find((t) => t.code === m.type);
  if (!type) return { ok: false, reason: `type: "${m.type}" is not in the site's alert catalogue` };
  const occurredAt = typeof m.occurredAt === 'number' ? m.occurredAt : Date.parse(m.occurredAt);
  if (!Number.isFinite(occurredAt) || occurredAt <= 0) return { ok: false, reason: 'occurredAt: not a valid time' };
  if ((m.x === undefined) !== (m.y === undefined)) return { ok: false, reason: `${m.x === undefined ? 'x' : 'y'}: a position needs both x and y` };

  const sensor = m.sensor === undefined ? undefined : site.sensors.find((s) => s.id === m.sensor);
  if (m.sensor !== undefined && !sensor) return { ok: false, reason: `sensor: "${m.sensor}" is not on this site` };
  const camera = m.camera === undefined ? undefined : site.cameras.find((c) => c.id === m.camera);
  if (m.camera !== undefined && !camera) return { ok: false, reason: `camera: "${m.camera}" is not on this site` };
  if (m.zone !== undefined && !site.zones.some((z) => z.id === m.zone)) return { ok: false, reason: `zone: "${m.zone}" is not on this site` };
  if (m.floor !== undefined && !site.floors.some((f) => f.id === m.floor)) return { ok: false, reason: `floor: "${m.floor}" is not on this site` };

  const floor = m.floor ?? sensor?.floor ?? camera?.floor ?? site.zones.find((z) => z.id === m.zone)?.floor;
  if (m.x !== undefined && floor === undefined) return { ok: false, reason: 'floor: a position in metres needs a floor (or a sensor, camera or zone that has one)' };
  // A sensor's place stands in for a position the device did not send (the heat map needs a point).
  const position: Point | undefined = m.x !== undefined && m.y !== undefined ? [m.x, m.y] : sensor ? sensor.position : undefined;
  let zone = m.zone ?? sensor?.zone;
  if (zone === undefined && position && floor !== undefined) zone = zoneAt(site, floor, position);
  zone ??= camera?.zone;

  const cameras = new Set<string>();
  if (camera) cameras.add(camera.id);
  for (const c of sensor?.cameras ?? []) cameras.add(c);
  if (zone !== undefined) for (const c of site.cameras) if (c.zone === zone) cameras.add(c.id);

  const alert: AlertRaised = {
    alertId: m.id,
    source,
    type: type.code,
    severity: m.severity ?? type.severity,
    ...(floor !== undefined ? { floor } : {}),
    ...(position ? { x: position[0], y: position[1] } : {}),
    ...(zone !== undefined ? { zone } : {}),
    ...(camera ? { camera: camera.id } : {}),
    ...(sensor ? { sensor: sensor.id } : {}),
    cameras: [...cameras].slice(0, 64),
    occurredAt,
    mode: m.mode,
    ...(m.payload ? { payload: m.payload } : {}),
  };
  return { ok: true, alert };
}

/** The zone of a floor containing a point; the smallest when zones nest (a cordon inside a yard). */
export function zoneAt(site: Pick<AlertSite, 'zones'>, floor: string, point: Point): string | undefined {
  let best: { id: string; area: number } | undefined;
  for (const z of site.zones) {
    if (z.floor !== floor || !pointInPolygon(point, z.polygon)) continue;
    const area = polygonArea(z.polygon);
    if (!best || area < best.area) best = { id: z.id, area };
  }
  return best?.id;
}

function polygonArea(polygon: readonly Point[]): number {
  let sum = 0;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const a = polygon[j];
    const b = polygon[i];
    if (a && b) sum += a[0] * b[1] - b[0] * a[1];
  }
  return Math.abs(sum) / 2;
}

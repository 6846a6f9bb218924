import { ConsoleError } from '../errors';
import { MIN_CALIBRATION_PX, type PlanEdit } from './edit';

type Json = Record<string, unknown>;

export interface AppliedEdit {
  /** The whole site file, changed (not yet validated). */
  readonly site: Json;
  readonly floor: string;
  /** Human summary for the journal entry. */
  readonly what: string;
}

/** What the editor learnt from an imported image (saved by the core before this runs). */
export interface ImportedImage {
  readonly path: string;
  readonly widthPx: number;
  readonly heightPx: number;
}

/**
 * Applies one plan edit to the raw site file (a deep copy: the input is not
 * touched). Edits keep every field the author wrote; the caller validates the
 * result with SiteFileSchema before anything is written.
 */
export function applyPlanEdit(raw: Json, edit: PlanEdit, image?: ImportedImage): AppliedEdit {
  const site = JSON.parse(JSON.stringify(raw)) as Json;
  const floors = arrayField(site, 'floors');
  switch (edit.op) {
    case 'import-plan': {
      if (!image) throw new ConsoleError('internal', 'import-plan without a saved image');
      const existing = floors.find((f) => f.id === edit.floor);
      if (existing) {
        const plan = objectField(existing, 'plan');
        // Keep the scale per pixel; a new image usually needs re-calibrating, which the UI offers next.
        existing.plan = { ...plan, image: image.path, widthPx: image.widthPx, heightPx: image.heightPx };
        return { site, floor: edit.floor, what: `plan image replaced by ${image.path} (${image.widthPx}×${image.heightPx} px)` };
      }
      if (edit.name === undefined || edit.level === undefined) {
        throw new ConsoleError('invalid-argument', 'a new floor needs a name and a level', [
          ...(edit.name === undefined ? [{ path: 'name', message: 'required for a new floor' }] : []),
          ...(edit.level === undefined ? [{ path: 'level', message: 'required for a new floor' }] : []),
        ]);
      }
      floors.push({
        id: edit.floor,
        name: edit.name,
        level: edit.level,
        plan: { image: image.path, widthPx: image.widthPx, heightPx: image.heightPx, metresPerPixel: 0.05 },
      });
      return { site, floor: edit.floor, what: `floor added with plan ${image.path}` };
    }
    case 'calibrate': {
      const floor = findFloor(floors, edit.floor);
      const plan = objectField(floor, 'plan');
      const px = Math.hypot(edit.b[0] - edit.a[0], edit.b[1] - edit.a[1]);
      if (px < MIN_CALIBRATION_PX) {
        throw new ConsoleError('invalid-argument', `the two points are ${px.toFixed(1)} px apart; pick points at least ${MIN_CALIBRATION_PX} px apart`, [
          { path: 'b', message: `too close to the first point (${px.toFixed(1)} px)` },
        ]);
      }
      const old = typeof plan.metresPerPixel === 'number' ? plan.metresPerPixel : 1;
      const mpp = edit.distanceM / px;
      floor.plan = { ...plan, metresPerPixel: mpp };
      // Everything on this floor is placed in metres over the image: rescale it so it stays
      // over the same spot of the image.
      rescaleFloor(site, edit.floor, mpp / old);
      return { site, floor: edit.floor, what: `scale ${mpp.toPrecision(4)} m/px (${edit.distanceM} m over ${px.toFixed(1)} px)` };
    }
    case 'zone': {
      findFloor(floors, edit.zone.floor);
      const zones = arrayField(site, 'zones');
      const at = zones.findIndex((z) => z.id === edit.zone.id);
      // Keep fields this editor does not manage (warden, capacity).
      const next = { ...(at >= 0 ? zones[at] : {}), ...edit.zone, polygon: edit.zone.polygon.map((p) => [round(p[0]), round(p[1])]) };
      if (at >= 0) zones[at] = next;
      else zones.push(next);
      return { site, floor: edit.zone.floor, what: `zone ${edit.zone.id} ${at >= 0 ? 'changed' : 'added'} (${edit.zone.polygon.length} corners)` };
    }
    case 'delete-zone': {
      const zones = arrayField(site, 'zones');
      const at = zones.findIndex((z) => z.id === edit.id);
      if (at < 0) throw new ConsoleError('not-found', `no zone "${edit.id}"`, [{ path: 'id', message: 'unknown zone' }]);
      const raw = zones[at]?.floor;
      const floor = typeof raw === 'string' ? raw : '';
      zones.splice(at, 1);
      return { site, floor, what: `zone ${edit.id} deleted` };
    }
    case 'camera': {
      findFloor(floors, edit.floor);
      const camera = arrayField(site, 'cameras').find((c) => c.id === edit.camera);
      if (!camera) throw new ConsoleError('not-found', `no camera "${edit.camera}" on this site`, [{ path: 'camera', message: 'unknown camera' }]);
      camera.floor = edit.floor;
      const position = [round(edit.position[0]), round(edit.position[1])];
      camera.position = position;
      camera.heading = round(edit.heading);
      camera.fov = round(edit.fov);
      if (edit.range !== undefined) camera.range = round(edit.range);
      return { site, floor: edit.floor, what: `camera ${edit.camera} placed at ${position.join(', ')} heading ${round(edit.heading)}°` };
    }
  }
}

function rescaleFloor(site: Json, floor: string, factor: number): void {
  const scale = (p: unknown): unknown => (Array.isArray(p) && p.length === 2 ? [round(Number(p[0]) * factor), round(Number(p[1]) * factor)] : p);
  for (const zone of arrayField(site, 'zones')) {
    if (zone.floor === floor && Array.isArray(zone.polygon)) zone.polygon = zone.polygon.map(scale);
  }
  for (const camera of arrayField(site, 'cameras')) {
    if (camera.floor === floor) camera.position = scale(camera.position);
  }
  for (const sensor of arrayField(site, 'sensors')) {
    if (sensor.floor !== floor) continue;
    sensor.position = scale(sensor.position);
    if (sensor.to !== undefined) sensor.to = scale(sensor.to);
  }
}

/** Centimetres are plenty for a plan; keeps the site file readable. */
function round(v: number): number {
  return Math.round(v * 100) / 100;
}

function findFloor(floors: Json[], id: string): Json {
  const floor = floors.find((f) => f.id === id);
  if (!floor) throw new ConsoleError('not-found', `no floor "${id}" on this site`, [{ path: 'floor', message: 'unknown floor' }]);
  return floor;
}

function arrayField(obj: Json, key: string): Json[] {
  const value = obj[key];
  if (value === undefined) {
    const created: Json[] = [];
    obj[key] = created;
    return created;
  }
  if (!Array.isArray(value)) throw new ConsoleError('invalid-site', `the site file's "${key}" is not a list`, [{ path: key, message: 'must be a list' }]);
  return value as Json[];
}

function objectField(obj: Json, key: string): Json {
  const value = obj[key];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConsoleError('invalid-site', `"${key}" is not an object`, [{ path: key, message: 'must be an object' }]);
  }
  return value as Json;
}

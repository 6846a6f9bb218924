import type { Point } from '../domain/ids';

/** Even-odd ray casting; points on an edge may fall either way. */
export function pointInPolygon(point: Point, polygon: readonly Point[]): boolean {
  const [x, y] = point;
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const pi = polygon[i];
    const pj = polygon[j];
    if (!pi || !pj) continue;
    const [xi, yi] = pi;
    const [xj, yj] = pj;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Area-weighted centroid, for placing a zone's label; falls back to the vertex mean. */
export function polygonCentroid(polygon: readonly Point[]): Point {
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const pi = polygon[i];
    const pj = polygon[j];
    if (!pi || !pj) continue;
    const cross = pj[0] * pi[1] - pi[0] * pj[1];
    area += cross;
    cx += (pj[0] + pi[0]) * cross;
    cy += (pj[1] + pi[1]) * cross;
  }
  if (Math.abs(area) < 1e-9) {
    const n = Math.max(polygon.length, 1);
    return [polygon.reduce((s, p) => s + p[0], 0) / n, polygon.reduce((s, p) => s + p[1], 0) / n];
  }
  return [cx / (3 * area), cy / (3 * area)];
}

/**
 * The wedge a camera sees on the plan, as polygon points in metres.
 * Heading is degrees clockwise from the plan's up (negative y).
 */
export function viewWedge(position: Point, heading: number, fov: number, range: number, steps = 12): Point[] {
  const points: Point[] = [position];
  const start = heading - fov / 2;
  for (let i = 0; i <= steps; i++) {
    const angle = ((start + (fov * i) / steps) * Math.PI) / 180;
    points.push([position[0] + Math.sin(angle) * range, position[1] - Math.cos(angle) * range]);
  }
  return points;
}

/** Scale bar length: a round number of metres close to a target length. */
export function niceScaleLength(targetMetres: number): number {
  if (targetMetres <= 0) return 1;
  const exponent = Math.floor(Math.log10(targetMetres));
  const base = 10 ** exponent;
  const candidates = [1, 2, 5, 10].map((m) => m * base);
  return candidates.reduce((best, c) => (Math.abs(c - targetMetres) < Math.abs(best - targetMetres) ? c : best));
}

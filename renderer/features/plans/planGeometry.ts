import type { Point } from '../../../shared/domain/ids';

/** Plan metres → image pixels at the floor's current scale (calibration works in pixels). */
export function toPixels(point: Point, metresPerPixel: number): Point {
  return [point[0] / metresPerPixel, point[1] / metresPerPixel];
}

/**
 * Adds a clicked corner unless it repeats the last one: the two clicks of the
 * double-click that closes a zone land on the same spot.
 */
export function addCorner(corners: readonly Point[], point: Point, toleranceM: number): Point[] {
  const last = corners[corners.length - 1];
  if (last && Math.hypot(last[0] - point[0], last[1] - point[1]) <= toleranceM) return [...corners];
  return [...corners, point];
}

/** A client (mouse) position in the SVG's user units: plan metres. */
export function svgPoint(svg: SVGSVGElement, clientX: number, clientY: number): Point | undefined {
  const ctm = svg.getScreenCTM();
  if (!ctm) return undefined;
  const p = new DOMPoint(clientX, clientY).matrixTransform(ctm.inverse());
  return [Math.round(p.x * 100) / 100, Math.round(p.y * 100) / 100];
}

/** Base64 of a file's bytes, for the import method. */
export async function fileBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

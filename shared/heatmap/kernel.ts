/**
 * The density kernel: a Gaussian truncated at `radiusM` (σ = radius / 3) so the
 * radius users set in metres is where an event's heat ends. The Gaussian is
 * the one round kernel that is separable, so a whole window of events can be
 * binned into cells and blurred with two 1-D passes (cost independent of the
 * event count), while a few live events are splatted with the 2-D stamp; both
 * give the same grid (see grid.ts).
 *
 * Normalisation: the discrete 2-D kernel sums to 1 / cellArea, so a grid cell
 * holds weighted events per square metre and one event's heat integrates to
 * its weight, whatever the cell size.
 */
export interface Kernel {
  readonly cellM: number;
  readonly radiusM: number;
  /** Half-width in cells; the 1-D kernel has 2 * half + 1 taps. */
  readonly half: number;
  /** 1-D taps, summing to 1 / cellM (per metre). */
  readonly taps: Float32Array;
  /** 2-D stamp, (2 * half + 1)², the outer product of `taps`: per square metre. */
  readonly stamp: Float32Array;
}

export function makeKernel(radiusM: number, cellM: number): Kernel {
  if (!(radiusM > 0) || !Number.isFinite(radiusM)) throw new RangeError(`radiusM must be a positive number, got ${radiusM}`);
  if (!(cellM > 0) || !Number.isFinite(cellM)) throw new RangeError(`cellM must be a positive number, got ${cellM}`);
  const half = Math.max(1, Math.ceil(radiusM / cellM));
  const sigma = radiusM / 3;
  const size = 2 * half + 1;
  const raw = new Float64Array(size);
  let sum = 0;
  for (let i = 0; i < size; i++) {
    const d = (i - half) * cellM;
    raw[i] = Math.abs(d) > radiusM ? 0 : Math.exp(-(d * d) / (2 * sigma * sigma));
    sum += raw[i] ?? 0;
  }
  const taps = new Float32Array(size);
  for (let i = 0; i < size; i++) taps[i] = (raw[i] ?? 0) / (sum * cellM);
  const stamp = new Float32Array(size * size);
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) stamp[j * size + i] = (taps[j] ?? 0) * (taps[i] ?? 0);
  }
  return { cellM, radiusM, half, taps, stamp };
}

/** Peak density (per m²) one event of weight 1 produces: the stamp's centre. */
export function peakDensity(kernel: Kernel): number {
  const size = 2 * kernel.half + 1;
  return kernel.stamp[kernel.half * size + kernel.half] ?? 0;
}

/**
 * The density kernel: three box filters in a row (a quadratic B-spline, close
 * to a Gaussian with σ ≈ radius / 2.7) that ends exactly at `radiusM`, so the
 * radius users set in metres is where an event's heat stops. It is separable
 * and each box is a running sum, so a whole window of events is binned into
 * cells and blurred in O(cells) whatever the radius or the event count, while
 * a few live events are splatted with the 2-D stamp; both give the same grid
 * (see grid.ts).
 *
 * Normalisation: the discrete 2-D kernel sums to 1 / cellArea, so a grid cell
 * holds weighted events per square metre and one event's heat integrates to
 * its weight, whatever the cell size.
 */
export interface Kernel {
  readonly cellM: number;
  readonly radiusM: number;
  /** Half-width of each box, in cells; the kernel reaches 3 × box cells each side. */
  readonly box: number;
  /** Half-width in cells (3 × box); the 1-D kernel has 2 * half + 1 taps. */
  readonly half: number;
  /** 1-D taps, summing to 1 / cellM (per metre). */
  readonly taps: Float32Array;
  /** 2-D stamp, (2 * half + 1)², the outer product of `taps`: per square metre. */
  readonly stamp: Float32Array;
}

export function makeKernel(radiusM: number, cellM: number): Kernel {
  if (!(radiusM > 0) || !Number.isFinite(radiusM)) throw new RangeError(`radiusM must be a positive number, got ${radiusM}`);
  if (!(cellM > 0) || !Number.isFinite(cellM)) throw new RangeError(`cellM must be a positive number, got ${cellM}`);
  const box = Math.max(1, Math.round(radiusM / cellM / 3));
  const half = 3 * box;
  const size = 2 * half + 1;
  // Convolve three boxes of width 2 * box + 1 (integer counts, exact).
  let taps64 = new Float64Array([1]);
  for (let pass = 0; pass < 3; pass++) {
    const next = new Float64Array(taps64.length + 2 * box);
    for (let i = 0; i < taps64.length; i++) for (let j = 0; j <= 2 * box; j++) next[i + j] = (next[i + j] ?? 0) + (taps64[i] ?? 0);
    taps64 = next;
  }
  const width = (2 * box + 1) ** 3;
  const taps = new Float32Array(size);
  for (let i = 0; i < size; i++) taps[i] = (taps64[i] ?? 0) / (width * cellM);
  const stamp = new Float32Array(size * size);
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) stamp[j * size + i] = (taps[j] ?? 0) * (taps[i] ?? 0);
  }
  return { cellM, radiusM, box, half, taps, stamp };
}

/** Peak density (per m²) one event of weight 1 produces: the stamp's centre. */
export function peakDensity(kernel: Kernel): number {
  const size = 2 * kernel.half + 1;
  return kernel.stamp[kernel.half * size + kernel.half] ?? 0;
}

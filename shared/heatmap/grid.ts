import { buildLut, lutIndex, LUT_SIZE, COLOUR_STOPS } from './colourScale';
import type { Kernel } from './kernel';

/**
 * A floor's density grid: one Float32 per cell of `kernel.cellM` metres,
 * holding weighted events per square metre. Pure maths, no DOM: it runs in the
 * heat map worker and in unit tests alike.
 */
export interface HeatGrid {
  readonly cols: number;
  readonly rows: number;
  readonly cellM: number;
  readonly density: Float32Array;
  /** Scratch for the separable blur: binned weights, then the row pass. */
  readonly bins: Float32Array;
  readonly pass: Float32Array;
}

/** Largest grid side in cells; coarser cells beyond it keep a frame within budget on huge sites. */
export const MAX_GRID_SIDE = 1024;

/** Cell size for a floor: the wanted size, made coarser if the floor is huge. */
export function cellSizeFor(widthM: number, heightM: number, wantedCellM = 0.25): number {
  return Math.max(wantedCellM, Math.max(widthM, heightM) / MAX_GRID_SIDE);
}

export function createGrid(widthM: number, heightM: number, cellM: number): HeatGrid {
  const cols = Math.max(1, Math.ceil(widthM / cellM));
  const rows = Math.max(1, Math.ceil(heightM / cellM));
  return { cols, rows, cellM, density: new Float32Array(cols * rows), bins: new Float32Array(cols * rows), pass: new Float32Array(cols * rows) };
}

export function clearGrid(grid: HeatGrid): void {
  grid.density.fill(0);
}

/** Events packed as [x, y, weight] triples (plan metres), the worker's wire format. */
export type PackedEvents = Float32Array;

/**
 * Adds a few events by splatting the 2-D stamp at each: cost per event is the
 * stamp area, so it suits live arrivals.
 */
export function splatEvents(grid: HeatGrid, kernel: Kernel, packed: PackedEvents): void {
  const { cols, rows, density } = grid;
  const half = kernel.half;
  const size = 2 * half + 1;
  const stamp = kernel.stamp;
  for (let p = 0; p + 2 < packed.length; p += 3) {
    const cx = Math.floor((packed[p] ?? 0) / grid.cellM);
    const cy = Math.floor((packed[p + 1] ?? 0) / grid.cellM);
    const w = packed[p + 2] ?? 0;
    // Same rule as binAndBlur: events off the plan are not drawn.
    if (cx < 0 || cy < 0 || cx >= cols || cy >= rows) continue;
    const y0 = Math.max(0, cy - half);
    const y1 = Math.min(rows - 1, cy + half);
    const x0 = Math.max(0, cx - half);
    const x1 = Math.min(cols - 1, cx + half);
    for (let y = y0; y <= y1; y++) {
      const srow = (y - cy + half) * size - cx + half;
      const grow = y * cols;
      for (let x = x0; x <= x1; x++) density[grow + x] = (density[grow + x] as number) + w * (stamp[srow + x] as number);
    }
  }
}

/**
 * Adds many events: bin their weights into cells, then blur with the 1-D taps
 * along rows and columns. The result equals splatting each one (linearity of
 * the separable kernel) but costs O(events + cells × taps) instead of
 * O(events × stamp area).
 */
export function binAndBlur(grid: HeatGrid, kernel: Kernel, packed: PackedEvents): void {
  const { cols, rows, bins, density } = grid;
  bins.fill(0);
  for (let p = 0; p + 2 < packed.length; p += 3) {
    const cx = Math.floor((packed[p] ?? 0) / grid.cellM);
    const cy = Math.floor((packed[p + 1] ?? 0) / grid.cellM);
    // Events off the plan cannot be drawn (ingest keeps them in the journal).
    if (cx < 0 || cy < 0 || cx >= cols || cy >= rows) continue;
    bins[cy * cols + cx] = (bins[cy * cols + cx] as number) + (packed[p + 2] ?? 0);
  }
  const taps = kernel.taps;
  const half = kernel.half;
  // Horizontal pass: scatter each non-empty bin along its row into a temp row buffer.
  const rowsOut = grid.pass;
  rowsOut.fill(0);
  for (let y = 0; y < rows; y++) {
    const base = y * cols;
    for (let x = 0; x < cols; x++) {
      const v = bins[base + x] as number;
      if (v === 0) continue;
      const x0 = Math.max(0, x - half);
      const x1 = Math.min(cols - 1, x + half);
      for (let t = x0; t <= x1; t++) rowsOut[base + t] = (rowsOut[base + t] as number) + v * (taps[t - x + half] as number);
    }
  }
  // Vertical pass, into the density grid (adding, so live splats and batches mix).
  for (let y = 0; y < rows; y++) {
    const base = y * cols;
    const y0 = Math.max(0, y - half);
    const y1 = Math.min(rows - 1, y + half);
    for (let x = 0; x < cols; x++) {
      const v = rowsOut[base + x] as number;
      if (v === 0) continue;
      for (let t = y0; t <= y1; t++) density[t * cols + x] = (density[t * cols + x] as number) + v * (taps[t - y + half] as number);
    }
  }
}

/** Picks the cheaper way to add a batch; both give the same grid. */
export function addEvents(grid: HeatGrid, kernel: Kernel, packed: PackedEvents): void {
  const n = packed.length / 3;
  const size = 2 * kernel.half + 1;
  if (n * size * size < grid.cols * grid.rows * 2) splatEvents(grid, kernel, packed);
  else binAndBlur(grid, kernel, packed);
}

let sharedLut: Uint32Array | undefined;

/**
 * Colours the grid through the fixed LUT into `out` (RGBA bytes viewed as
 * Uint32, one per cell). Nothing here looks at the maximum on screen.
 */
export function colourise(grid: HeatGrid, out: Uint32Array): void {
  const lut = (sharedLut ??= buildLut());
  const floor = COLOUR_STOPS[0]?.density ?? 0.01;
  const d = grid.density;
  for (let i = 0; i < d.length; i++) {
    const v = d[i] as number;
    out[i] = v > floor ? (lut[lutIndex(v)] as number) : 0;
  }
}

export { LUT_SIZE };

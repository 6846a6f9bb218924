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
 * Adds many events: bin their weights into cells, then blur with three
 * running-sum boxes along rows and three down columns. The result equals
 * splatting each one with the stamp (the kernel is that triple box) but costs
 * O(events + cells), independent of the radius and of the event count.
 */
export function binAndBlur(grid: HeatGrid, kernel: Kernel, packed: PackedEvents): void {
  const { cols, rows, bins, pass, density } = grid;
  const cell = grid.cellM;
  bins.fill(0);
  for (let p = 0; p + 2 < packed.length; p += 3) {
    const cx = Math.floor((packed[p] as number) / cell);
    const cy = Math.floor((packed[p + 1] as number) / cell);
    // Events off the plan cannot be drawn (ingest keeps them in the journal).
    if (cx < 0 || cy < 0 || cx >= cols || cy >= rows) continue;
    const i = cy * cols + cx;
    bins[i] = (bins[i] as number) + (packed[p + 2] as number);
  }
  const b = kernel.box;
  // Rows: bins → pass → bins → pass.
  boxRows(bins, pass, cols, rows, b);
  boxRows(pass, bins, cols, rows, b);
  boxRows(bins, pass, cols, rows, b);
  // Columns: pass → bins → pass, the last one scaled and added into the density.
  boxCols(pass, bins, cols, rows, b);
  boxCols(bins, pass, cols, rows, b);
  const scale = 1 / ((2 * b + 1) ** 6 * cell * cell);
  boxColsAdd(pass, density, cols, rows, b, scale);
}

/** out[x] = Σ in[x - b … x + b] along each row (zero outside). */
function boxRows(src: Float32Array, out: Float32Array, cols: number, rows: number, b: number): void {
  for (let y = 0; y < rows; y++) {
    const base = y * cols;
    let acc = 0;
    for (let x = 0; x < b && x < cols; x++) acc += src[base + x] as number;
    for (let x = 0; x < cols; x++) {
      if (x + b < cols) acc += src[base + x + b] as number;
      if (x - b - 1 >= 0) acc -= src[base + x - b - 1] as number;
      out[base + x] = acc;
    }
  }
}

/** The same down columns, all columns at once row by row (cache-friendly). */
function boxCols(src: Float32Array, out: Float32Array, cols: number, rows: number, b: number): void {
  const acc = new Float64Array(cols);
  for (let y = 0; y < b && y < rows; y++) {
    const base = y * cols;
    for (let x = 0; x < cols; x++) acc[x] = (acc[x] as number) + (src[base + x] as number);
  }
  for (let y = 0; y < rows; y++) {
    const add = y + b < rows ? (y + b) * cols : -1;
    const sub = y - b - 1 >= 0 ? (y - b - 1) * cols : -1;
    const base = y * cols;
    for (let x = 0; x < cols; x++) {
      let a = acc[x] as number;
      if (add >= 0) a += src[add + x] as number;
      if (sub >= 0) a -= src[sub + x] as number;
      acc[x] = a;
      out[base + x] = a;
    }
  }
}

function boxColsAdd(src: Float32Array, density: Float32Array, cols: number, rows: number, b: number, scale: number): void {
  const acc = new Float64Array(cols);
  for (let y = 0; y < b && y < rows; y++) {
    const base = y * cols;
    for (let x = 0; x < cols; x++) acc[x] = (acc[x] as number) + (src[base + x] as number);
  }
  for (let y = 0; y < rows; y++) {
    const add = y + b < rows ? (y + b) * cols : -1;
    const sub = y - b - 1 >= 0 ? (y - b - 1) * cols : -1;
    const base = y * cols;
    for (let x = 0; x < cols; x++) {
      let a = acc[x] as number;
      if (add >= 0) a += src[add + x] as number;
      if (sub >= 0) a -= src[sub + x] as number;
      acc[x] = a;
      // Running sums leave ±1e-9 crumbs where the heat ended: clamp them away.
      const v = a * scale;
      if (v > 1e-7) density[base + x] = (density[base + x] as number) + v;
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

/**
 * A LUT indexed by the density's float32 bit pattern: exponent and the top
 * mantissa bits are a piecewise-linear log2, so the fixed log colour axis
 * needs no Math.log per cell.
 */
const BITS_SHIFT = 13;
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
function bitsOf(v: number): number {
  f32[0] = v;
  return u32[0] as number;
}
let bitsLut: { lut: Uint32Array; min: number; floor: number; last: number } | undefined;
function getBitsLut(): { lut: Uint32Array; min: number; floor: number; last: number } {
  if (bitsLut) return bitsLut;
  const colours = buildLut();
  const floor = COLOUR_STOPS[0]?.density ?? 0.01;
  const top = COLOUR_STOPS[COLOUR_STOPS.length - 1]?.density ?? 3;
  const min = bitsOf(floor) >>> BITS_SHIFT;
  const max = bitsOf(top) >>> BITS_SHIFT;
  const lut = new Uint32Array(max - min + 1);
  for (let i = 0; i < lut.length; i++) {
    u32[0] = (i + min) << BITS_SHIFT;
    lut[i] = colours[lutIndex(f32[0] as number)] as number;
  }
  bitsLut = { lut, min, floor, last: lut.length - 1 };
  return bitsLut;
}

/**
 * Colours the grid through the fixed LUT into `out` (RGBA bytes viewed as
 * Uint32, one per cell). Nothing here looks at the maximum on screen.
 */
export function colourise(grid: HeatGrid, out: Uint32Array): void {
  const { lut, min, floor, last } = getBitsLut();
  const d = grid.density;
  const bits = new Uint32Array(d.buffer, d.byteOffset, d.length);
  for (let i = 0; i < d.length; i++) {
    if ((d[i] as number) <= floor) {
      out[i] = 0;
      continue;
    }
    const k = ((bits[i] as number) >>> BITS_SHIFT) - min;
    out[i] = lut[k > last ? last : k] as number;
  }
}

export { LUT_SIZE };

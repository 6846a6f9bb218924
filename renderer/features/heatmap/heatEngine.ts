import { addEvents, cellSizeFor, clearGrid, colourise, createGrid, type HeatGrid } from '../../../shared/heatmap/grid';
import { makeKernel, type Kernel } from '../../../shared/heatmap/kernel';

/** What the heat layer asks of whoever draws (the worker, or the main-thread fallback). */
export type HeatRequest =
  | { readonly type: 'config'; readonly widthM: number; readonly heightM: number; readonly radiusM: number; readonly cellM?: number }
  /** Replace the whole set (window changed): packed [x, y, weight] triples. */
  | { readonly type: 'replace'; readonly seq: number; readonly packed: Float32Array }
  /** Add live events on top of what is drawn: only they are splatted. */
  | { readonly type: 'add'; readonly seq: number; readonly packed: Float32Array };

export interface HeatFrame {
  readonly type: 'frame';
  readonly seq: number;
  readonly bitmap: ImageBitmap;
  readonly cols: number;
  readonly rows: number;
  /** Time spent accumulating and colouring, ms (for the bench and diagnostics). */
  readonly ms: number;
  /** The same split by stage: density grid, colour LUT, image upload + bitmap. */
  readonly stages: { readonly accumulate: number; readonly colour: number; readonly upload: number };
}

/**
 * Density grid + fixed-LUT colouring onto an OffscreenCanvas. Owns no DOM
 * nodes, so the same code runs in the worker and, where workers are missing,
 * on the main thread.
 */
export class HeatEngine {
  private grid: HeatGrid | undefined;
  private kernel: Kernel | undefined;
  private canvas: OffscreenCanvas | undefined;
  private image: ImageData | undefined;
  private pixels: Uint32Array | undefined;

  configure(widthM: number, heightM: number, radiusM: number, cellM?: number): void {
    const cell = cellM ?? cellSizeFor(widthM, heightM);
    this.kernel = makeKernel(radiusM, cell);
    this.grid = createGrid(widthM, heightM, cell);
    this.canvas = new OffscreenCanvas(this.grid.cols, this.grid.rows);
    this.image = new ImageData(this.grid.cols, this.grid.rows);
    this.pixels = new Uint32Array(this.image.data.buffer);
  }

  /** Applies a request and renders; undefined until configured. */
  handle(request: HeatRequest): HeatFrame | undefined {
    if (request.type === 'config') {
      this.configure(request.widthM, request.heightM, request.radiusM, request.cellM);
      return undefined;
    }
    const { grid, kernel, canvas, image, pixels } = this;
    if (!grid || !kernel || !canvas || !image || !pixels) return undefined;
    const started = performance.now();
    if (request.type === 'replace') clearGrid(grid);
    addEvents(grid, kernel, request.packed);
    const accumulated = performance.now();
    colourise(grid, pixels);
    const coloured = performance.now();
    const ctx = canvas.getContext('2d');
    if (!ctx) return undefined;
    ctx.putImageData(image, 0, 0);
    const bitmap = canvas.transferToImageBitmap();
    const done = performance.now();
    return {
      type: 'frame',
      seq: request.seq,
      bitmap,
      cols: grid.cols,
      rows: grid.rows,
      ms: done - started,
      stages: { accumulate: accumulated - started, colour: coloured - accumulated, upload: done - coloured },
    };
  }
}

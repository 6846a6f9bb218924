import { appendedTail } from '../../../shared/heatmap/pack';
import { HeatEngine, type HeatFrame, type HeatRequest } from './heatEngine';

/**
 * Talks to the heat worker. At most one request is in flight; while the
 * worker draws, newer data replaces older pending data, so scrubbing the
 * slider never queues stale frames. Live arrivals that only append to what
 * the worker already holds are sent as an `add`: only they are splatted.
 */
export class HeatClient {
  private readonly worker: Worker | undefined;
  private readonly fallback: HeatEngine | undefined;
  private seq = 0;
  private busy = false;
  private pending: Float32Array | undefined;
  /** What the worker's grid currently holds. */
  private drawn: Float32Array | undefined;
  private disposed = false;

  constructor(private readonly onFrame: (frame: HeatFrame) => void) {
    this.worker = createWorker();
    if (this.worker) {
      this.worker.onmessage = (event: MessageEvent<HeatFrame>) => this.received(event.data);
    } else {
      // No worker (very old runtime): draw on this thread, same engine.
      this.fallback = new HeatEngine();
    }
  }

  configure(widthM: number, heightM: number, radiusM: number): void {
    this.drawn = undefined;
    this.post({ type: 'config', widthM, heightM, radiusM });
  }

  /** Shows exactly these packed events (x, y, weight triples). */
  show(packed: Float32Array): void {
    this.pending = packed;
    if (!this.busy) this.flush();
  }

  dispose(): void {
    this.disposed = true;
    this.worker?.terminate();
  }

  private flush(): void {
    const next = this.pending;
    if (!next) return;
    this.pending = undefined;
    const tail = this.drawn ? appendedTail(this.drawn, next) : undefined;
    this.drawn = next;
    if (tail && tail.length === 0) return;
    this.busy = true;
    this.seq += 1;
    // Copies are transferred: the caller keeps `next` to compare the following update against.
    if (tail) this.post({ type: 'add', seq: this.seq, packed: tail.slice() });
    else this.post({ type: 'replace', seq: this.seq, packed: next.slice() });
  }

  private post(request: HeatRequest): void {
    if (this.worker) {
      const transfer = request.type === 'config' ? [] : [request.packed.buffer];
      this.worker.postMessage(request, transfer);
      return;
    }
    const frame = this.fallback?.handle(request);
    if (frame) queueMicrotask(() => this.received(frame));
  }

  private received(frame: HeatFrame): void {
    this.busy = false;
    if (this.disposed) {
      frame.bitmap.close();
      return;
    }
    this.onFrame(frame);
    if (this.pending) this.flush();
  }
}

function createWorker(): Worker | undefined {
  if (typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined') return undefined;
  return new Worker(new URL('./heatWorker.ts', import.meta.url), { type: 'module' });
}

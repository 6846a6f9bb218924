import type { HeatEvent } from './types';
import { SEVERITY_WEIGHT } from './weights';

/** Packs events as [x, y, weight] triples, the heat worker's transferable wire format. */
export function packEvents(events: readonly HeatEvent[]): Float32Array {
  const out = new Float32Array(events.length * 3);
  let p = 0;
  for (const e of events) {
    out[p++] = e.x;
    out[p++] = e.y;
    out[p++] = SEVERITY_WEIGHT[e.severity];
  }
  return out;
}

/**
 * If `next` is `previous` with events appended, the appended part (so only
 * they are splatted); otherwise undefined (the window moved: redraw all).
 */
export function appendedTail(previous: Float32Array, next: Float32Array): Float32Array | undefined {
  if (next.length < previous.length) return undefined;
  for (let i = 0; i < previous.length; i++) if (previous[i] !== next[i]) return undefined;
  return next.subarray(previous.length);
}

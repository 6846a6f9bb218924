/**
 * Main or sub stream by the tile's size on screen, with hysteresis: go up to
 * the main stream when the tile is at least `upPx` wide, back down only below
 * `downPx`, and never switch again within `minDwellMs` — a tile whose size
 * oscillates (window resize, layout animation) must not flap between streams,
 * each flip costing a decoder rebuild and a black second.
 */
export interface StreamChoice {
  readonly stream: 'main' | 'sub';
  readonly since: number;
}

/** Above this width a sub stream (typically 640×360) is visibly upscaled: take the main stream. */
export const STREAM_UP_PX = 720;
/** The gap to STREAM_UP_PX is the hysteresis band. */
export const STREAM_DOWN_PX = 560;
export const STREAM_MIN_DWELL_MS = 5000;

export function chooseStream(
  prev: StreamChoice | undefined,
  widthPx: number,
  now: number,
  options: { upPx?: number; downPx?: number; minDwellMs?: number } = {},
): StreamChoice {
  const up = options.upPx ?? STREAM_UP_PX;
  const down = options.downPx ?? STREAM_DOWN_PX;
  const dwell = options.minDwellMs ?? STREAM_MIN_DWELL_MS;
  if (!prev) return { stream: widthPx >= up ? 'main' : 'sub', since: now };
  if (now - prev.since < dwell) return prev;
  if (prev.stream === 'sub' && widthPx >= up) return { stream: 'main', since: now };
  if (prev.stream === 'main' && widthPx < down) return { stream: 'sub', since: now };
  return prev;
}

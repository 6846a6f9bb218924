/**
 * Judges a tile by media progress, not connection state: frames presented
 * (or decoded) and media time must move at close to real-time speed. A tile
 * whose media stands still is stalled even if every socket looks healthy —
 * the frozen last frame that hides an incident.
 *
 * Each sample is compared with the previous one and counts as progress only
 * if new frames arrived and media time advanced by at least half the wall
 * time between them. When playback stalls, hls.js nudges currentTime forward
 * by small steps to skip holes (nudgeOffset, kept at 0.05 s in the player
 * config); a naive "did it move at all" check mistakes those for playback.
 */
export interface ProgressSample {
  /** Frames presented (requestVideoFrameCallback) or decoded-minus-dropped. */
  readonly frames: number;
  /** The media element's currentTime in seconds. */
  readonly mediaTime: number;
  readonly at: number;
}

/** Media time must advance at least this fraction of wall time to count as playing. */
export const MIN_PLAYBACK_SPEED = 0.5;

export class ProgressWatchdog {
  private last: ProgressSample | undefined;
  private lastProgressAt: number | undefined;

  /** Feeds one sample; returns how long the tile has made no real progress (0 while progressing). */
  sample(s: ProgressSample): number {
    const prev = this.last;
    this.last = s;
    if (this.lastProgressAt === undefined) this.lastProgressAt = s.at;
    if (prev && progressed(prev, s)) {
      this.lastProgressAt = s.at;
      return 0;
    }
    return s.at - this.lastProgressAt;
  }

  /** Milliseconds since the media last made real progress. */
  ageOfLastProgress(now: number): number {
    return this.lastProgressAt === undefined ? 0 : now - this.lastProgressAt;
  }

  reset(): void {
    this.last = undefined;
    this.lastProgressAt = undefined;
  }
}

export function progressed(from: ProgressSample, to: ProgressSample): boolean {
  const elapsedSec = (to.at - from.at) / 1000;
  if (elapsedSec <= 0) return false;
  return to.frames > from.frames && to.mediaTime - from.mediaTime >= elapsedSec * MIN_PLAYBACK_SPEED;
}

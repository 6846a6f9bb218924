/**
 * Judges a tile by media progress, not connection state: frames presented
 * (or decoded) and media time must move. A tile whose counters stand still
 * for `stallMs` is stalled even if every socket looks healthy — the frozen
 * last frame that hides an incident.
 */
export interface ProgressSample {
  /** Frames presented (requestVideoFrameCallback) or decoded-minus-dropped. */
  readonly frames: number;
  /** The media element's currentTime in seconds. */
  readonly mediaTime: number;
  readonly at: number;
}

export class ProgressWatchdog {
  private last: ProgressSample | undefined;
  private lastProgressAt: number | undefined;

  constructor(private readonly stallMs: number) {}

  /** Feeds one sample; returns how long the tile has made no progress (0 while progressing). */
  sample(s: ProgressSample): number {
    const prev = this.last;
    this.last = s;
    if (this.lastProgressAt === undefined) {
      this.lastProgressAt = s.at;
      return 0;
    }
    if (prev && (s.frames > prev.frames || s.mediaTime > prev.mediaTime + 0.001)) {
      this.lastProgressAt = s.at;
      return 0;
    }
    return s.at - this.lastProgressAt;
  }

  stalled(s: ProgressSample): boolean {
    return this.sample(s) >= this.stallMs;
  }

  /** Milliseconds since frames last moved. */
  ageOfLastProgress(now: number): number {
    return this.lastProgressAt === undefined ? 0 : now - this.lastProgressAt;
  }

  reset(): void {
    this.last = undefined;
    this.lastProgressAt = undefined;
  }
}

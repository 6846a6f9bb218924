type FrameVideo = HTMLVideoElement & {
  requestVideoFrameCallback?: (cb: (now: number, meta: { presentedFrames: number }) => void) => number;
  cancelVideoFrameCallback?: (handle: number) => void;
};

/**
 * Counts the frames a <video> really shows: presented frames where the
 * browser reports them (requestVideoFrameCallback), else decoded minus
 * dropped frames from getVideoPlaybackQuality. Both tile players (HLS and
 * WebRTC) judge "playing" by this one count, so the word means the same on both.
 */
export class FrameMeter {
  private presented = 0;
  private handle: number | undefined;
  private running = false;

  constructor(private readonly video: HTMLVideoElement) {}

  /** Starts counting for a new source (from zero). */
  start(): void {
    this.stop();
    this.running = true;
    const v = this.video as FrameVideo;
    if (!v.requestVideoFrameCallback) return;
    const tick = (_now: number, meta: { presentedFrames: number }): void => {
      this.presented = Math.max(this.presented, meta.presentedFrames);
      if (this.running) this.handle = v.requestVideoFrameCallback?.(tick);
    };
    this.handle = v.requestVideoFrameCallback(tick);
  }

  /** Stops counting and forgets the count (the source is going away). */
  stop(): void {
    this.running = false;
    if (this.handle !== undefined) (this.video as FrameVideo).cancelVideoFrameCallback?.(this.handle);
    this.handle = undefined;
    this.presented = 0;
  }

  /** Frames shown since start(). */
  frames(): number {
    return Math.max(this.presented, decodedFrames(this.video));
  }
}

function decodedFrames(video: HTMLVideoElement): number {
  const q = video.getVideoPlaybackQuality?.();
  return q ? q.totalVideoFrames - q.droppedVideoFrames : 0;
}

import { describe, expect, it } from 'vitest';
import { FrameMeter } from '../../../renderer/features/video/frameMeter';

type FrameCallback = (now: number, meta: { presentedFrames: number }) => void;

/** A <video> stand-in: frame callbacks fired by hand, and a playback-quality count. */
function fakeVideo(opts: { rvfc: boolean }) {
  const pending = new Map<number, FrameCallback>();
  let next = 1;
  const quality = { totalVideoFrames: 0, droppedVideoFrames: 0 };
  const video = {
    getVideoPlaybackQuality: () => ({ ...quality }),
    ...(opts.rvfc
      ? {
          requestVideoFrameCallback: (cb: FrameCallback) => {
            pending.set(next, cb);
            return next++;
          },
          cancelVideoFrameCallback: (h: number) => pending.delete(h),
        }
      : {}),
  };
  const present = (presentedFrames: number): void => {
    const callbacks = [...pending.values()];
    pending.clear();
    for (const cb of callbacks) cb(0, { presentedFrames });
  };
  return { video: video as unknown as HTMLVideoElement, quality, present, pending };
}

describe('frame meter (one for both tile players)', () => {
  it('counts presented frames while started, and forgets them when stopped', () => {
    const v = fakeVideo({ rvfc: true });
    const meter = new FrameMeter(v.video);
    meter.start();
    v.present(3);
    v.present(7);
    expect(meter.frames()).toBe(7);
    meter.stop();
    expect(v.pending.size).toBe(0);
    expect(meter.frames()).toBe(0);
  });

  it('falls back to decoded minus dropped frames without requestVideoFrameCallback', () => {
    const v = fakeVideo({ rvfc: false });
    const meter = new FrameMeter(v.video);
    meter.start();
    v.quality.totalVideoFrames = 50;
    v.quality.droppedVideoFrames = 5;
    expect(meter.frames()).toBe(45);
  });

  it('takes the larger of the two counts', () => {
    const v = fakeVideo({ rvfc: true });
    const meter = new FrameMeter(v.video);
    meter.start();
    v.present(10);
    v.quality.totalVideoFrames = 30;
    expect(meter.frames()).toBe(30);
  });
});

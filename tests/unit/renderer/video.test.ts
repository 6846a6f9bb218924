import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../renderer/features/video/backoff';
import { lastSegment } from '../../../renderer/features/video/hlsTilePlayer';
import { ProgressWatchdog } from '../../../renderer/features/video/watchdog';
import { parseRoute, routeHash } from '../../../renderer/app/routes';

describe('tile watchdog', () => {
  it('counts real-time playback as progress', () => {
    const w = new ProgressWatchdog();
    let frames = 0;
    let media = 0;
    for (let t = 0; t <= 5000; t += 500) {
      expect(w.sample({ frames, mediaTime: media, at: t })).toBe(0);
      frames += 12;
      media += 0.5;
    }
  });

  it('declares a stall when frames stop, however healthy the connection looks', () => {
    const w = new ProgressWatchdog();
    w.sample({ frames: 100, mediaTime: 4, at: 0 });
    w.sample({ frames: 112, mediaTime: 4.5, at: 500 });
    expect(w.sample({ frames: 112, mediaTime: 4.5, at: 1000 })).toBe(500);
    expect(w.sample({ frames: 112, mediaTime: 4.5, at: 3000 })).toBe(2500);
  });

  it('is not fooled by hls.js nudging currentTime forward during a stall', () => {
    const w = new ProgressWatchdog();
    w.sample({ frames: 100, mediaTime: 4, at: 0 });
    w.sample({ frames: 112, mediaTime: 4.5, at: 500 });
    let stalled = 0;
    for (let t = 1000, m = 4.5, f = 112; t <= 4000; t += 500) {
      m += 0.15; // a nudge
      f += 1; // the frame shown at the nudged position
      stalled = w.sample({ frames: f, mediaTime: m, at: t });
    }
    expect(stalled).toBe(3500);
  });
});

describe('backoff', () => {
  it('doubles from the base up to the cap, with bounded jitter', () => {
    const opts = { baseMs: 1000, capMs: 4000, jitter: 0.25 };
    expect(backoffDelay(0, opts, () => 0.5)).toBe(1000);
    expect(backoffDelay(1, opts, () => 0.5)).toBe(2000);
    expect(backoffDelay(5, opts, () => 0.5)).toBe(4000);
    expect(backoffDelay(0, opts, () => 0)).toBe(750);
    expect(backoffDelay(9, opts, () => 1)).toBe(5000);
  });
});

describe('playlist probe', () => {
  it('finds the newest segment of a live playlist', () => {
    expect(lastSegment('#EXTM3U\n#EXTINF:1,\nseg-1.m4s\n#EXTINF:1,\nseg-2.m4s\n')).toBe('seg-2.m4s');
    expect(lastSegment('#EXTM3U\n#EXT-X-TARGETDURATION:1\n')).toBeUndefined();
  });
});

describe('routes', () => {
  it('parses the three stations and wall addresses', () => {
    expect(parseRoute('#/desk')).toEqual({ view: 'desk', section: 'ops' });
    expect(parseRoute('#/desk/journal')).toEqual({ view: 'desk', section: 'journal' });
    expect(parseRoute('#/desk/nonsense')).toEqual({ view: 'desk', section: 'ops' });
    expect(parseRoute('#/wall/3')).toEqual({ view: 'wall', monitor: 3 });
    expect(parseRoute('#/wall')).toEqual({ view: 'wall', monitor: 1 });
    expect(parseRoute('#/wall/abc')).toEqual({ view: 'wall', monitor: 1 });
    expect(parseRoute('#/replay')).toEqual({ view: 'replay' });
    expect(parseRoute('#/nowhere')).toEqual({ view: 'desk', section: 'ops' });
    expect(routeHash({ view: 'desk', section: 'journal' })).toBe('#/desk/journal');
    expect(routeHash({ view: 'wall', monitor: 2 })).toBe('#/wall/2');
  });
});

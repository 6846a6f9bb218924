// Frame counting for benchmarks that watch video in Chromium (bench:wall,
// bench:alerts' burst of red alarms): presented frames per <video> by
// requestVideoFrameCallback, sampled from the page.
import type { Page } from '@playwright/test';

/**
 * Counts presented frames of every <video> on the page, including ones added
 * later (layout switches), cumulatively per element: presentedFrames restarts
 * when a tile's player is rebuilt, so deltas are summed, never subtracted.
 */
export const FRAME_COUNTER = `
(() => {
  const w = window;
  w.__frames = new Map();
  w.__perSecond = new Map();
  let next = 1;
  const watch = (v) => {
    if (v.__wid) return; v.__wid = next++;
    let last = 0;
    const seconds = new Map();
    w.__perSecond.set(v.__wid, seconds);
    const tick = (now, meta) => {
      const pf = meta.presentedFrames;
      const add = pf >= last ? pf - last : pf;
      last = pf;
      w.__frames.set(v.__wid, (w.__frames.get(v.__wid) || 0) + add);
      // Frames by the second of the page clock they were presented in (the callback's own time).
      const s = Math.floor(now / 1000);
      seconds.set(s, (seconds.get(s) || 0) + add);
      seconds.delete(s - 300);
      if (v.isConnected) v.requestVideoFrameCallback(tick);
    };
    v.requestVideoFrameCallback(tick);
  };
  setInterval(() => document.querySelectorAll('video').forEach(watch), 200);
})();`;

export interface PageSample {
  /** Cumulative presented frames by video element id, for elements on the page now. */
  frames: Record<number, number>;
  total: number;
  dropped: number;
  latencies: number[];
  playing: number;
  heap: number;
}

export async function samplePage(page: Page): Promise<PageSample> {
  return page.evaluate(() => {
    const w = window as unknown as { __frames?: Map<number, number>; __latency?: () => number[] };
    const videos = [...document.querySelectorAll('video')].filter((v) => v.isConnected && (v.currentSrc || v.src));
    let total = 0;
    let dropped = 0;
    for (const v of videos) {
      const q = v.getVideoPlaybackQuality();
      total += q.totalVideoFrames;
      dropped += q.droppedVideoFrames;
    }
    const latencies = w.__latency
      ? w.__latency()
      : [...document.querySelectorAll('[data-testid="tile-health"]')].map((el) => Number(el.getAttribute('data-latency'))).filter((x) => x > 0);
    const perf = performance as unknown as { memory?: { usedJSHeapSize: number } };
    return {
      frames: Object.fromEntries(videos.map((v) => { const id = (v as unknown as { __wid?: number }).__wid ?? 0; return [id, w.__frames?.get(id) ?? 0]; })),
      total,
      dropped,
      latencies,
      playing: document.querySelectorAll('.tile[data-state="playing"]').length || videos.filter((v) => !v.paused && v.readyState >= 3).length,
      heap: perf.memory?.usedJSHeapSize ?? 0,
    };
  });
}

/** The p-th percentile (nearest rank). */
export function percentileOf(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

/**
 * Every tile's presented frames in each whole second of the page's clock over
 * the next `seconds`, counted by the frames' presentation times in the page (a
 * sample taken from outside, through a round trip, stretches or shrinks its
 * window: a 25 fps tile read 23.9). Tiles that left the page are not counted.
 */
export async function fpsPerTileSecond(page: Page, seconds: number): Promise<number[]> {
  const from = await page.evaluate(() => Math.ceil(performance.now() / 1000));
  await page.waitForTimeout((seconds + 1) * 1000 + 200);
  return page.evaluate(
    ({ from, seconds }) => {
      const w = window as unknown as { __perSecond: Map<number, Map<number, number>> };
      const live = new Set([...document.querySelectorAll('video')].filter((v) => v.isConnected && (v.currentSrc || v.src)).map((v) => (v as unknown as { __wid?: number }).__wid));
      const out: number[] = [];
      for (const [id, perSecond] of w.__perSecond) {
        if (!live.has(id)) continue;
        for (let s = from; s < from + seconds; s++) out.push(perSecond.get(s) ?? 0);
      }
      return out;
    },
    { from, seconds },
  );
}

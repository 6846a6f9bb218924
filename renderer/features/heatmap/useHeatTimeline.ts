import { useCallback, useEffect, useRef, useState } from 'react';
import { windowMs, type TimeWindowId } from '../../../shared/heatmap/timeWindow';

/** A full playback sweeps the span in this long, whatever the span. */
const PLAY_SWEEP_MS = 30_000;

export interface HeatTimeline {
  readonly windowId: TimeWindowId;
  readonly durationMs: number;
  /** Window end: `now` while live, else the scrubbed time. */
  readonly end: number;
  readonly live: boolean;
  readonly playing: boolean;
  setWindow(id: TimeWindowId): void;
  /** Scrub the window end; snaps back to live at `now`. */
  scrub(end: number): void;
  goLive(): void;
  togglePlay(span: { start: number; end: number }): void;
}

/**
 * View state of the heat map's time axis (not site state: scrubbing is what
 * this operator looks at, nothing is journaled). Playback advances the window
 * end on animation frames and falls back to live when it reaches `now`.
 */
export function useHeatTimeline(now: number, initial: TimeWindowId = '24h'): HeatTimeline {
  const [windowId, setWindowId] = useState<TimeWindowId>(initial);
  const [scrubbed, setScrubbed] = useState<number | undefined>(undefined);
  const [playing, setPlaying] = useState(false);
  const nowRef = useRef(now);
  useEffect(() => {
    nowRef.current = now;
  }, [now]);
  const spanRef = useRef({ start: now, end: now });

  useEffect(() => {
    if (!playing) return;
    let frame = 0;
    let last = performance.now();
    const step = (t: number) => {
      const dt = t - last;
      last = t;
      const span = spanRef.current;
      setScrubbed((prev) => {
        const next = (prev ?? span.start) + ((span.end - span.start) * dt) / PLAY_SWEEP_MS;
        if (next >= nowRef.current) {
          setPlaying(false);
          return undefined;
        }
        return next;
      });
      frame = requestAnimationFrame(step);
    };
    frame = requestAnimationFrame(step);
    return () => cancelAnimationFrame(frame);
  }, [playing]);

  const scrub = useCallback((end: number) => {
    setPlaying(false);
    setScrubbed(end >= nowRef.current ? undefined : end);
  }, []);
  const goLive = useCallback(() => {
    setPlaying(false);
    setScrubbed(undefined);
  }, []);
  const togglePlay = useCallback((span: { start: number; end: number }) => {
    spanRef.current = span;
    setPlaying((p) => {
      // Starting from live replays the span from its start.
      if (!p) setScrubbed((prev) => prev ?? span.start);
      return !p;
    });
  }, []);

  return {
    windowId,
    durationMs: windowMs(windowId),
    end: scrubbed ?? now,
    live: scrubbed === undefined,
    playing,
    setWindow: setWindowId,
    scrub,
    goLive,
    togglePlay,
  };
}


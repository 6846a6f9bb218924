/**
 * Time as the core sees it. Everything that reads the time or waits goes
 * through an injected Clock, so tests and replay control it.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /**
   * Milliseconds on a clock that only moves forward and ignores changes to
   * the wall clock: for idle locks and lockouts, which setting the PC's
   * clock back must not extend or end.
   */
  monotonic(): number;
  /** Calls `fn` after `ms`; returns a function that cancels it. */
  setTimeout(fn: () => void, ms: number): () => void;
}

/** The only place the core reads the real time; everything else is handed a Clock. */
export const systemClock: Clock = {
  // eslint-disable-next-line no-restricted-properties -- the system clock itself
  now: () => Date.now(),
  monotonic: () => performance.now(),
  setTimeout: (fn, ms) => {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
};

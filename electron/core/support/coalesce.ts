/**
 * Batches of items passed on at most once per `windowMs`. In an alert storm
 * the journal commits every few milliseconds; each batch pushed to a window
 * is a message to parse and a re-render of every view that reads the alerts,
 * so batches arriving within the window leave together, in order. A batch
 * after a quiet spell leaves at once: a single entry is never delayed.
 * Real timers and the monotonic clock, not the core's Clock: this paces
 * delivery, not domain time.
 */
export interface Coalescer<T> {
  push(items: readonly T[]): void;
  /** Passes on what waits now (before something that must follow it, or at close). */
  flush(): void;
}

export function coalesce<T>(emit: (items: T[]) => void, windowMs: number): Coalescer<T> {
  let waiting: T[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let sentAt = Number.NEGATIVE_INFINITY;
  const flush = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (waiting.length === 0) return;
    const items = waiting;
    waiting = [];
    sentAt = performance.now();
    emit(items);
  };
  return {
    push(items) {
      if (items.length === 0) return;
      waiting.push(...items);
      if (timer !== undefined) return;
      const wait = sentAt + windowMs - performance.now();
      if (wait <= 0) flush();
      else timer = setTimeout(flush, wait);
    },
    flush,
  };
}

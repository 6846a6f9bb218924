import type { Clock } from '../../electron/core/support/clock';

/** A clock tests move by hand; timers fire in order as time passes them. */
export class FakeClock implements Clock {
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 1;
  /** Moves only with advance(): set() is the wall clock being changed. */
  private elapsed = 0;

  constructor(private current = Date.UTC(2026, 10, 22, 8, 0, 0)) {}

  now(): number {
    return this.current;
  }

  monotonic(): number {
    return this.elapsed;
  }

  setTimeout(fn: () => void, ms: number): () => void {
    const id = this.nextId++;
    this.timers.push({ at: this.current + Math.max(0, ms), fn, id });
    return () => {
      this.timers = this.timers.filter((t) => t.id !== id);
    };
  }

  /** Moves time forward (or back, for skew tests), firing due timers in order. */
  advance(ms: number): void {
    const target = this.current + ms;
    if (ms < 0) {
      this.current = target;
      return;
    }
    for (;;) {
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t.id !== due.id);
      const at = Math.max(this.current, due.at);
      this.elapsed += at - this.current;
      this.current = at;
      due.fn();
    }
    this.elapsed += target - this.current;
    this.current = target;
  }

  set(ms: number): void {
    this.current = ms;
  }
}

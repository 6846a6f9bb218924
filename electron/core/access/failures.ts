/** Failures counted within this window (monotonic)… */
export const FAILURE_WINDOW_MS = 10 * 60_000;
/** …this many of them lock the account out… */
export const MAX_FAILURES = 5;
/** …for this long, unless a supervisor lifts it. */
export const LOCKOUT_MS = 15 * 60_000;
/** Names tried, kept at most: a flood of made-up names cannot grow memory without end. */
const MAX_TRACKED = 1_000;

/**
 * Failed passwords and PINs per account name, on the monotonic clock (a
 * changed PC clock neither ends a lockout nor forgives failures). Names that
 * do not exist are counted the same, so a lockout says nothing about which
 * names are real.
 */
export class FailureCounter {
  private readonly byName = new Map<string, { at: number[]; lockedUntil: number }>();

  constructor(private readonly now: () => number) {}

  fail(name: string): { failures: number; lockedOutNow: boolean } {
    const t = this.now();
    const entry = this.byName.get(name) ?? { at: [], lockedUntil: 0 };
    entry.at = [...entry.at.filter((x) => t - x < FAILURE_WINDOW_MS), t];
    const lockedOutNow = entry.at.length >= MAX_FAILURES && entry.lockedUntil <= t;
    if (lockedOutNow) entry.lockedUntil = t + LOCKOUT_MS;
    this.byName.delete(name);
    this.byName.set(name, entry);
    if (this.byName.size > MAX_TRACKED) {
      const oldest = this.byName.keys().next().value;
      if (oldest !== undefined) this.byName.delete(oldest);
    }
    return { failures: entry.at.length, lockedOutNow };
  }

  succeed(name: string): void {
    this.byName.delete(name);
  }

  lockedOut(name: string): boolean {
    return this.lockedOutFor(name) > 0;
  }

  lockedOutFor(name: string): number {
    const entry = this.byName.get(name);
    return entry ? Math.max(0, entry.lockedUntil - this.now()) : 0;
  }

  /** A supervisor lifts the lockout: the count starts again. */
  clear(name: string): boolean {
    const was = this.lockedOut(name);
    this.byName.delete(name);
    return was;
  }
}

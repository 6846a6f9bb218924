import { afterEach, describe, expect, it, vi } from 'vitest';
import { coalesce } from '../../../electron/core/support/coalesce';

// How the core paces the journal's batches to the windows: a storm's many small commits leave together, a lone one at once.

afterEach(() => {
  vi.useRealTimers();
});

describe('coalescing batches for the windows', () => {
  it('passes a batch after a quiet spell on at once, and those within the window together, in order', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const out: number[][] = [];
    const c = coalesce<number>((items) => out.push(items), 16);
    c.push([1]);
    expect(out).toEqual([[1]]);
    c.push([2, 3]);
    c.push([]);
    c.push([4]);
    expect(out).toEqual([[1]]);
    vi.advanceTimersByTime(15);
    expect(out).toEqual([[1]]);
    vi.advanceTimersByTime(1);
    expect(out).toEqual([[1], [2, 3, 4]]);
    // Quiet again for longer than the window: the next leaves at once.
    vi.advanceTimersByTime(100);
    c.push([5]);
    expect(out).toEqual([[1], [2, 3, 4], [5]]);
  });

  it('flushes what waits before something that must follow it, and an empty flush sends nothing', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const out: string[][] = [];
    const c = coalesce<string>((items) => out.push(items), 16);
    c.push(['a']);
    c.push(['b']);
    c.flush();
    expect(out).toEqual([['a'], ['b']]);
    c.flush();
    vi.advanceTimersByTime(100);
    expect(out).toEqual([['a'], ['b']]);
  });
});

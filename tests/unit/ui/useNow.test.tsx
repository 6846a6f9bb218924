// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useNow } from '../../../renderer/ui/useNow';

// A wall idle for a while ticks every 30 s; an alarm that arrives between ticks must be compared
// with the time it arrived, not the last tick (the wall's pop-up hid alarms "raised in the future").

function Clock(props: { every: number; data: unknown; fixed?: number }) {
  return <output>{useNow(props.every, props.fixed, props.data)}</output>;
}

describe('useNow', () => {
  const t0 = Date.UTC(2026, 11, 4, 12, 0);
  let host: HTMLDivElement;
  let root: ReturnType<typeof createRoot>;
  const shown = (): number => Number(host.textContent);
  const render = (data: unknown, fixed?: number): void => act(() => root.render(<Clock every={30_000} data={data} {...(fixed !== undefined ? { fixed } : {})} />));

  beforeEach(() => {
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(t0);
    host = document.createElement('div');
    root = createRoot(host);
  });
  afterEach(() => {
    act(() => root.unmount());
    vi.useRealTimers();
  });

  it('reads the time afresh when the data it is compared with changes, and not otherwise before its tick', () => {
    const first = ['a'];
    render(first);
    expect(shown()).toBe(t0);
    vi.setSystemTime(t0 + 10_000); // no tick yet
    render(first); // the same data: the clock stands until its tick
    expect(shown()).toBe(t0);
    render(['a', 'b']); // new data: the time it arrived
    expect(shown()).toBe(t0 + 10_000);
    act(() => {
      vi.advanceTimersByTime(30_000);
    });
    expect(shown()).toBe(t0 + 40_000);
  });

  it('returns a fixed time (replay) whatever the data does', () => {
    render(['a'], t0 - 5_000);
    vi.setSystemTime(t0 + 10_000);
    render(['b'], t0 - 5_000);
    expect(shown()).toBe(t0 - 5_000);
  });
});

import { useEffect, useState } from 'react';

/**
 * Wall-clock time, refreshed every `everyMs` (countdowns, pop-up holds, sliding
 * windows are computed from journal times against it). A `fixed` time (replay)
 * stops the ticking and is returned as is.
 *
 * `refreshOn`: the data the time is compared with (alarms, events). When it
 * changes the time is read afresh in the same render, so an alarm that just
 * arrived is never "in the future" of a clock that last ticked seconds ago
 * (a wall that ticks every 30 s while idle would otherwise hold a new alarm
 * back until its next tick).
 */
export function useNow(everyMs = 1000, fixed?: number, refreshOn?: unknown): number {
  const [now, setNow] = useState(() => fixed ?? Date.now());
  const [seen, setSeen] = useState(refreshOn);
  let current = now;
  if (fixed === undefined && refreshOn !== seen) {
    // Adjusting state while rendering, as React advises for state derived from props.
    setSeen(refreshOn);
    // Reading the clock in render is the point here: the frame that first shows the new data must be
    // computed against the time it arrived (a layout effect would render the wall twice per alarm).
    // eslint-disable-next-line react-hooks/purity
    current = Math.max(now, Date.now());
    setNow(current);
  }
  useEffect(() => {
    if (fixed !== undefined) return undefined;
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs, fixed]);
  return fixed ?? current;
}

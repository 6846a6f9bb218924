import { useEffect, useState } from 'react';

/**
 * Wall-clock time, refreshed every `everyMs` (countdowns, pop-up holds, sliding
 * windows are computed from journal times against it). A `fixed` time (replay)
 * stops the ticking and is returned as is.
 */
export function useNow(everyMs = 1000, fixed?: number): number {
  const [now, setNow] = useState(() => fixed ?? Date.now());
  useEffect(() => {
    if (fixed !== undefined) return undefined;
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs, fixed]);
  return fixed ?? now;
}

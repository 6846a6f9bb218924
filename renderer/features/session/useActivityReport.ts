import { useEffect } from 'react';
import { useConsole } from '../../app/StoreContext';

/**
 * Keyboard and pointer input at the desk postpone the idle lock: the slice
 * tells the core at most every 15 s (ACTIVITY_EVERY_MS), so this can listen
 * to every event. Capturing, so a handler that stops propagation still counts.
 */
export function useActivityReport(active: boolean): void {
  const report = useConsole((s) => s.reportActivity);
  useEffect(() => {
    if (!active) return undefined;
    const onInput = (): void => report(Date.now());
    const events = ['keydown', 'pointerdown', 'pointermove', 'wheel'] as const;
    for (const e of events) window.addEventListener(e, onInput, { capture: true, passive: true });
    return () => {
      for (const e of events) window.removeEventListener(e, onInput, { capture: true });
    };
  }, [active, report]);
}

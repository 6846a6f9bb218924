import { useEffect, useRef } from 'react';
import type { AlertsState } from '../../../shared/state/alertsDomain';

/** Alert ids that a committed frame shows for the first time, and when (epoch ms). */
export type AlertsShownListener = (ids: readonly string[], at: number) => void;

const listeners = new Set<AlertsShownListener>();

/**
 * Follows which alerts reach the screen (the storm benchmark's latency is
 * measured from it, through a test-only module). Returns the unsubscribe.
 */
export function onAlertsShown(listener: AlertsShownListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Signals alerts the first time a committed frame shows them; costs nothing while no one listens. */
export function useAlertsShownSignal(alerts: AlertsState): void {
  const marked = useRef(new Set<string>());
  useEffect(() => {
    if (listeners.size === 0) return;
    const at = Date.now();
    const fresh: string[] = [];
    // Newest last: walk back until an alert already signalled.
    for (let i = alerts.order.length - 1; i >= 0; i--) {
      const id = alerts.order[i];
      if (id === undefined || marked.current.has(id)) break;
      marked.current.add(id);
      fresh.push(id);
    }
    if (fresh.length > 0) for (const listener of listeners) listener(fresh, at);
  }, [alerts]);
}

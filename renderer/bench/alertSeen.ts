import { onAlertsShown } from '../features/alerts';

declare global {
  interface Window {
    /** Set by the alert benchmark (tests/bench/alerts.ts): alert id → when it first reached the screen (epoch ms). */
    __alertSeen?: Record<string, number>;
  }
}

/**
 * Test-only: loaded by main.tsx only when the page is opened with `?bench=1`,
 * so production code paths never touch `window.__alertSeen`.
 */
onAlertsShown((ids, at) => {
  const seen = window.__alertSeen;
  if (!seen) return;
  for (const id of ids) seen[id] ??= at;
});

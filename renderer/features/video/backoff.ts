/**
 * Exponential backoff with jitter and a cap: attempt 0 waits about `baseMs`,
 * each later attempt doubles, never beyond `capMs`; ±`jitter` spreads
 * retries so sixteen tiles do not hammer a recovering NVR in step.
 */
export function backoffDelay(
  attempt: number,
  options: { baseMs: number; capMs: number; jitter: number },
  random: () => number = Math.random,
): number {
  const raw = Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, attempt));
  const spread = 1 - options.jitter + random() * 2 * options.jitter;
  return Math.round(Math.min(options.capMs * (1 + options.jitter), raw * spread));
}

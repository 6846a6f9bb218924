import type { Log, LogFields } from './log';

/**
 * The `.catch` of a promise started and not awaited (`void work().catch(logFailure(log, '…'))`):
 * its failure is logged with what was being done, never left as an unhandled
 * rejection for the last-resort handler (support/lastResort.ts) to find without context.
 */
export function logFailure(log: Log, what: string, fields: LogFields = {}): (err: unknown) => void {
  return (err) => log.error(what, { ...fields, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
}

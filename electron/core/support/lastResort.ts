import type { Log } from './log';

/** What the handler needs of `process` (a test passes an EventEmitter). */
export interface ProcessEvents {
  on(event: 'uncaughtException', listener: (err: Error, origin: string) => void): unknown;
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  off(event: 'uncaughtException', listener: (err: Error, origin: string) => void): unknown;
  off(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

function describe(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

/**
 * The last boundary of both shells (host mode's runHost and the desktop
 * app's main process; here in the core so both may import it). A console on a control-room wall that
 * exits takes every desk and wall with it, and whoever posted the bad
 * request can post it again: so a throw nothing else caught is logged with
 * its stack and the process keeps serving. Every request path catches its
 * own errors first; reaching here is a bug to fix, not a way of handling.
 * Returns a function that removes the handlers.
 */
export function installLastResort(log: Log, target: ProcessEvents = process): () => void {
  let count = 0;
  const onException = (err: Error, origin: string): void => {
    count += 1;
    log.error('uncaught exception; the console keeps serving', { origin, count, error: describe(err) });
  };
  const onRejection = (reason: unknown): void => {
    count += 1;
    log.error('unhandled promise rejection; the console keeps serving', { count, error: describe(reason) });
  };
  target.on('uncaughtException', onException);
  target.on('unhandledRejection', onRejection);
  return () => {
    target.off('uncaughtException', onException);
    target.off('unhandledRejection', onRejection);
  };
}

import type { ConsoleApi } from '../../../shared/contract';
import { ConsoleError } from '../../../shared/errors';

export interface ApprovalHooks {
  /** Asks a supervisor at the desk to approve `method`; resolves true once approved, false when cancelled. */
  requestApproval(method: string): Promise<boolean>;
  /** The core said the desk is locked (or nobody is signed in): the session view is stale. */
  sessionStale(): void;
}

/** A `forbidden` that a supervisor's PIN can turn into an allowed call (issues[0].path 'approval'). */
export function needsApproval(err: unknown): boolean {
  return err instanceof ConsoleError && err.code === 'forbidden' && err.issues[0]?.path === 'approval';
}

/**
 * The contract as the slices use it: a four-eyes call the core refuses for
 * want of a supervisor opens the approval dialog and, once approved, is made
 * again — for every such method, without each slice knowing which they are.
 * A refusal because the desk is locked refreshes the session, so the lock
 * shows. Events and every other outcome pass through unchanged.
 */
export function approvingApi(api: ConsoleApi, hooks: ApprovalHooks): ConsoleApi {
  // A new object, not a Proxy: the transports hand out frozen objects, whose properties a Proxy may not replace.
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(api as unknown as Record<string, unknown>)) {
    if (typeof value !== 'function' || /^on[A-Z]/.test(name)) {
      out[name] = value;
      continue;
    }
    const call = value as (...args: unknown[]) => Promise<unknown>;
    out[name] = async (...args: unknown[]): Promise<unknown> => {
      try {
        return await call(...args);
      } catch (err) {
        if (needsApproval(err)) {
          if (await hooks.requestApproval(name)) return call(...args);
        } else if (err instanceof ConsoleError && err.code === 'forbidden') {
          hooks.sessionStale();
        }
        throw err;
      }
    };
  }
  return out as unknown as ConsoleApi;
}

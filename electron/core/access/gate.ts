import { methodAccess, methodRequirement } from '../../../shared/contract/access';
import type { DispatchGuard } from '../../../shared/contract/dispatch';
import { ConsoleError } from '../../../shared/errors';
import type { Log } from '../support/log';
import { runActing } from './callContext';
import type { SessionManager } from './sessions';

/** A refusal of the same method at the same desk is journaled at most this often (a stuck client cannot flood the record). */
const REFUSAL_JOURNAL_MS = 10_000;

type MethodName = keyof typeof methodRequirement;

/**
 * The permission gate on every contract call, IPC and WebSocket alike: the
 * method's requirement (shared/contract/access.ts) against the caller's
 * session. A refused call gets `forbidden` naming what it needs; a refused
 * call that would have changed something is journaled as `access.refused`.
 * The handler then runs as the person at the keyboard (callContext.ts).
 */
export function accessGuard(
  sessions: SessionManager,
  deps: { log: Log; monotonic: () => number; refused: (method: string, needed: string, actor: string | null) => void },
): DispatchGuard {
  const lastJournaled = new Map<string, number>();
  return async (name, connection, call) => {
    const needed = Object.hasOwn(methodRequirement, name) ? methodRequirement[name as MethodName] : undefined;
    if (needed === undefined) throw new ConsoleError('internal', `method "${name}" declares no requirement`);
    let acting;
    try {
      acting = sessions.authorize(connection, name, needed);
    } catch (err) {
      if (err instanceof ConsoleError && err.code === 'forbidden' && methodAccess[name as MethodName] === 'changes') {
        const key = `${connection}\u0000${name}`;
        const t = deps.monotonic();
        if ((lastJournaled.get(key) ?? -Infinity) + REFUSAL_JOURNAL_MS <= t) {
          lastJournaled.set(key, t);
          if (lastJournaled.size > 10_000) lastJournaled.clear();
          deps.refused(name, needed, sessions.ownerOf(connection));
        }
      }
      throw err;
    }
    const result = await runActing(acting, call);
    sessions.spend(acting);
    return result;
  };
}

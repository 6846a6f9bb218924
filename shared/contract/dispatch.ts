import { ConsoleError, type ConsoleErrorData } from '../errors';
import { parseOrThrow } from '../validation';
import type { ContractShape, MethodHandlers } from './define';
import type { IpcEnvelope } from './wire';

export interface DispatchLog {
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * Wraps every call to a method that exists: decides whether this caller may
 * make it (throwing a typed error if not) and runs it on the caller's behalf.
 */
export type DispatchGuard = (name: string, connection: string, call: () => Promise<unknown>) => Promise<unknown>;

/**
 * The one place a call from outside reaches the core: it looks the method up
 * in the contract, passes it through the guard (the core's permission gate),
 * parses the arguments with the method's schema, calls the handler, and turns
 * every failure into error data. It never throws. `connection` names where the
 * call came from (a window, a socket): the session it acts in.
 * Used by the IPC adapter (electron/main) and the WebSocket host (electron/host).
 */
export function createDispatcher<C extends ContractShape>(
  contract: C,
  handlers: MethodHandlers<C>,
  log: DispatchLog,
  guard: DispatchGuard = (_name, _connection, call) => call(),
): (name: string, args: unknown, connection?: string) => Promise<IpcEnvelope> {
  const table = handlers as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  return async (name, args, connection = 'local') => {
    try {
      const def = Object.hasOwn(contract, name) ? contract[name] : undefined;
      if (!def || def.kind !== 'method') {
        throw new ConsoleError('unknown-method', `no method "${name}" in the console contract`);
      }
      const handler = table[name];
      if (!handler) throw new ConsoleError('internal', `method "${name}" has no handler`);
      const value = await guard(name, connection, async () => {
        const parsed = parseOrThrow(def.args, args, `${name} arguments`) as unknown[];
        return handler(...parsed);
      });
      return { ok: true, v: value };
    } catch (err) {
      const data: ConsoleErrorData = ConsoleError.toData(err);
      if (data.code === 'internal') log.error('contract call failed', { method: name, error: String(err) });
      else log.warn('contract call refused', { method: name, code: data.code, message: data.message });
      return { ok: false, err: data };
    }
  };
}

import { consoleContract, type ConsoleApi } from '../../shared/contract';
import { buildClient } from '../../shared/contract/client';
import { ConsoleError, isConsoleErrorData } from '../../shared/errors';
import type { PlatformLink } from './connection';

/**
 * The desktop app: wraps the preload's `window.consoleApi` so errors arrive
 * as ConsoleError (the bridge carries them as plain data).
 */
export function createIpcApi(bridge: ConsoleApi): { api: ConsoleApi; link: PlatformLink } {
  const raw = bridge as unknown as Record<string, (...args: unknown[]) => unknown>;
  const api = buildClient(consoleContract, {
    call: async (name, args) => {
      const fn = raw[name];
      if (!fn) throw new ConsoleError('unknown-method', `the desktop bridge has no "${name}"`);
      try {
        return await fn(...args);
      } catch (err) {
        throw isConsoleErrorData(err) ? ConsoleError.fromData(err) : err;
      }
    },
    listen: (name, listener) => {
      const fn = raw[name];
      if (!fn) return () => undefined;
      return fn(listener) as () => void;
    },
  });
  const link: PlatformLink = {
    transport: 'ipc',
    current: () => ({ status: 'connected' }),
    onChange: () => () => undefined,
  };
  return { api, link };
}

import type { ConsoleApi } from '../../shared/contract';
import type { PlatformLink } from './connection';
import { createIpcApi } from './ipc';
import { createWsApi } from './ws';

export type { ConnectionState, PlatformLink } from './connection';

declare global {
  interface Window {
    /** Set by the desktop app's preload; absent in a browser (host mode). */
    readonly consoleApi?: ConsoleApi;
  }
}

/**
 * Chooses once, at start-up, how this page reaches the core: the preload's
 * IPC bridge in the desktop app, else the host's WebSocket on this origin.
 * Nothing else in the renderer knows which one it got.
 */
export function connectPlatform(): { api: ConsoleApi; link: PlatformLink } {
  if (window.consoleApi) return createIpcApi(window.consoleApi);
  const token = new URLSearchParams(window.location.search).get('token');
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  const { api, link } = createWsApi({ url: `${scheme}://${window.location.host}/api/ws${query}` });
  return { api, link };
}

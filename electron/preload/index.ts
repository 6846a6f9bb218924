import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { channelOf, consoleContract, type ConsoleApi } from '../../shared/contract';
import { buildClient } from '../../shared/contract/client';
import type { IpcEnvelope } from '../../shared/contract/wire';

// The closed bridge: exactly the contract's members, nothing else; no
// ipcRenderer, no generic send/on. Errors travel as plain data objects because
// contextBridge drops custom properties of Error instances; the renderer's
// platform adapter turns them back into ConsoleError.

const consoleApi = buildClient(consoleContract, {
  call: async (name, args) => {
    const envelope = (await ipcRenderer.invoke(channelOf(name), ...args)) as IpcEnvelope;
    if (envelope.ok) return envelope.v;
    throw envelope.err;
  },
  listen: (name, listener) => {
    const handler = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(channelOf(name), handler);
    return () => {
      ipcRenderer.removeListener(channelOf(name), handler);
    };
  },
}) satisfies ConsoleApi;

contextBridge.exposeInMainWorld('consoleApi', consoleApi);

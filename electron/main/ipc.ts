import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { channelOf, consoleContract, eventNamesOf, methodNamesOf, type ConsoleHandlers } from '../../shared/contract';
import type { Core } from '../core';
import { isAppUrl } from './origin';

/**
 * The IPC adapter: one handler per contract method, all through the shared
 * dispatcher (schema-validated arguments, typed errors in an envelope). A call
 * from any frame that is not the console's own top-level page is refused.
 * Events go to every console window.
 */
export function registerIpc(core: Core, shellHandlers: Partial<ConsoleHandlers> = {}): () => void {
  // What only the desktop shell can do (the open dialog) replaces the core's answer for it.
  const dispatch = core.dispatcher(shellHandlers);
  const watched = new Set<number>();
  const methods = methodNamesOf(consoleContract);
  for (const name of methods) {
    ipcMain.handle(channelOf(name), async (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      if (!trustedSender(event)) {
        core.log.warn('ipc call refused: untrusted sender', { method: name, url: event.senderFrame?.url });
        return { ok: false, err: { code: 'unauthorized', message: 'calls are accepted only from the console page' } };
      }
      // One session per window (its webContents): closing the window signs its people out.
      const contents = event.sender;
      const connection = `ipc:${contents.id}`;
      if (!watched.has(contents.id)) {
        watched.add(contents.id);
        contents.once('destroyed', () => {
          watched.delete(contents.id);
          void core.endConnection(connection);
        });
      }
      return dispatch(name, args, connection);
    });
  }
  const unsubscribers = eventNamesOf(consoleContract).map((name) =>
    core.events.subscribe(name, (payload) => {
      for (const win of BrowserWindow.getAllWindows()) {
        if (!win.isDestroyed() && isAppUrl(win.webContents.getURL())) win.webContents.send(channelOf(name), payload);
      }
    }),
  );
  return () => {
    for (const name of methods) ipcMain.removeHandler(channelOf(name));
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}

function trustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return isAppUrl(frame.url);
}

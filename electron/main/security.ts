import { app, session, shell, type WebContents } from 'electron';
import { isAllowedExternal, isAppUrl } from './origin';

/**
 * Hardening for every web contents the app creates (Electron security
 * checklist): no navigation away from the console, no new windows, external
 * links only to allow-listed https origins and only through the OS browser,
 * no permissions except full screen.
 */
export function hardenWebContents(externalAllowList: readonly string[]): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternal(url, externalAllowList)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

export function restrictPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => {
    callback(permission === 'fullscreen');
  });
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => permission === 'fullscreen');
}

import { BrowserWindow, Menu, powerSaveBlocker, screen, type Display } from 'electron';
import type { Log } from '../core/support/log';
import { appUrl } from './origin';
import { planWindowsFor, type WindowPlanOf } from './windowPlan';

export type WindowPlan = WindowPlanOf<Display>;

/** Decides which windows a station opens on which displays (windowPlan.ts; see docs in README). */
export function planWindows(station: 'desk' | 'wall' | 'replay', options: { wallWindow: boolean; wallDisplays: readonly number[] | undefined }): WindowPlan[] {
  return planWindowsFor(station, options, screen.getAllDisplays(), screen.getPrimaryDisplay());
}

/**
 * Opens one window. Wall windows never throttle in the background, hide the
 * menu, and heal themselves: a crashed or hung renderer is reloaded, a failed
 * load is retried.
 */
export function openWindow(plan: WindowPlan, preload: string, log: Log): BrowserWindow {
  const { x, y, width, height } = plan.display.workArea;
  const isWall = plan.kind === 'wall';
  const win = new BrowserWindow({
    x: isWall ? x : x + 40,
    y: isWall ? y : y + 40,
    width: isWall ? width : Math.min(1680, width - 80),
    height: isWall ? height : Math.min(1050, height - 80),
    kiosk: plan.kiosk,
    fullscreen: plan.kiosk,
    autoHideMenuBar: true,
    backgroundColor: '#0b1016',
    // The wall's address in the title, so an operator can tell which screen is which.
    title: plan.wall ? `Watchpost ${plan.wall}` : 'Watchpost',
    show: false,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      backgroundThrottling: !isWall,
      autoplayPolicy: 'no-user-gesture-required',
    },
  });
  if (isWall) win.setMenu(null);
  win.once('ready-to-show', () => win.show());

  const url = appUrl(plan.route);
  const load = (): void => {
    win.loadURL(url).catch((err: unknown) => log.warn('window load failed', { route: plan.route, error: String(err) }));
  };
  let blocker: number | undefined;
  if (isWall) blocker = powerSaveBlocker.start('prevent-display-sleep');

  win.webContents.on('render-process-gone', (_event, details) => {
    log.error('renderer gone; reloading', { route: plan.route, reason: details.reason, exitCode: details.exitCode });
    setTimeout(() => {
      if (!win.isDestroyed()) load();
    }, 1000);
  });
  let hangTimer: NodeJS.Timeout | undefined;
  win.on('unresponsive', () => {
    log.warn('renderer unresponsive', { route: plan.route });
    hangTimer = setTimeout(() => {
      if (win.isDestroyed()) return;
      log.error('renderer hung for 10 s; restarting it', { route: plan.route });
      win.webContents.forcefullyCrashRenderer();
    }, 10_000);
  });
  win.on('responsive', () => clearTimeout(hangTimer));
  win.webContents.on('did-fail-load', (_event, code, description, _url, isMainFrame) => {
    if (!isMainFrame) return;
    log.warn('page failed to load; retrying', { route: plan.route, code, description });
    setTimeout(() => {
      if (!win.isDestroyed()) load();
    }, 2000);
  });
  win.on('closed', () => {
    clearTimeout(hangTimer);
    if (blocker !== undefined && powerSaveBlocker.isStarted(blocker)) powerSaveBlocker.stop(blocker);
  });

  load();
  return win;
}

/** Kiosk and wall stations have no menu; the desk keeps a minimal one for copy/paste and zoom. */
export function installMenu(station: 'desk' | 'wall' | 'replay'): void {
  if (station === 'wall') {
    Menu.setApplicationMenu(null);
    return;
  }
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      { role: 'editMenu' },
      { label: 'View', submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] },
    ]),
  );
}

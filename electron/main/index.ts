import { app, BrowserWindow, dialog } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConsoleError } from '../../shared/errors';
import { createCore, type Core } from '../core';
import { refuseDemoAlarmsUnlessDemo, startDemoAlarms, type DemoAlarms } from '../core/alerts/demoCli';
import { parseConsoleArgs, type ConsoleOptions } from '../core/options';
import { APP_FOLDER } from '../core/paths';
import { installLastResort } from '../core/support/lastResort';
import { debugSwitchesIn, refuseDebugLaunch } from './debugSwitches';
import { journalPaths } from '../core/journal/service';
import { registerIpc } from './ipc';
import { journalKeyVault } from './keystore';
import { chooseReplaySource } from './replayDialog';
import { registerAppScheme, serveAppProtocol } from './protocol';
import { hardenWebContents, restrictPermissions } from './security';
import { installMenu, openWindow, planWindows } from './windows';

// The desktop shell: windows, the app:// protocol and the IPC adapter around
// the same core host mode uses. Nothing here holds console logic.

const here = fileURLToPath(new URL('.', import.meta.url));
const appRoot = join(here, '..', '..');
const resources = app.isPackaged ? process.resourcesPath : join(appRoot, 'resources');

app.setName(APP_FOLDER);
// One console per data folder: a second launch focuses the first.
if (!app.requestSingleInstanceLock()) app.quit();

registerAppScheme();
hardenWebContents([]);

let options: ConsoleOptions;
try {
  const args = process.argv.slice(app.isPackaged ? 1 : 2);
  options = parseConsoleArgs(args, process.env, join(resources, 'demo-site', 'site.json'));
  if (!process.env.WATCHPOST_DATA_DIR && !args.some((a) => a.startsWith('--data-dir'))) {
    options = { ...options, dataDir: app.getPath('userData') };
  }
  // A wall station refuses debugging switches (packaged builds also have the Node ones fused off).
  const debug = debugSwitchesIn(process.argv, process.env, (name) => app.commandLine.hasSwitch(name));
  const refusal = refuseDebugLaunch(options.station, debug);
  if (refusal) throw new ConsoleError('invalid-argument', refusal);
  if (debug.length > 0) process.stderr.write(`watchpost: warning: started with debugging switches (${debug.join(', ')})\n`);
} catch (err) {
  fatal(err);
}

let core: Core | undefined;
let demo: DemoAlarms | undefined;

app.whenReady().then(async () => {
  const started = await createCore({
    paths: { siteFile: options.siteFile, dataDir: options.dataDir },
    rendererDir: join(appRoot, 'out', 'renderer'),
    // The journal writer runs in a worker thread of the main process.
    workers: { journal: { file: join(here, 'journal-worker.js') }, replay: { file: join(here, 'replay-worker.js') } },
    station: options.station,
    shell: 'electron',
    version: app.getVersion(),
    random: Math.random,
    // The journal signing key sealed by the OS keystore where one protects it (keystore.ts).
    keyVault: await journalKeyVault(journalPaths(options.dataDir).keyFile),
  });
  core = started;
  // As in host mode: a throw nothing else caught is logged and the console keeps running
  // (without a handler Electron shows a dialog over the wall and the state of the rest is unknown).
  installLastResort(started.log);
  restrictPermissions();
  serveAppProtocol(started.assets);
  registerIpc(started, {
    // The replay open dialog: what the user chooses there (and only that, outside the data folder) openReplay may open.
    chooseReplaySource: () =>
      chooseReplaySource((dialogOptions) => {
        const parent = BrowserWindow.getFocusedWindow();
        return parent ? dialog.showOpenDialog(parent, dialogOptions) : dialog.showOpenDialog(dialogOptions);
      }, started.replayPaths),
  });
  if (options.demoAlarms) {
    // The demo stream through the loopback webhook the core listens on (a busy port leaves it without one, said in the log).
    const url = started.alerts.webhookUrl;
    try {
      refuseDemoAlarmsUnlessDemo(started.site.site);
    } catch (err) {
      fatal(err);
    }
    if (url === undefined) started.log.warn('--demo-alarms: the alert webhook is not listening; no demo alarms');
    else demo = startDemoAlarms({ site: started.site.site, url, token: started.alerts.webhookToken, log: started.log.child({ part: 'demo' }), now: () => Date.now(), random: Math.random });
  }
  installMenu(options.station);
  const preload = join(here, '..', 'preload', 'index.cjs');
  for (const plan of planWindows(options.station, options)) openWindow(plan, preload, started.log);
}).catch(fatal);

app.on('second-instance', () => {
  // Single instance: nothing to open; the running console's windows stay as they are.
});

app.on('window-all-closed', () => {
  void demo?.stop();
  void core
    ?.close()
    .catch((err: unknown) => core?.log.error('core did not close cleanly', { error: err instanceof Error ? err.message : String(err) }))
    .finally(() => app.quit());
});

function fatal(err: unknown): never {
  const message = err instanceof ConsoleError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err);
  process.stderr.write(`watchpost: ${message}\n`);
  if (app.isReady()) dialog.showErrorBox('Watchpost cannot start', message);
  app.exit(1);
  throw err;
}

import { mkdirSync } from 'node:fs';
import type { ConsoleContract, ConsoleHandlers, Station } from '../../shared/contract';
import { ConsoleError } from '../../shared/errors';
import type { SiteView } from '../../shared/site/view';
import { createAssetRouter, type AssetRouter } from './http/assets';
import { buildCsp } from './http/csp';
import { loadOrCreateIdentity, type Identity } from './identity';
import { CameraSimulator } from './media/simulator';
import type { CorePaths } from './paths';
import { SettingsStore } from './settings';
import { loadSite, type LoadedSite } from './site/loadSite';
import { buildSiteView } from './site/siteView';
import { systemClock, type Clock } from './support/clock';
import { EventHub } from './support/events';
import { createLog, type Log } from './support/log';

export interface CoreOptions {
  readonly paths: CorePaths;
  /** The built renderer the asset router serves (out/renderer). */
  readonly rendererDir: string;
  readonly station: Station;
  readonly shell: 'electron' | 'host';
  readonly version: string;
  readonly clock?: Clock;
  readonly log?: Log;
  /** Extra origins the renderer may connect to (the host's own ws:// origin). */
  readonly connectOrigins?: readonly string[];
}

export interface Core {
  readonly handlers: ConsoleHandlers;
  readonly events: EventHub<ConsoleContract>;
  readonly assets: AssetRouter;
  readonly site: LoadedSite;
  readonly siteView: SiteView;
  readonly identity: Identity;
  readonly simulator: CameraSimulator;
  readonly log: Log;
  close(): Promise<void>;
}

/**
 * Builds the console's core: plain Node, no Electron. The site is loaded and
 * validated before anything in the data folder is touched, so a bad site
 * file changes nothing on disk.
 */
export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? createLog({ now: () => clock.now() });
  const site = loadSite(options.paths.siteFile);
  for (const w of site.warnings) log.warn('site warning', { ...w });

  try {
    mkdirSync(options.paths.dataDir, { recursive: true });
  } catch (err) {
    throw new ConsoleError('unavailable', `cannot create data folder ${options.paths.dataDir}: ${(err as Error).message}`);
  }
  const identity = loadOrCreateIdentity(options.paths.dataDir, () => clock.now());
  const settings = new SettingsStore(options.paths.dataDir, log, () => clock.now());
  const events = new EventHub<ConsoleContract>((name, err) => log.error('event listener failed', { event: name, error: String(err) }));
  const simulator = new CameraSimulator(site.site.cameras, site.dir, () => clock.now(), log, (status) =>
    events.emit('onSourceStatus', status),
  );
  const siteView = buildSiteView(site.site);
  const assets = createAssetRouter({
    rendererDir: options.rendererDir,
    siteDir: site.dir,
    simulator,
    csp: buildCsp(site.site, options.connectOrigins),
  });

  const handlers: ConsoleHandlers = {
    getBootstrap: async () => ({
      console: { id: identity.consoleId, station: options.station, version: options.version, shell: options.shell },
      site: siteView,
      settings: settings.get(),
      sources: simulator.statuses(),
    }),
    setLocale: async (locale) => {
      const next = settings.update({ locale });
      events.emit('onSettingsChanged', next);
      return next;
    },
    simulateSourceFault: async (fault) => simulator.setFault(fault),
  };

  log.info('core ready', { site: site.site.id, console: identity.consoleId, station: options.station, shell: options.shell });
  return {
    handlers,
    events,
    assets,
    site,
    siteView,
    identity,
    simulator,
    log,
    close: async () => {
      log.info('core closed');
    },
  };
}

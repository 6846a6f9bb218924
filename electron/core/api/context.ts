import type { ConsoleContract, Station } from '../../../shared/contract';
import type { SiteView } from '../../../shared/site/view';
import type { SiteSummary } from '../../../shared/command/siteSummary';
import type { PeerStatus } from '../../../shared/sync/peers';
import type { AlertService } from '../alerts/alertService';
import type { DrillService } from '../drills/drillService';
import type { Identity } from '../identity';
import type { ReplayPaths } from '../replay/allowedPaths';
import type { ReplayClient } from '../replay/client';
import type { RosterService } from '../roster/rosterService';
import type { JournalService } from '../journal/service';
import type { CameraSimulator } from '../media/simulator';
import type { SettingsStore } from '../settings';
import type { LoadedSite } from '../site/loadSite';
import type { SiteEditor } from '../site/siteEditor';
import type { StateService } from '../state/stateService';
import type { Clock } from '../support/clock';
import type { EventHub } from '../support/events';
import type { Log } from '../support/log';

/** What every group of contract handlers may use: the core's services, wired once in createCore. */
export interface CoreContext {
  readonly site: LoadedSite;
  readonly siteView: SiteView;
  readonly identity: Identity;
  readonly settings: SettingsStore;
  readonly events: EventHub<ConsoleContract>;
  readonly clock: Clock;
  readonly log: Log;
  readonly journal: JournalService;
  readonly state: StateService;
  readonly simulator: CameraSimulator;
  readonly dataDir: string;
  readonly station: Station;
  readonly shell: 'electron' | 'host';
  readonly version: string;
  /** The site's other consoles (empty without a bus). */
  readonly peers: () => PeerStatus[];
  /** Summaries of the sites a command-centre desk watches (empty otherwise). */
  readonly commandCentre: () => SiteSummary[];
  readonly drills: DrillService;
  readonly replay: ReplayClient;
  /** What openReplay may open (the data folder's journals and bundles, files chosen in the open dialog). */
  readonly replayPaths: ReplayPaths;
  readonly alerts: AlertService;
  readonly siteEditor: SiteEditor;
  readonly roster: RosterService;
}

/** The actor recorded for entries made at this console: the signed-in operator. */
export function currentActor(ctx: CoreContext): string {
  return ctx.settings.get().operator ?? `unsigned@${ctx.identity.consoleId}`;
}

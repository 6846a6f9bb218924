import type { ConsoleContract, Station } from '../../../shared/contract';
import type { SiteView } from '../../../shared/site/view';
import type { SiteSummary } from '../../../shared/command/siteSummary';
import type { PeerStatus } from '../../../shared/sync/peers';
import { acting, type AccessRecord, type AccountStore, type SessionManager } from '../access';
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
  /** Accounts, sessions and the journaling of sign-ins (electron/core/access). */
  readonly access: {
    readonly accounts: AccountStore;
    readonly sessions: SessionManager;
    readonly record: AccessRecord;
    /** Sharing the accounts with the site's other consoles, when there is a bus and a journal key. */
    readonly sync?: { readonly caughtUp: boolean } | undefined;
  };
}

/**
 * The actor recorded for an entry: the person at the keyboard of the desk the
 * call came from, as the gate established it; "system" for what the console
 * does by itself (no call is being handled).
 */
export function currentActor(_ctx: CoreContext): string {
  return acting()?.actor ?? 'system';
}

/**
 * A four-eyes check the handler makes where the need depends on the
 * arguments: returns the supervisor's id to record beside the actor (absent
 * when the actor is a supervisor), or throws `forbidden`.
 */
export function requireFourEyes(ctx: CoreContext, method: string): string | undefined {
  const current = acting();
  if (!current) return undefined;
  const checked = ctx.access.sessions.requireFourEyes(current, method);
  current.approver = checked.approver;
  current.usedApproval = checked.usedApproval ?? false;
  return checked.approver;
}

/** The supervisor who approved the four-eyes action being handled, when not the actor. */
export function approver(): string | undefined {
  return acting()?.approver;
}

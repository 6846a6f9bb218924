import { join } from 'node:path';
import { consoleContract, type ConsoleContract, type ConsoleHandlers, type Station } from '../../shared/contract';
import { createDispatcher } from '../../shared/contract/dispatch';
import type { IpcEnvelope } from '../../shared/contract/wire';
import { onDuty } from '../../shared/state/journalDomain';
import { supervisorOnDuty } from '../../shared/roster/shifts';
import type { Roster } from '../../shared/site/roster';
import { journalKinds, type AlertRef } from '../../shared/journal/kinds';
import { searchableKinds, type SummarySource } from '../../shared/journal/summary';
import { alertById } from '../../shared/state/alertsDomain';
import { consoleHandlers } from './api/consoleHandlers';
import { accessHandlers } from './api/accessHandlers';
import { accessGuard, createAccess } from './access';
import { AccountSync } from './access/accountSync';
import type { CoreContext } from './api/context';
import { drillHandlers } from './api/drillHandlers';
import { alertHandlers } from './api/alertHandlers';
import { AlertService } from './alerts/alertService';
import { journalHandlers } from './api/journalHandlers';
import { wallHandlers } from './api/wallHandlers';
import { syncHandlers } from './api/syncHandlers';
import { rosterHandlers } from './api/rosterHandlers';
import { NatsLink } from './bus/natsLink';
import { resolveBusConnection } from './bus/busOptions';
import { DrillService } from './drills/drillService';
import { createAssetRouter, type AssetRouter } from './http/assets';
import { buildCsp } from './http/csp';
import { identityFile, loadOrCreateIdentity, type Identity } from './identity';
import type { WorkerEntry } from './journal/client';
import { JournalService, journalPaths } from './journal/service';
import { CameraSimulator } from './media/simulator';
import type { CorePaths } from './paths';
import { SettingsStore } from './settings';
import { ReplayPaths } from './replay/allowedPaths';
import { ReplayClient } from './replay/client';
import { RosterService } from './roster/rosterService';
import type { LoadedSite } from './site/loadSite';
import { loadEditableSite, SiteEditor } from './site/siteEditor';
import { siteHandlers } from './api/siteHandlers';
import { StateService } from './state/stateService';
import { viewChanges } from './state/viewChanges';
import { FoldFile } from './state/foldFile';
import { CommandCentre } from './sync/commandCentre';
import { PeerReplicator } from './sync/peerReplicator';
import { ConsoleEnrolment } from './sync/enrolment';
import { KeptApartStore } from './sync/keptApart';
import { PeerWitness } from './sync/peerWitness';
import { keyFilePem, SealPublisher, sealSigner, type SealSigner } from './sync/seals';
import { PresenceTracker } from './sync/presence';
import { JournalRelay } from './sync/relay';
import { systemClock, type Clock } from './support/clock';
import { makeTreePrivate, mkdirPrivate } from './support/privateFiles';
import { writeError } from './support/atomicFile';
import type { KeyVault } from './support/keyVault';
import { EventHub } from './support/events';
import { coalesce } from './support/coalesce';
import type { JournalEntry } from '../../shared/journal/entry';
import { createLog, type Log } from './support/log';

/** How often the windows get the journal's new entries at most (a frame): a storm's many small commits reach them as one. */
const VIEW_PUSH_MS = 16;

export interface CoreOptions {
  readonly paths: CorePaths;
  /** The built renderer the asset router serves (out/renderer). */
  readonly rendererDir: string;
  /** Code of the core's worker threads: out/main/*-worker.js, or source shims in tests. */
  readonly workers: { readonly journal: WorkerEntry; readonly replay: WorkerEntry };
  readonly station: Station;
  readonly shell: 'electron' | 'host';
  readonly version: string;
  readonly clock?: Clock;
  /** Uniform in [0, 1): jitter of the bus's reconnect and the relay's retry waits. The composition root passes Math.random. */
  readonly random: () => number;
  readonly log?: Log;
  /** Extra origins the renderer may connect to. */
  readonly connectOrigins?: readonly string[];
  /** Journal tuning for tests and benchmarks. */
  readonly journal?: { readonly checkpointEvery?: number; readonly checkpointIntervalMs?: number; readonly maxPageCount?: number };
  /** Where the journal signing key is kept: the OS keystore in the desktop app (support/keyVault.ts); default the 0600 key file. */
  readonly keyVault?: KeyVault;
}

export interface Core {
  /** The handlers themselves, ungated: for the core's own callers and tests; their entries record "system". */
  readonly handlers: ConsoleHandlers;
  /**
   * What the shells serve: every call through the permission gate, as the
   * person signed in at the calling connection. `overrides` replace handlers
   * only a shell can serve (the desktop's open dialog).
   */
  dispatcher(overrides?: Partial<ConsoleHandlers>): (name: string, args: unknown, connection: string) => Promise<IpcEnvelope>;
  /** A window closed or a socket dropped: the people signed in there are signed out. */
  endConnection(connection: string): Promise<void>;
  readonly access: CoreContext['access'];
  readonly events: EventHub<ConsoleContract>;
  readonly assets: AssetRouter;
  readonly site: LoadedSite;
  readonly identity: Identity;
  readonly simulator: CameraSimulator;
  readonly journal: JournalService;
  readonly state: StateService;
  /** Present when the site has a bus. */
  readonly link: NatsLink | undefined;
  readonly relay: JournalRelay | undefined;
  readonly replicator: PeerReplicator | undefined;
  readonly drills: DrillService;
  readonly replay: ReplayClient;
  /** openReplay's allowed paths: electron/main calls `replayPaths.allow(path)` when its open dialog returns one. */
  readonly replayPaths: ReplayPaths;
  readonly alerts: AlertService;
  readonly roster: RosterService;
  readonly log: Log;
  close(): Promise<void>;
}

/**
 * Builds the console's core: plain Node, no Electron. The site is loaded and
 * validated before anything in the data folder is touched, so a bad site
 * file changes nothing on disk. Then the journal opens (its own thread) and
 * the site state is rebuilt from it.
 */
export async function createCore(options: CoreOptions): Promise<Core> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? createLog({ now: () => clock.now() });
  const site = loadEditableSite(options.paths.siteFile, options.paths.dataDir);
  for (const w of site.warnings) log.warn('site warning', { ...w });

  const dataDir = options.paths.dataDir;
  // The bus's secret files are read before the data folder is touched: a missing one is named and nothing starts.
  const busConnection = site.site.bus ? resolveBusConnection(site.site.bus, { siteDir: site.dir, dataDir }) : undefined;
  try {
    mkdirPrivate(dataDir);
    // Folders 0700, files 0600: also what an older version or another umask left (support/privateFiles.ts).
    makeTreePrivate(dataDir);
  } catch (err) {
    // Typed (a full disk is `storage-full`), so the shells print the reason, not a stack trace.
    throw writeError(err, 'the data folder', dataDir);
  }
  const identity = loadOrCreateIdentity(dataDir, () => clock.now());
  const settings = new SettingsStore(dataDir, log, () => clock.now());
  const events = new EventHub<ConsoleContract>((name, err) => log.error('event listener failed', { event: name, error: String(err) }));
  const simulator = new CameraSimulator(site.site.cameras, site.dir, () => clock.now(), log, (status) => events.emit('onSourceStatus', status));

  // Search words name what an entry refers to in both languages (shared/journal/summary.ts): from the site file
  // until the site editor, roster and state exist, then from the newest site view, the roster in force and the alerts.
  let searchNames: () => SummarySource = () => ({ site: site.site });
  const journal = await JournalService.open({
    paths: journalPaths(dataDir),
    worker: options.workers.journal,
    site: site.site.id,
    consoleId: identity.consoleId,
    kinds: searchableKinds(journalKinds, () => searchNames()),
    clock,
    log: log.child({ part: 'journal' }),
    ...options.journal,
    ...(options.keyVault ? { keyVault: options.keyVault } : {}),
  });
  // The fold is saved beside the journal (never instead of it): a restart folds only what came after.
  const foldFile = new FoldFile(join(dataDir, 'state', 'site-state.json'), { site: site.site.id, includeOwn: true, version: options.version }, log.child({ part: 'state' }));
  const state = new StateService(site.site.id, true, { file: foldFile, log: log.child({ part: 'state' }) });
  await state.load(journal);
  // The windows get the journal's batches at most once per frame (support/coalesce.ts); the fold here sees every batch at once.
  const appendedOut = coalesce<JournalEntry>((entries) => events.emit('onJournalAppended', { entries }), VIEW_PUSH_MS);
  const stateOut = coalesce<JournalEntry>((entries) => events.emit('onSiteState', { kind: 'append', entries }), VIEW_PUSH_MS);
  journal.onAppended((entries) => {
    state.apply(entries);
    appendedOut.push(entries);
  });
  journal.onStatus((status) => events.emit('onJournalStatus', status));
  viewChanges(state, (change) => {
    if (change.kind === 'append') return stateOut.push(change.entries);
    // A reset replaces what the view holds: what waited goes first, so nothing folds out of order.
    stateOut.flush();
    events.emit('onSiteState', { kind: 'reset', state: change.state, heads: { ...change.heads } });
  });

  // The site bus, when the site has one: the journal's upstream copy (and, later, peers and alert sources).
  let link: NatsLink | undefined;
  let relay: JournalRelay | undefined;
  let replicator: PeerReplicator | undefined;
  let presence: PresenceTracker | undefined;
  let commandCentre: CommandCentre | undefined;
  // What the site's accounts are shared with over the bus (access/accountSync.ts): our key and who we trust.
  let accountShare: { signer: SealSigner; enrolment: ConsoleEnrolment } | undefined;
  const bus = site.site.bus;
  if (bus) {
    link = new NatsLink({
      servers: bus.servers,
      ...(busConnection ? { connection: busConnection } : {}),
      name: `watchpost ${site.site.id} ${identity.consoleId}`,
      clock,
      random: options.random,
      log: log.child({ part: 'bus' }),
    });
    relay = new JournalRelay({ journal, link, site: site.site.id, consoleId: identity.consoleId, clock, random: options.random, log: log.child({ part: 'relay' }), replicas: bus.replicas });
    await relay.start();
    // The site's other consoles: copies of their journals merged into our state, and who is present.
    // Only enrolled consoles' signed entries count (sync/signedCopies.ts); ours are signed for them as we append.
    const enrolment = new ConsoleEnrolment(site.site);
    const keptApart = enrolment.open ? undefined : new KeptApartStore(dataDir, site.site.id, log.child({ part: 'peers' }));
    // The site's consoles witness each other's journals: a peer contradicting what was witnessed is divergent, kept apart.
    const witness = new PeerWitness({ dataDir, site: site.site.id, log: log.child({ part: 'peer-witness' }), now: () => clock.now() });
    // The same key the journal signs with: from the desktop app's key store when it has one, else the key file.
    const vault = options.keyVault;
    const signer = await sealSigner(vault ? () => vault.load() : keyFilePem(journalPaths(dataDir).keyFile), identityFile(dataDir), log.child({ part: 'seals' }));
    if (signer) {
      accountShare = { signer, enrolment };
      const status = journal.status();
      new SealPublisher({ link, site: site.site.id, consoleId: identity.consoleId, signer, head: { seq: status.headSeq, hash: status.headHash }, onAppended: (l) => journal.onAppended(l), log: log.child({ part: 'seals' }), minIntervalMs: enrolment.open ? 1000 : 0 }).start();
    }
    replicator = new PeerReplicator({
      journal,
      link,
      site: site.site.id,
      consoleId: identity.consoleId,
      clock,
      log: log.child({ part: 'peers' }),
      onEntries: (entries, more) => state.apply(entries, { more }),
      enrolment,
      ...(keptApart ? { keptApart } : {}),
      witness,
    });
    await replicator.start();
    const replicatorRef = replicator;
    presence = new PresenceTracker({
      link,
      site: site.site.id,
      consoleId: identity.consoleId,
      station: options.station,
      clock,
      log: log.child({ part: 'presence' }),
      headSeq: () => journal.status().headSeq,
      held: () => replicatorRef.heldHeads(),
      problemOf: (id) => replicatorRef.problemOf(id) ?? state.peerProblem(id),
      trustOf: (id) => {
        const kept = keptApart?.summary(id);
        const unsigned = replicatorRef.unsignedOf(id);
        const d = witness.divergenceOf(id);
        const divergence = d ? { divergence: { seq: d.seq, heldHash: d.heldHash, receivedHash: d.receivedHash } } : {};
        return { ...(enrolment.enrolled(id) ? {} : { unknown: true }), ...(kept ? { keptApart: kept } : {}), ...(unsigned > 0 ? { unsigned } : {}), ...divergence };
      },
      keptApartIds: () => keptApart?.consoles() ?? [],
      onChange: (peers) => events.emit('onPeers', peers),
    });
    presence.start();
    if (site.site.commandCentre) {
      commandCentre = new CommandCentre({
        journal,
        link,
        consoleId: identity.consoleId,
        clock,
        log: log.child({ part: 'command-centre' }),
        sites: site.site.commandCentre.sites,
      });
      await commandCentre.start();
      commandCentre.onChange((sites) => events.emit('onCommandCentre', sites));
    }
    link.start();
  }

  const assets = createAssetRouter({
    rendererDir: options.rendererDir,
    siteDir: site.dir,
    dataDir,
    simulator,
    csp: buildCsp(site.site, options.connectOrigins),
  });

  // The roster service starts after the alerts (drills need both); escalations ask it once it exists.
  const rosterRef: { current?: () => Roster } = {};
  const alerts = new AlertService({
    journal,
    state,
    site: site.site,
    link,
    dataDir,
    clock,
    random: options.random,
    supervisorOnDuty: () => (rosterRef.current ? supervisorOnDuty(rosterRef.current(), site.site.timezone, clock.now()) : undefined),
    log: log.child({ part: 'alerts' }),
  });
  await alerts.start();
  if (options.shell === 'electron') await alerts.listenForWebhook();
  const drills = new DrillService({
    journal,
    state,
    scenarios: site.drills.map((d) => d.scenario),
    simulator,
    clock,
    log: log.child({ part: 'drills' }),
    hooks: { raiseAlert: (inject, entry) => alerts.raiseDrillAlert(inject, entry), closeDrillAlerts: (actor) => alerts.closeDrillAlerts(actor) },
  });
  drills.resume();
  const replay = new ReplayClient(options.workers.replay, journalPaths(dataDir).file, log.child({ part: 'replay' }));
  const replayPaths = new ReplayPaths(dataDir);
  const roster = new RosterService({ site: site.site, journal, state, dataDir, consoleId: identity.consoleId, clock, log: log.child({ part: 'roster' }), escalate: options.station === 'desk' });
  rosterRef.current = () => roster.current();
  roster.onChange((r) => events.emit('onRoster', r));
  roster.start();

  const access = createAccess({
    dataDir,
    station: options.station,
    clock,
    log: log.child({ part: 'access' }),
    journal,
    idleLockMinutes: site.site.access.idleLockMinutes,
    timeZone: site.site.timezone,
    roster: () => roster.current(),
    lastHandover: () => state.current().duty.lastHandover,
    onChanged: () => events.emit('onSessionsChanged', { at: clock.now() }),
  });
  const accountSync =
    link && accountShare
      ? new AccountSync({ link, site: site.site.id, consoleId: identity.consoleId, ...accountShare, accounts: access.accounts, replicas: bus?.replicas, onChanged: () => events.emit('onSessionsChanged', { at: clock.now() }), log: log.child({ part: 'accounts' }) })
      : undefined;
  accountSync?.start();
  // Sessions end with the process: whoever the journal still shows signed in here from before is signed out now.
  for (const p of onDuty(state.current().duty, identity.consoleId)) await access.record('operator.signedOut', { account: p.account, why: 'restart' }, p.account);

  const siteEditor = new SiteEditor({ site, journal, clock, log: log.child({ part: 'site' }), onChanged: (view) => events.emit('onSiteChanged', view) });
  const alertRef = (id: string): AlertRef | undefined => {
    const alert = alertById(state.current().alerts, id);
    return alert ? { type: alert.type, zone: alert.zone } : undefined;
  };
  searchNames = () => ({ site: siteEditor.view(), people: roster.current().people, alert: alertRef });
  const ctx: CoreContext = {
    site,
    // The Plans section edits the site: always hand out the newest view.
    get siteView() {
      return siteEditor.view();
    },
    identity,
    settings,
    events,
    clock,
    log,
    journal,
    state,
    simulator,
    dataDir,
    station: options.station,
    shell: options.shell,
    version: options.version,
    peers: () => presence?.peers() ?? [],
    commandCentre: () => commandCentre?.summaries() ?? [],
    drills,
    replay,
    replayPaths,
    alerts,
    siteEditor,
    roster,
    access: { ...access, sync: accountSync },
  };
  const handlers: ConsoleHandlers = {
    ...consoleHandlers(ctx),
    ...journalHandlers(ctx),
    ...drillHandlers(ctx),
    ...alertHandlers(ctx),
    ...siteHandlers(ctx),
    ...wallHandlers(ctx),
    ...syncHandlers(ctx),
    ...rosterHandlers(ctx),
    ...accessHandlers(ctx),
  };
  const guard = accessGuard(access.sessions, {
    log,
    monotonic: () => clock.monotonic(),
    refused: (method, needed, account) =>
      void access.record('access.refused', { method, needed, account, station: options.station }, account ?? 'system'),
  });

  log.info('core ready', { site: site.site.id, console: identity.consoleId, station: options.station, shell: options.shell, journalHead: journal.status().headSeq });
  return {
    handlers,
    dispatcher: (overrides = {}) => createDispatcher(consoleContract, { ...handlers, ...overrides }, log, guard),
    endConnection: (connection) => access.sessions.endConnection(connection),
    access: ctx.access,
    events,
    assets,
    site,
    identity,
    simulator,
    journal,
    state,
    link,
    relay,
    replicator,
    drills,
    replay,
    replayPaths,
    alerts,
    roster,
    log,
    close: async () => {
      appendedOut.flush();
      stateOut.flush();
      access.sessions.close();
      accountSync?.close();
      await roster.close();
      drills.close();
      alerts.close();
      await replay.shutdown();
      presence?.stop();
      replicator?.stop();
      commandCentre?.close();
      relay?.stop();
      await link?.close();
      state.save();
      await journal.close();
      log.info('core closed');
    },
  };
}

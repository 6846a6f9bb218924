import { z } from 'zod';
import { SourceFaultSchema, SourceStatusSchema } from '../media/sources';
import { LocaleSchema } from '../i18n/locale';
import { AppendDraftSchema, type JournalEntry } from '../journal/entry';
import { JournalQuerySchema } from '../journal/query';
import { JournalStatusSchema } from '../journal/status';
import { SettingsSchema } from '../settings';
import type { SiteView } from '../site/view';
import type { SiteState } from '../state';
import { PeerStatusSchema } from '../sync/peers';
import { EnrollConsoleSchema } from '../sync/kinds';
import { SiteSummarySchema } from '../command/siteSummary';
import { PlanEditSchema } from '../plans/edit';
import type { DrillScenario } from '../drill/scenario';
import type { DrillScore } from '../drill/scoring';
import type { DrillRun } from '../state/drillDomain';
import { ReplaySourceSchema, type ReplayFrame, type ReplayInfo, type ReplaySourceInfo, type TimelineEntry } from '../replay/types';
import { alertMethods } from '../alerts/contract';
import { wallContract } from '../wall/contract';
import { rosterContract } from '../roster/contract';
import { accessContract } from '../access/contract';
import { event, method, type ClientApi, type EventSource, type MethodHandlers } from './define';

export { stations, StationSchema, type Station } from './stations';
import { StationSchema } from './stations';

export const BootstrapSchema = z.strictObject({
  console: z.strictObject({
    /** Stable id of this console (its data folder), used in journals and on the bus. */
    id: z.string(),
    station: StationSchema,
    version: z.string(),
    /** `electron`: the desktop app; `host`: served to a browser on 127.0.0.1. */
    shell: z.enum(['electron', 'host']),
  }),
  site: z.custom<SiteView>(),
  settings: SettingsSchema,
  sources: z.array(SourceStatusSchema),
  journal: JournalStatusSchema,
  /** The site's drill scenarios (validated). */
  drills: z.array(z.custom<DrillScenario>()),
  /** Problems in the site folder that did not stop it opening (a missing plan image, a bad drill file). */
  siteWarnings: z.array(z.strictObject({ file: z.string(), path: z.string(), message: z.string() })),
});
export type Bootstrap = z.infer<typeof BootstrapSchema>;

const EntrySchema = z.custom<JournalEntry>();

/** The projection of the journal and the newest entry folded into it, per console. */
export const SiteStateSnapshotSchema = z.strictObject({
  state: z.custom<SiteState>(),
  heads: z.record(z.string(), z.number().int()),
});
export type SiteStateSnapshot = z.infer<typeof SiteStateSnapshotSchema>;

/**
 * How the site state moves: usually new entries appended in merge order (fold
 * them), sometimes a reset (late entries from another console were slotted
 * into their place: replace the state).
 */
export const SiteStateChangeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('append'), entries: z.array(EntrySchema) }),
  z.strictObject({ kind: z.literal('reset'), state: z.custom<SiteState>(), heads: z.record(z.string(), z.number().int()) }),
]);
export type SiteStateChange = z.infer<typeof SiteStateChangeSchema>;

const DayRangeSchema = z.strictObject({
  /** Calendar day in the site's time zone. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'),
});

export const ExportResultSchema = z.strictObject({
  dir: z.string(),
  entries: z.number().int(),
  firstSeq: z.number().int().nullable(),
  lastSeq: z.number().int().nullable(),
  fileSha256: z.string(),
  /** URLs the renderer can open or download (relative to the console's origin). */
  entriesUrl: z.string(),
  manifestUrl: z.string(),
});
export type ExportResult = z.infer<typeof ExportResultSchema>;

export const DrillReportResultSchema = z.strictObject({
  startId: z.string(),
  url: z.string(),
  file: z.string(),
  passed: z.number().int(),
  total: z.number().int(),
  score: z.custom<DrillScore>(),
});
export type DrillReportResult = z.infer<typeof DrillReportResultSchema>;

export const DailyReportSchema = z.strictObject({
  date: z.string(),
  url: z.string(),
  file: z.string(),
  /** True when nothing needing a report happened (零报告). */
  zeroReport: z.boolean(),
  entries: z.number().int(),
});
export type DailyReport = z.infer<typeof DailyReportSchema>;

/**
 * The console's API, declared once. Every side is derived from this object:
 * the IPC channels and handler map in electron/main, the preload bridge, the
 * WebSocket server in electron/host and client in renderer/platform.
 * Adding a member here is a compile error everywhere it is not yet served.
 *
 * Methods: `name: method(argsTuple, result)`. Events: `onName: event(payload)`.
 */
export const consoleContract = {
  getBootstrap: method(z.tuple([]), BootstrapSchema),
  setLocale: method(z.tuple([LocaleSchema]), SettingsSchema),
  /** Demo sources only: stop, stall or restart a simulated camera (tests and drills). */
  simulateSourceFault: method(z.tuple([SourceFaultSchema]), z.array(SourceStatusSchema)),

  /**
   * Records an entry; resolves only after it is committed to disk. The console stamps time and mode;
   * a repeated `idempotencyKey` answers the entry already recorded (a retry after a dropped connection).
   */
  appendEntry: method(z.tuple([AppendDraftSchema]), EntrySchema),
  /** A page of the journal, newest first; pass `nextBeforeSeq` back as `beforeSeq` for the next page. */
  queryJournal: method(z.tuple([JournalQuerySchema]), z.strictObject({ entries: z.array(EntrySchema), nextBeforeSeq: z.number().int().nullable() })),
  getJournalStatus: method(z.tuple([]), JournalStatusSchema),
  /** Re-verifies the whole chain from the first entry. */
  verifyJournal: method(z.tuple([]), JournalStatusSchema),
  /** After a failed verification: keep the broken file aside and continue in a new one. */
  startNewJournalSegment: method(z.tuple([]), JournalStatusSchema),
  /** Writes entries recorded in [from, to) as JSONL with a manifest of hashes. */
  exportJournal: method(
    z.tuple([z.strictObject({ from: z.number().int(), to: z.number().int() }).refine((r) => r.to > r.from, { message: '"to" must be after "from"', path: ['to'] })]),
    ExportResultSchema,
  ),
  /** The printable daily duty report for a day, including the zero report (零报告). */
  dailyReport: method(z.tuple([DayRangeSchema]), DailyReportSchema),
  getSiteState: method(z.tuple([]), SiteStateSnapshotSchema),
  /** Drill scenarios of this site. */
  listDrills: method(z.tuple([]), z.array(z.custom<DrillScenario>())),
  /** Starts a drill: everything it causes is recorded in DRILL mode. */
  startDrill: method(z.tuple([z.strictObject({ scenarioId: z.string().min(1).max(64), speed: z.number().min(1).max(600).default(1) })]), z.custom<DrillRun>()),
  /** Ends the running drill; "real-emergency" records it LIVE and stops everything the drill set up. */
  stopDrill: method(z.tuple([z.strictObject({ reason: z.enum(['real-emergency', 'operator']), note: z.string().max(2000).optional() })]), z.null()),

  /** Journals replay can open: the live one, kept segments, exported bundles. */
  listReplaySources: method(z.tuple([]), z.array(z.custom<ReplaySourceInfo>())),
  /**
   * Desktop app only: the open dialog for a journal file (.sqlite) or an exported bundle (its manifest.json);
   * what the user chose may then be opened with openReplay. null when cancelled; `unavailable` in a browser.
   */
  chooseReplaySource: method(z.tuple([]), ReplaySourceSchema.nullable()),
  /** Opens a journal for replay (read-only; works with no network). */
  openReplay: method(z.tuple([ReplaySourceSchema]), z.custom<ReplayInfo>()),
  /** The site state at time t on an open replay's timeline. */
  replaySeek: method(z.tuple([z.strictObject({ replayId: z.string().min(1).max(32), t: z.number() })]), z.custom<ReplayFrame>()),
  /** Timeline entries from a position onward, for playing forward. */
  replayEntries: method(
    z.tuple([z.strictObject({ replayId: z.string().min(1).max(32), fromIndex: z.number().int().nonnegative(), limit: z.number().int().min(1).max(5000) })]),
    z.array(z.custom<TimelineEntry>()),
  ),
  /** The after-action report of a drill, scored from the live journal or from an open replay. */
  drillReport: method(
    z.tuple([
      z.strictObject({
        startId: z.string().min(1).max(64),
        locale: LocaleSchema.optional(),
        /** Score from this open replay instead of the live journal. */
        replayId: z.string().min(1).max(32).optional(),
      }),
    ]),
    DrillReportResultSchema,
  ),
  closeReplay: method(z.tuple([z.strictObject({ replayId: z.string().min(1).max(32) })]), z.null()),

  /** The site's other consoles on the bus: present, and how far behind our copy of their journal is. */
  getPeers: method(z.tuple([]), z.array(PeerStatusSchema)),
  /** A supervisor enrols a console by its journal key (journaled as console.enrolled); its signed entries count from then on. */
  enrollConsole: method(z.tuple([EnrollConsoleSchema]), z.array(PeerStatusSchema)),
  /** A command-centre desk: the sites it watches (empty on an ordinary console). */
  getCommandCentre: method(z.tuple([]), z.array(SiteSummarySchema)),
  /** Alert handling and the duty level (shared/alerts/contract.ts). */
  ...alertMethods,
  /** Floor-plan setup: one edit, validated and saved to the site file (or refused, file untouched). */
  editSitePlan: method(z.tuple([PlanEditSchema]), z.strictObject({ site: z.custom<SiteView>(), what: z.string() })),

  onSettingsChanged: event(SettingsSchema),
  onSourceStatus: event(SourceStatusSchema),
  /** Entries just committed (in order), for live views and the site state fold. */
  onJournalAppended: event(z.strictObject({ entries: z.array(EntrySchema) })),
  onJournalStatus: event(JournalStatusSchema),
  /** The site state (all consoles' entries, merged) moved. */
  onSiteState: event(SiteStateChangeSchema),
  onPeers: event(z.array(PeerStatusSchema)),
  onCommandCentre: event(z.array(SiteSummarySchema)),
  /** The site file was edited (Plans): fetch the bootstrap again. */
  onSiteChanged: event(z.custom<SiteView>()),
  // The camera wall (shared/wall/contract.ts).
  ...wallContract,
  // Contact roster and comms checks (shared/roster/contract.ts).
  ...rosterContract,
  // Operators: sessions, sign-in, lock, four eyes, accounts (shared/access/contract.ts).
  ...accessContract,
} as const;

export type ConsoleContract = typeof consoleContract;
export type ConsoleApi = ClientApi<ConsoleContract>;
export type ConsoleHandlers = MethodHandlers<ConsoleContract>;
export type ConsoleEvents = EventSource<ConsoleContract>;
export * from './define';

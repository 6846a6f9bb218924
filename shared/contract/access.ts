import type { MethodNames } from './define';
import type { ConsoleContract } from './index';

/**
 * Which contract methods change something (the journal, the site file, this
 * console's settings, a live source) and which only read or derive. The one
 * list replay's read-only API is built from: a new method is a compile error
 * here until it is classified. Reports and exports count as reads — they
 * write a file derived from the journal but change nothing it records.
 */
export const methodAccess = {
  getBootstrap: 'reads',
  setLocale: 'changes',
  simulateSourceFault: 'changes',
  setOperator: 'changes',
  appendEntry: 'changes',
  queryJournal: 'reads',
  getJournalStatus: 'reads',
  verifyJournal: 'reads',
  startNewJournalSegment: 'changes',
  exportJournal: 'reads',
  dailyReport: 'reads',
  getSiteState: 'reads',
  listDrills: 'reads',
  startDrill: 'changes',
  stopDrill: 'changes',
  listReplaySources: 'reads',
  chooseReplaySource: 'reads',
  openReplay: 'reads',
  replaySeek: 'reads',
  replayEntries: 'reads',
  drillReport: 'reads',
  closeReplay: 'reads',
  getPeers: 'reads',
  enrollConsole: 'changes',
  getCommandCentre: 'reads',
  acknowledgeAlert: 'changes',
  assignAlert: 'changes',
  noteAlert: 'changes',
  dispatchAlert: 'changes',
  onSceneAlert: 'changes',
  reportAlert: 'changes',
  resolveAlert: 'changes',
  falseAlarm: 'changes',
  escalateAlert: 'changes',
  alertHeatHistory: 'reads',
  setDutyLevel: 'changes',
  webhookInfo: 'reads',
  editSitePlan: 'changes',
  wallSetLayout: 'changes',
  wallPush: 'changes',
  wallSpotlight: 'changes',
  wallTour: 'changes',
  wallSnapshot: 'changes',
  wallLiftMask: 'changes',
  wallRestoreMask: 'changes',
  getRoster: 'reads',
  logAttempt: 'changes',
  ackEscalation: 'changes',
  startRollCall: 'changes',
  answerRollCall: 'changes',
  endRollCall: 'changes',
  recordDeviceTest: 'changes',
  importRosterCsv: 'changes',
  exportRosterCsv: 'reads',
  previewRosterCsv: 'reads',
  printRoster: 'reads',
} as const satisfies Record<MethodNames<ConsoleContract>, 'reads' | 'changes'>;

type Access = typeof methodAccess;
export type MutatingMethod = { [K in keyof Access]: Access[K] extends 'changes' ? K : never }[keyof Access];

/** The methods a read-only client (replay) must refuse. */
export const mutatingMethods: readonly MutatingMethod[] = (Object.keys(methodAccess) as (keyof Access)[]).filter(
  (k): k is MutatingMethod => methodAccess[k] === 'changes',
);

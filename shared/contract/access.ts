import type { Requirement } from '../access/roles';
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
  closeAlert: 'changes',
  raiseManualAlert: 'changes',
  tickAlertStep: 'changes',
  reopenAlert: 'changes',
  escalateAlert: 'changes',
  silenceAlarms: 'changes',
  alertHeatHistory: 'reads',
  closedAlarms: 'reads',
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
  getSession: 'reads',
  setupFirstAdministrator: 'changes',
  signIn: 'changes',
  signOut: 'changes',
  lockSession: 'changes',
  usePin: 'changes',
  reportActivity: 'reads',
  approveAction: 'changes',
  enrolAccount: 'changes',
  resetAccount: 'changes',
  setAccountDisabled: 'changes',
  liftLockout: 'changes',
} as const satisfies Record<MethodNames<ConsoleContract>, 'reads' | 'changes'>;

type Access = typeof methodAccess;
export type MutatingMethod = { [K in keyof Access]: Access[K] extends 'changes' ? K : never }[keyof Access];

/** The methods a read-only client (replay) must refuse. */
export const mutatingMethods: readonly MutatingMethod[] = (Object.keys(methodAccess) as (keyof Access)[]).filter(
  (k): k is MutatingMethod => methodAccess[k] === 'changes',
);

/**
 * What each method needs of its caller (shared/access/roles.ts): the table the
 * core's gate checks on every call, over IPC and WebSocket alike. A method
 * missing here is a compile error, and a test walks every method with every
 * role. The UI hides what a role cannot do; this is the gate.
 */
export const methodRequirement = {
  // Start-up and the session itself: before anyone is signed in, and through the lock.
  getBootstrap: 'anyone',
  getSession: 'anyone',
  setupFirstAdministrator: 'anyone',
  signIn: 'anyone',
  signOut: 'anyone',
  lockSession: 'anyone',
  usePin: 'anyone',
  // What a screen needs to show the site: a wall station, a locked desk (alarms keep showing).
  reportActivity: 'display',
  setLocale: 'display',
  getSiteState: 'display',
  getJournalStatus: 'display',
  getPeers: 'display',
  getCommandCentre: 'display',
  getRoster: 'display',
  listDrills: 'display',
  // Reading the record: observers (evaluators, the command centre, replay) and up.
  queryJournal: 'observer',
  verifyJournal: 'observer',
  exportJournal: 'observer',
  dailyReport: 'observer',
  listReplaySources: 'observer',
  chooseReplaySource: 'observer',
  openReplay: 'observer',
  replaySeek: 'observer',
  replayEntries: 'observer',
  drillReport: 'observer',
  closeReplay: 'observer',
  alertHeatHistory: 'observer',
  closedAlarms: 'observer',
  exportRosterCsv: 'observer',
  previewRosterCsv: 'observer',
  printRoster: 'observer',
  // Working the desk.
  simulateSourceFault: 'operator',
  appendEntry: 'operator',
  startDrill: 'operator',
  stopDrill: 'operator',
  acknowledgeAlert: 'operator',
  assignAlert: 'operator',
  noteAlert: 'operator',
  dispatchAlert: 'operator',
  onSceneAlert: 'operator',
  reportAlert: 'operator',
  closeAlert: 'operator',
  raiseManualAlert: 'operator',
  tickAlertStep: 'operator',
  reopenAlert: 'operator',
  escalateAlert: 'operator',
  silenceAlarms: 'operator',
  // Raising it to 一级 also needs a supervisor: the handler asks, as it depends on the level.
  setDutyLevel: 'operator',
  wallSetLayout: 'operator',
  wallPush: 'operator',
  wallSpotlight: 'operator',
  wallTour: 'operator',
  wallSnapshot: 'operator',
  wallRestoreMask: 'operator',
  logAttempt: 'operator',
  ackEscalation: 'operator',
  startRollCall: 'operator',
  answerRollCall: 'operator',
  endRollCall: 'operator',
  recordDeviceTest: 'operator',
  approveAction: 'operator',
  // Four eyes: a supervisor signed in at the desk, or approving on the spot.
  wallLiftMask: 'four-eyes',
  editSitePlan: 'four-eyes',
  importRosterCsv: 'four-eyes',
  startNewJournalSegment: 'four-eyes',
  enrollConsole: 'four-eyes',
  liftLockout: 'supervisor',
  // Site setup: the webhook's token, the accounts.
  webhookInfo: 'administrator',
  enrolAccount: 'administrator',
  resetAccount: 'administrator',
  setAccountDisabled: 'administrator',
} as const satisfies Record<MethodNames<ConsoleContract>, Requirement>;

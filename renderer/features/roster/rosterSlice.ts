import type { ConsoleApi } from '../../../shared/contract';
import type { RosterImportPreview, RosterImportResult } from '../../../shared/roster/contract';
import type { AttemptResult } from '../../../shared/roster/kinds';
import type { Roster } from '../../../shared/site/roster';
import type { JournalEntry } from '../../../shared/journal/entry';
import type { SliceCreator } from '../../app/store';
import { tracked } from '../../app/tracked';

export type AttemptDraft = Parameters<ConsoleApi['logAttempt']>[0];

export interface RosterSlice {
  /** The roster in force (site file with the last CSV import), once a roster view asked for it. */
  readonly roster: Roster | undefined;
  /** Why the last roster action failed; cleared by the next one that succeeds (or by the operator). */
  readonly rosterError: string | undefined;
  /** Loads the roster and follows onRoster; returns the unsubscribe (a roster view calls it while mounted). */
  watchRoster(): () => void;
  clearRosterError(): void;
  logAttempt(draft: AttemptDraft): Promise<JournalEntry | undefined>;
  ackEscalation(escalationId: string): Promise<void>;
  startRollCall(channel: string): Promise<void>;
  answerRollCall(person: string, result: AttemptResult): Promise<void>;
  endRollCall(): Promise<void>;
  recordDeviceTest(device: string, result: 'pass' | 'fail'): Promise<void>;
  /** What importing would change (nothing applied). */
  previewRosterCsv(text: string): Promise<RosterImportPreview | undefined>;
  importRosterCsv(text: string): Promise<RosterImportResult | undefined>;
  exportRosterCsv(): Promise<string | undefined>;
  /** The printable roster's URL. */
  printRoster(): Promise<string | undefined>;
}

export const createRosterSlice: SliceCreator<RosterSlice> = (api) => (set) => {
  const run = tracked((rosterError) => set({ rosterError }));
  const quiet = async (p: Promise<unknown>): Promise<void> => {
    await p;
  };
  return {
    roster: undefined,
    rosterError: undefined,
    watchRoster: () => {
      let live = true;
      api.getRoster().then(
        (roster) => live && set({ roster }),
        () => undefined, // the site file's roster stands in until the next onRoster
      );
      const off = api.onRoster((roster) => set({ roster }));
      return () => {
        live = false;
        off();
      };
    },
    clearRosterError: () => set({ rosterError: undefined }),
    logAttempt: (draft) => run(() => api.logAttempt(draft)),
    ackEscalation: (escalationId) => quiet(run(() => api.ackEscalation({ escalationId }))),
    startRollCall: (channel) => quiet(run(() => api.startRollCall({ channel }))),
    answerRollCall: (person, result) => quiet(run(() => api.answerRollCall({ person, result }))),
    endRollCall: () => quiet(run(() => api.endRollCall())),
    recordDeviceTest: (device, result) => quiet(run(() => api.recordDeviceTest({ device, result }))),
    previewRosterCsv: (text) => run(() => api.previewRosterCsv({ text })),
    importRosterCsv: (text) => run(() => api.importRosterCsv({ text })),
    exportRosterCsv: async () => (await run(() => api.exportRosterCsv()))?.csv,
    printRoster: async () => (await run(() => api.printRoster()))?.url,
  };
};

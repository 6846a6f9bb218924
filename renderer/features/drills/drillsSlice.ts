import type { DrillReportResult } from '../../../shared/contract';
import type { DrillScenario } from '../../../shared/drill/scenario';
import type { CorrectiveAction } from '../../../shared/drill/evaluationForm';
import type { JournalEntry } from '../../../shared/journal/entry';
import type { SliceCreator } from '../../app/store';
import { tracked } from '../../app/tracked';
import { appendOnce } from '../../app/appendOnce';

export interface DrillEvaluation {
  readonly strengths: readonly string[];
  readonly improvements: readonly string[];
  readonly correctiveActions: readonly CorrectiveAction[];
}

export interface DrillsSlice {
  readonly drillScenarios: readonly DrillScenario[];
  /** Why the last drill action failed; cleared by the next one that succeeds. */
  readonly drillsError: string | undefined;
  loadDrills(): Promise<void>;
  /** Each resolves to true when the core did it, false when it refused (see `drillsError`). */
  startDrill(scenarioId: string, speed: number): Promise<boolean>;
  stopDrill(reason: 'real-emergency' | 'operator', note?: string): Promise<boolean>;
  /** The after-action report, scored from the live journal or from an open replay. */
  drillReport(startId: string, replayId?: string): Promise<DrillReportResult | undefined>;
  /** Records the evaluator's form as a `drill.evaluation` entry (refused in replay: the past is not written to). */
  evaluateDrill(startId: string, evaluation: DrillEvaluation): Promise<JournalEntry | undefined>;
}

export const createDrillsSlice: SliceCreator<DrillsSlice> = (api) => (set) => {
  const run = tracked((drillsError) => set({ drillsError }));
  return {
    drillScenarios: [],
    drillsError: undefined,
    loadDrills: async () => {
      const scenarios = await run(() => api.listDrills());
      if (scenarios) set({ drillScenarios: scenarios });
    },
    startDrill: async (scenarioId, speed) => (await run(() => api.startDrill({ scenarioId, speed }))) !== undefined,
    stopDrill: async (reason, note) => (await run(async () => api.stopDrill({ reason, ...(note ? { note } : {}) }).then(() => true))) === true,
    drillReport: (startId, replayId) => run(() => api.drillReport({ startId, ...(replayId ? { replayId } : {}) })),
    evaluateDrill: (startId, evaluation) =>
      run(() =>
        // DRILL by its kind: the console stamps the mode.
        appendOnce(api, {
          kind: 'drill.evaluation',
          ref: startId,
          payload: { strengths: [...evaluation.strengths], improvements: [...evaluation.improvements], correctiveActions: [...evaluation.correctiveActions] },
        }),
      ),
  };
};

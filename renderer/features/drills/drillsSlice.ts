import type { DrillScenario } from '../../../shared/drill/scenario';
import type { SliceCreator } from '../../app/store';

export interface DrillsSlice {
  readonly drillScenarios: readonly DrillScenario[];
  loadDrills(): Promise<void>;
  startDrill(scenarioId: string, speed: number): Promise<void>;
  stopDrill(reason: 'real-emergency' | 'operator', note?: string): Promise<void>;
}

export const createDrillsSlice: SliceCreator<DrillsSlice> = (api) => (set) => ({
  drillScenarios: [],
  loadDrills: async () => set({ drillScenarios: await api.listDrills() }),
  startDrill: async (scenarioId, speed) => {
    await api.startDrill({ scenarioId, speed });
  },
  stopDrill: async (reason, note) => {
    await api.stopDrill({ reason, ...(note ? { note } : {}) });
  },
});

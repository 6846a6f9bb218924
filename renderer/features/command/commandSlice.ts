import type { SiteSummary } from '../../../shared/command/siteSummary';
import type { SliceCreator } from '../../app/store';
import { tracked } from '../../app/tracked';

export interface CommandSlice {
  /** The sites a command-centre desk watches (empty on an ordinary console). */
  readonly commandSites: readonly SiteSummary[];
  readonly commandError: string | undefined;
  /** Loads the watched sites and follows onCommandCentre; returns the unsubscribe (the section calls it while mounted). */
  watchCommandCentre(): () => void;
}

export const createCommandSlice: SliceCreator<CommandSlice> = (api) => (set) => {
  const run = tracked((commandError) => set({ commandError }));
  return {
    commandSites: [],
    commandError: undefined,
    watchCommandCentre: () => {
      const off = api.onCommandCentre((commandSites) => set({ commandSites }));
      void run(() => api.getCommandCentre()).then((commandSites) => commandSites && set({ commandSites }));
      return off;
    },
  };
};

import type { Bootstrap } from '../../../shared/contract';
import type { SliceCreator } from '../../app/store';
import { errorText } from '../../ui/errorText';

export interface SiteSlice {
  readonly bootstrap: Bootstrap | undefined;
  readonly loadState: 'idle' | 'loading' | 'ready' | 'failed';
  readonly loadError: string | undefined;
  /** Fetches everything the views need; called at start and after a reconnect. */
  load(): Promise<void>;
}

export const createSiteSlice: SliceCreator<SiteSlice> = (api) => (set, get) => ({
  bootstrap: undefined,
  loadState: 'idle',
  loadError: undefined,
  load: async () => {
    if (get().loadState === 'loading') return;
    set({ loadState: get().bootstrap ? 'ready' : 'loading' });
    try {
      const bootstrap = await api.getBootstrap();
      await get().loadSiteState();
      set({
        bootstrap,
        loadState: 'ready',
        loadError: undefined,
        settings: bootstrap.settings,
        sources: indexSources(bootstrap.sources),
        journalStatus: bootstrap.journal,
      });
    } catch (err) {
      set({ loadState: get().bootstrap ? 'ready' : 'failed', loadError: errorText(err) });
    }
  },
});

function indexSources(list: Bootstrap['sources']): Record<string, Bootstrap['sources'][number]> {
  const out: Record<string, Bootstrap['sources'][number]> = {};
  for (const s of list) out[`${s.cameraId}/${s.stream}`] = s;
  return out;
}

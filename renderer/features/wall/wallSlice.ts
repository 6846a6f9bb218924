import type { LayoutId } from '../../../shared/wall/layouts';
import type { SliceCreator } from '../../app/store';
import { errorText } from '../../ui/errorText';

/** Which kind of wall action failed: the desk words a failed snapshot and a refused mask lift apart from the rest. */
export type WallActionKind = 'control' | 'snapshot' | 'lift';

export interface WallError {
  readonly during: WallActionKind;
  readonly message: string;
}

export interface WallSlice {
  /** Why the last wall action failed; cleared by the next one that succeeds. */
  readonly wallError: WallError | undefined;
  /** Each resolves to true when the core recorded it, false when it refused (see `wallError`). */
  wallSetLayout(wall: string, layout: LayoutId, customId?: string): Promise<boolean>;
  wallPush(wall: string, tile: number, camera: string): Promise<boolean>;
  /** A camera group on a wall: its cameras pushed to the first tiles in order, stopping at the first refusal. */
  wallShowGroup(wall: string, cameras: readonly string[]): Promise<boolean>;
  wallSpotlight(wall: string, camera: string | null): Promise<boolean>;
  wallTour(wall: string, tourId: string | null, action: 'start' | 'stop'): Promise<boolean>;
  /** Stores a still; resolves to its URL. */
  wallSnapshot(camera: string, pngBase64: string, unmasked: readonly number[]): Promise<string | undefined>;
  /** Records a still that could not even be taken (no video, canvas refused) as the snapshot's failure. */
  wallSnapshotFailed(err: unknown): void;
  wallLiftMask(camera: string, maskIndex: number, reason: string): Promise<boolean>;
  wallRestoreMask(camera: string, maskIndex: number): Promise<boolean>;
}

export const createWallSlice: SliceCreator<WallSlice> = (api) => (set) => {
  const run = async (during: WallActionKind, call: () => Promise<unknown>): Promise<boolean> => {
    try {
      await call();
      set({ wallError: undefined });
      return true;
    } catch (err) {
      set({ wallError: { during, message: errorText(err) } });
      return false;
    }
  };
  return {
    wallError: undefined,
    wallSetLayout: (wall, layout, customId) => run('control', () => api.wallSetLayout({ wall, layout, ...(customId ? { customId } : {}) })),
    wallPush: (wall, tile, camera) => run('control', () => api.wallPush({ wall, tile, camera })),
    wallShowGroup: (wall, cameras) =>
      run('control', async () => {
        for (const [tile, camera] of cameras.entries()) await api.wallPush({ wall, tile, camera });
      }),
    wallSpotlight: (wall, camera) => run('control', () => api.wallSpotlight({ wall, camera, reason: 'operator' })),
    wallTour: (wall, tourId, action) => run('control', () => api.wallTour({ wall, tourId, action })),
    wallSnapshot: async (camera, pngBase64, unmasked) => {
      let url: string | undefined;
      await run('snapshot', async () => {
        url = (await api.wallSnapshot({ camera, pngBase64, unmasked: [...unmasked] })).url;
      });
      return url;
    },
    wallSnapshotFailed: (err) => set({ wallError: { during: 'snapshot', message: errorText(err) } }),
    wallLiftMask: (camera, maskIndex, reason) => run('lift', () => api.wallLiftMask({ camera, maskIndex, reason })),
    wallRestoreMask: (camera, maskIndex) => run('control', () => api.wallRestoreMask({ camera, maskIndex })),
  };
};

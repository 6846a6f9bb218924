import type { SourceStatus } from '../../../shared/media/sources';
import type { SliceCreator } from '../../app/store';

export interface SourcesSlice {
  /** Simulated-source states by `camera/stream`, as the core reports them. */
  readonly sources: Readonly<Record<string, SourceStatus>>;
  sourceChanged(status: SourceStatus): void;
}

export const sourceKey = (cameraId: string, stream: 'main' | 'sub'): string => `${cameraId}/${stream}`;

export const createSourcesSlice: SliceCreator<SourcesSlice> = () => (set, get) => ({
  sources: {},
  sourceChanged: (status) => set({ sources: { ...get().sources, [sourceKey(status.cameraId, status.stream)]: status } }),
});

import type { DragEvent } from 'react';
import type { SourceStatus } from '../../../shared/media/sources';
import type { useT } from '../../i18n/useT';
import type { NoSignalReason } from './tileState';

/** The drag type a camera carries onto a tile (desk camera list, plan). */
export const CAMERA_DRAG_TYPE = 'text/x-watchpost-camera';

/** Drag-and-drop handlers that accept a camera dropped on a tile. */
export function dropHandlers(onCameraDrop: (cameraId: string) => void, setDropping: (v: boolean) => void) {
  return {
    onDragOver: (e: DragEvent) => {
      if (!e.dataTransfer.types.includes(CAMERA_DRAG_TYPE)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      setDropping(true);
    },
    onDragLeave: () => setDropping(false),
    onDrop: (e: DragEvent) => {
      setDropping(false);
      const id = e.dataTransfer.getData(CAMERA_DRAG_TYPE);
      if (!id) return;
      e.preventDefault();
      onCameraDrop(id);
    },
  };
}

/** Why the source itself is not live, as the core reports it. */
export function sourceReason(source: SourceStatus | undefined): NoSignalReason | undefined {
  if (!source) return undefined;
  if (source.state === 'error') return { kind: 'clip', detail: source.reason ?? '' };
  if (source.state === 'down' || source.state === 'stalled') return { kind: 'source', detail: source.reason ?? source.state };
  return undefined;
}

export function describeReason(reason: NoSignalReason, t: ReturnType<typeof useT>): string {
  switch (reason.kind) {
    case 'stalled':
      return t('camera.reason.stalled', { seconds: reason.seconds });
    case 'network':
      return t('camera.reason.network', { detail: reason.detail });
    case 'media':
      return t('camera.reason.media', { detail: reason.detail });
    case 'source':
      return t('camera.reason.sourceDown', { detail: reason.detail });
    case 'clip':
      return t('camera.reason.clip', { detail: reason.detail });
    case 'unsupported':
      return t('camera.reason.unsupported', { detail: reason.detail });
  }
}

import { useState } from 'react';
import type { CameraView } from '../../../shared/site/view';
import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { blobToBase64, captureFrame } from '../video';
import { MaskDialog } from './MaskDialog';

/**
 * Desk controls on a tile: snapshot to PNG (masks burnt in unless lifted) and
 * the camera's privacy masks — lifting one asks for a reason, restoring is one
 * click; both are journaled.
 */
export function TileTools(props: { camera: CameraView; video: HTMLVideoElement | null; lifted: ReadonlySet<number>; onMessage: (text: string) => void }) {
  const { camera, video, lifted, onMessage } = props;
  const wallSnapshot = useConsole((s) => s.wallSnapshot);
  const wallSnapshotFailed = useConsole((s) => s.wallSnapshotFailed);
  const wallRestoreMask = useConsole((s) => s.wallRestoreMask);
  const wallLiftMask = useConsole((s) => s.wallLiftMask);
  const liftRefusal = useConsole((s) => (s.wallError?.during === 'lift' ? s.wallError.message : undefined));
  const t = useT();
  const [lifting, setLifting] = useState<number | undefined>();
  const snapshot = async (): Promise<void> => {
    let pngBase64: string;
    try {
      const current = video ?? document.querySelector<HTMLVideoElement>(`.tile[data-camera="${camera.id}"] video`);
      if (!current) throw new Error('no video');
      pngBase64 = await blobToBase64(await captureFrame(current, camera.masks, lifted));
    } catch (err) {
      wallSnapshotFailed(err);
      return;
    }
    const url = await wallSnapshot(camera.id, pngBase64, [...lifted].sort((a, b) => a - b));
    if (url !== undefined) onMessage(`${t('wall.snapshot.saved')}: ${url}`);
  };
  return (
    <>
      <button type="button" className="tile__tool" data-testid="tile-snapshot" title={t('wall.snapshot')} onClick={() => void snapshot()}>
        📷
      </button>
      {camera.masks.map((_, i) =>
        lifted.has(i) ? (
          <button
            key={i}
            type="button"
            className="tile__tool is-lifted"
            data-testid="mask-restore"
            title={`${t('wall.mask', { index: i + 1 })}: ${t('wall.mask.restore')}`}
            onClick={() => void wallRestoreMask(camera.id, i)}
          >
            ▣{i + 1}
          </button>
        ) : (
          <button key={i} type="button" className="tile__tool" data-testid="mask-lift" title={`${t('wall.mask', { index: i + 1 })}: ${t('wall.mask.lift')}`} onClick={() => setLifting(i)}>
            ▢{i + 1}
          </button>
        ),
      )}
      {lifting !== undefined && (
        <MaskDialog
          title={`${t('wall.mask', { index: lifting + 1 })}`}
          onCancel={() => setLifting(undefined)}
          refusal={liftRefusal}
          onConfirm={(reason) => {
            void wallLiftMask(camera.id, lifting, reason).then((ok) => ok && setLifting(undefined));
          }}
        />
      )}
    </>
  );
}

import { useState } from 'react';
import type { CameraView } from '../../../shared/site/view';
import { useConsoleApi } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { blobToBase64, captureFrame } from '../video/snapshot';

/**
 * Desk controls on a tile: snapshot to PNG (masks burnt in unless lifted) and
 * the camera's privacy masks — lifting one asks for a reason, restoring is one
 * click; both are journaled.
 */
export function TileTools(props: { camera: CameraView; video: HTMLVideoElement | null; lifted: ReadonlySet<number>; onMessage: (text: string) => void }) {
  const { camera, video, lifted, onMessage } = props;
  const api = useConsoleApi();
  const t = useT();
  const [lifting, setLifting] = useState<number | undefined>();
  const snapshot = async (): Promise<void> => {
    try {
      const current = video ?? document.querySelector<HTMLVideoElement>(`.tile[data-camera="${camera.id}"] video`);
      if (!current) throw new Error('no video');
      const blob = await captureFrame(current, camera.masks, lifted);
      const result = await api.wallSnapshot({ camera: camera.id, pngBase64: await blobToBase64(blob), unmasked: [...lifted].sort((a, b) => a - b) });
      onMessage(`${t('wall.snapshot.saved')}: ${result.url}`);
    } catch (err) {
      onMessage(t('wall.snapshot.failed', { message: err instanceof Error ? err.message : String(err) }));
    }
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
            onClick={() => void api.wallRestoreMask({ camera: camera.id, maskIndex: i }).catch((err: Error) => onMessage(t('wall.error', { message: err.message })))}
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
          onConfirm={async (reason) => {
            await api.wallLiftMask({ camera: camera.id, maskIndex: lifting, reason });
            setLifting(undefined);
          }}
        />
      )}
    </>
  );
}

function MaskDialog(props: { title: string; onCancel: () => void; onConfirm: (reason: string) => Promise<void> }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const submit = async (): Promise<void> => {
    if (!reason.trim()) {
      setError(t('wall.mask.reasonRequired'));
      return;
    }
    try {
      await props.onConfirm(reason.trim());
    } catch (err) {
      setError(t('wall.error', { message: err instanceof Error ? err.message : String(err) }));
    }
  };
  return (
    <div className="maskdialog" role="dialog" aria-label={props.title} data-testid="mask-dialog" onDoubleClick={(e) => e.stopPropagation()}>
      <strong>{props.title}</strong>
      <label>
        {t('wall.mask.reason')}
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} data-testid="mask-reason" rows={2} maxLength={500} />
      </label>
      {error && <div className="maskdialog__error" role="alert">{error}</div>}
      <div className="maskdialog__buttons">
        <button type="button" onClick={props.onCancel}>
          {t('wall.cancel')}
        </button>
        <button type="button" data-testid="mask-confirm" onClick={() => void submit()}>
          {t('wall.mask.confirm')}
        </button>
      </div>
    </div>
  );
}

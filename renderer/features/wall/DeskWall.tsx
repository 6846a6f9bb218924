import { useState } from 'react';
import type { CameraView, SiteView } from '../../../shared/site/view';
import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { useCan } from '../session';
import { TileTools } from './TileTools';
import { useWallModel } from './useWall';
import { WallControls } from './WallControls';
import { WallStage } from './WallStage';
import './wall.css';

/**
 * The desk's view of a wall (wall-1 by default): the same projection the wall
 * window shows, with controls. Drop a camera on a tile to push it, double-click
 * a tile to spotlight it; every action is a journal entry the wall folds.
 */
export function DeskWall(props: { site: SiteView }) {
  const [address, setAddress] = useState('wall-1');
  const [message, setMessage] = useState<string | undefined>();
  const error = useConsole((s) => s.wallError);
  const wallPush = useConsole((s) => s.wallPush);
  const wallSpotlight = useConsole((s) => s.wallSpotlight);
  // An observer, nobody signed in, or a locked desk: the wall is shown, not driven.
  const canControl = useCan('wallPush');
  const t = useT();
  const { model, screen, liftedFor } = useWallModel(address, props.site);
  // A refused mask lift is told in its dialog; every other failure here, over the last notice.
  const shownError =
    error === undefined || error.during === 'lift'
      ? undefined
      : error.during === 'snapshot'
        ? t('wall.snapshot.failed', { message: error.message })
        : t('wall.error', { message: error.message });
  return (
    <div className="deskwall" data-testid="desk-wall" data-wall={address}>
      {canControl && <WallControls site={props.site} address={address} onAddress={setAddress} screen={screen} model={model} />}
      <WallStage
        site={props.site}
        model={model}
        liftedFor={liftedFor}
        {...(canControl
          ? {
              onPush: (tile: number, camera: string) => void wallPush(address, tile, camera),
              onSpotlight: (camera: string | null) => void wallSpotlight(address, camera === model.spotlight?.camera ? null : camera),
              tools: (camera: CameraView) => (video: HTMLVideoElement | null) => <TileTools camera={camera} video={video} lifted={liftedFor(camera.id)} onMessage={setMessage} />,
            }
          : {})}
      />
      <div className="deskwall__hint" data-testid="wall-message" role="status">
        {shownError ?? message ?? t('wall.dropHint')}
      </div>
    </div>
  );
}

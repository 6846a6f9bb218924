import { useState } from 'react';
import type { SiteView } from '../../../shared/site/view';
import { useConsoleApi } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
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
  const api = useConsoleApi();
  const t = useT();
  const { model, screen, liftedFor } = useWallModel(address, props.site);
  const fail = (err: unknown): void => setMessage(t('wall.error', { message: err instanceof Error ? err.message : String(err) }));
  return (
    <div className="deskwall" data-testid="desk-wall" data-wall={address}>
      <WallControls site={props.site} address={address} onAddress={setAddress} screen={screen} model={model} onError={setMessage} />
      <WallStage
        site={props.site}
        model={model}
        liftedFor={liftedFor}
        onPush={(tile, camera) => void api.wallPush({ wall: address, tile, camera }).catch(fail)}
        onSpotlight={(camera) =>
          void api.wallSpotlight({ wall: address, camera: camera === model.spotlight?.camera ? null : camera, reason: 'operator' }).catch(fail)
        }
        tools={(camera) => (video) => <TileTools camera={camera} video={video} lifted={liftedFor(camera.id)} onMessage={setMessage} />}
      />
      <div className="deskwall__hint" data-testid="wall-message" role="status">
        {message ?? t('wall.dropHint')}
      </div>
    </div>
  );
}

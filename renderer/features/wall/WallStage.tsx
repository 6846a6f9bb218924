import type { CameraView, SiteView } from '../../../shared/site/view';
import type { WallModel } from '../../../shared/wall/model';
import { useLocalize, useT } from '../../i18n/useT';
import { VideoTile } from '../video';
import { AlarmCards } from './AlarmCards';

export interface WallStageProps {
  readonly site: SiteView;
  readonly model: WallModel;
  readonly liftedFor: (camera: string) => ReadonlySet<number>;
  /** Desk only: drop a camera on tile i. */
  readonly onPush?: (tile: number, camera: string) => void;
  /** Double-click: spotlight this camera (or close the spotlight when it is the one shown). */
  readonly onSpotlight?: (camera: string | null) => void;
  readonly tools?: (camera: CameraView) => (video: HTMLVideoElement | null) => React.ReactNode;
}

/**
 * A wall: the layout's tiles (sub streams, chosen by size) and, when something
 * holds the spotlight slot, a large tile beside them (main stream by size, with
 * hysteresis). An alarm pop-up takes the slot with its alert's type and
 * severity until acknowledged at the desk; the wall's other alarms (cards for
 * those no camera covers) stand in a rail above, with the count still waiting.
 */
export function WallStage({ site, model, liftedFor, onPush, onSpotlight, tools }: WallStageProps) {
  const t = useT();
  const localize = useLocalize();
  const byId = new Map(site.cameras.map((c) => [c.id, c]));
  const spot = model.spotlight ? byId.get(model.spotlight.camera) : undefined;
  const popup = model.spotlight?.popup;
  const alarmType = popup ? site.alertTypes.find((a) => a.code === popup.type) : undefined;
  const rail = model.alarmCards.length > 0 || model.waitingAlarms > 0;
  return (
    <div className={`wallstage${spot ? ' wallstage--spot' : ''}${rail ? ' wallstage--rail' : ''}`} data-testid="wall-stage">
      <AlarmCards site={site} cards={model.alarmCards} waiting={model.waitingAlarms} />
      {spot && model.spotlight && (
        <div
          className={`wallstage__spot wallstage__spot--${model.spotlight.reason}${popup ? ` sev-${popup.severity}` : ''}`}
          data-testid="wall-spotlight"
          data-reason={model.spotlight.reason}
          data-camera={spot.id}
          {...(model.spotlight.alertId ? { 'data-alert': model.spotlight.alertId } : {})}
        >
          {model.spotlight.reason === 'alarm' && (
            <div className="wallstage__alarm" role="alert" data-testid="wall-alarm">
              <strong>{t('wall.alarm.title')}</strong>
              {popup && <span>{alarmType ? localize(alarmType.name) : popup.type}</span>}
              {popup && popup.mode === 'DRILL' && <span className="wallstage__drill">DRILL</span>}
              {popup && <span>{popup.awaitingAck ? t('wall.alarm.awaitingAck') : t('wall.alarm.acknowledged')}</span>}
            </div>
          )}
          <VideoTile
            key={`spot-${spot.id}`}
            camera={spot}
            stream="auto"
            liftedMasks={liftedFor(spot.id)}
            className="tile--spotlight"
            {...(onSpotlight ? { onActivate: () => onSpotlight(null) } : {})}
            {...(tools ? { tools: tools(spot) } : {})}
          />
        </div>
      )}
      <div
        className="grid wallstage__grid"
        data-testid="wall-grid"
        data-columns={model.columns}
        data-tiles={model.tiles.length}
        style={{ gridTemplateColumns: `repeat(${model.columns}, 1fr)`, gridTemplateRows: `repeat(${model.rows}, 1fr)` }}
      >
        {model.tiles.map((tile) => {
          const camera = tile.camera ? byId.get(tile.camera) : undefined;
          const area = { gridColumn: `${tile.cell.x + 1} / span ${tile.cell.w}`, gridRow: `${tile.cell.y + 1} / span ${tile.cell.h}` };
          if (!camera) {
            return <EmptyTile key={`empty-${tile.index}`} index={tile.index} style={area} {...(onPush ? { onDrop: (c: string) => onPush(tile.index, c) } : {})} />;
          }
          return (
            <div key={`${tile.index}-${camera.id}`} className="wallstage__cell" style={area}>
              <VideoTile
                camera={camera}
                stream="auto"
                tileIndex={tile.index}
                liftedMasks={liftedFor(camera.id)}
                {...(onSpotlight ? { onActivate: (id: string) => onSpotlight(id) } : {})}
                {...(onPush ? { onCameraDrop: (id: string) => onPush(tile.index, id) } : {})}
                {...(tools ? { tools: tools(camera) } : {})}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
}

function EmptyTile(props: { index: number; style: React.CSSProperties; onDrop?: (camera: string) => void }) {
  const { onDrop } = props;
  return (
    <div
      className="tile tile--empty"
      data-tile={props.index}
      style={props.style}
      {...(onDrop
        ? {
            onDragOver: (e: React.DragEvent) => {
              if (e.dataTransfer.types.includes('text/x-watchpost-camera')) e.preventDefault();
            },
            onDrop: (e: React.DragEvent) => {
              const id = e.dataTransfer.getData('text/x-watchpost-camera');
              if (id) {
                e.preventDefault();
                onDrop(id);
              }
            },
          }
        : {})}
    />
  );
}

import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Playback } from '../../../shared/media/sources';
import type { CameraView } from '../../../shared/site/view';
import { chooseStream, type StreamChoice } from '../../../shared/wall/streamChoice';
import { useConsole } from '../../app/StoreContext';
import { useLocalize, useT } from '../../i18n/useT';
import { canPlay } from './playerFactory';
import { containRect } from './snapshot';
import { sourceKey } from './sourcesSlice';
import { describeReason, dropHandlers, sourceReason } from './tileHelpers';
import { TileMasks } from './TileMasks';
import { TileOverlay } from './TileOverlay';
import type { NoSignalReason } from './tileState';
import { useTilePlayer } from './useTilePlayer';

export { CAMERA_DRAG_TYPE } from './tileHelpers';

/** A tile's stream: fixed, or 'auto' (by the tile's size on screen, with hysteresis: shared/wall/streamChoice.ts). */
export type TileStream = 'main' | 'sub' | 'auto';

export interface VideoTileProps {
  readonly camera: CameraView;
  readonly stream: TileStream;
  readonly showHealth?: boolean;
  readonly onActivate?: (cameraId: string) => void;
  /** Privacy masks lifted now (indexes into camera.masks); the others are drawn over the picture. */
  readonly liftedMasks?: ReadonlySet<number>;
  /** A camera id dropped on this tile (HTML5 drag and drop, type text/x-watchpost-camera). */
  readonly onCameraDrop?: (cameraId: string) => void;
  /** Controls shown in the tile's corner (snapshot, masks); they get the live <video>. */
  readonly tools?: (video: HTMLVideoElement | null) => ReactNode;
  readonly className?: string;
  readonly tileIndex?: number;
}

/**
 * One camera tile. The player lives outside React (a TilePlayer from
 * createTilePlayer); React only mounts the <video>, creates the player for the
 * stream's transport, hands it the source, and destroys it when the tile goes
 * away or the transport changes.
 */
export function VideoTile({ camera, stream, showHealth = true, onActivate, liftedMasks, onCameraDrop, tools, className, tileIndex }: VideoTileProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  const [video, setVideo] = useState<HTMLVideoElement | null>(null);
  const [box, setBox] = useState({ w: 0, h: 0 });
  const [choice, setChoice] = useState<StreamChoice | undefined>();
  const [dropping, setDropping] = useState(false);
  const localize = useLocalize();
  const t = useT();

  // Measure the tile: masks follow the picture, and 'auto' picks the stream by width.
  useEffect(() => {
    const el = boxRef.current;
    if (!el) return undefined;
    const observer = new ResizeObserver(() => setBox({ w: el.clientWidth, h: el.clientHeight }));
    observer.observe(el);
    setBox({ w: el.clientWidth, h: el.clientHeight });
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    if (stream !== 'auto' || box.w === 0) return undefined;
    const decide = (): void => setChoice((prev) => chooseStream(prev, box.w, performance.now()));
    decide();
    // Re-decide after the dwell: a size change blocked by hysteresis is applied once the dwell has passed.
    const timer = setInterval(decide, 1000);
    return () => clearInterval(timer);
  }, [stream, box.w]);

  const chosen: 'main' | 'sub' | undefined = stream === 'auto' ? choice?.stream : stream;
  const playback: Playback | undefined = chosen ? camera.playback[chosen] : undefined;
  const source = useConsole((s) => (chosen ? s.sources[sourceKey(camera.id, chosen)] : undefined));
  // Effects depend on the source's identity as a string: CameraView objects may be rebuilt with equal content.
  const sourceId = playback ? JSON.stringify(playback) : '';
  const kind = playback?.kind;
  const { phase, health } = useTilePlayer(video, sourceId, kind);

  // A stream kind this tile cannot play yet is NO SIGNAL with the reason, never a blank tile.
  const unsupported: NoSignalReason | undefined = !playback || canPlay(playback) ? undefined : { kind: 'unsupported', detail: playback.kind };
  const reason = unsupported ?? sourceReason(source) ?? (phase.phase === 'no-signal' ? phase.reason : undefined);
  const state = unsupported || phase.phase === 'no-signal' ? 'no-signal' : phase.phase === 'playing' ? 'playing' : 'connecting';
  const picture = containRect(box.w, box.h, health?.width || 16, health?.height || 9);

  return (
    <div
      ref={boxRef}
      className={`tile tile--${state}${dropping ? ' tile--drop' : ''}${className ? ` ${className}` : ''}`}
      data-camera={camera.id}
      data-stream={chosen ?? 'pending'}
      data-state={state}
      {...(tileIndex !== undefined ? { 'data-tile': tileIndex } : {})}
      onDoubleClick={() => onActivate?.(camera.id)}
      {...(onCameraDrop ? dropHandlers(onCameraDrop, setDropping) : {})}
    >
      <video ref={setVideo} className="tile__video" muted autoPlay playsInline disablePictureInPicture />
      <TileMasks masks={camera.masks} lifted={liftedMasks} picture={picture} />
      <TileOverlay
        name={localize(camera.name)}
        state={state}
        reasonText={reason ? describeReason(reason, t) : undefined}
        retryAt={phase.phase === 'no-signal' ? phase.retryAt : undefined}
        health={showHealth ? health : undefined}
        streamLabel={t(chosen === 'main' ? 'camera.stream.main' : 'camera.stream.sub')}
      />
      {tools && <div className="tile__tools">{tools(video)}</div>}
    </div>
  );
}

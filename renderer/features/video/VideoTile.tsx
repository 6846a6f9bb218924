import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Playback, SourceStatus } from '../../../shared/media/sources';
import type { CameraView } from '../../../shared/site/view';
import { chooseStream, type StreamChoice } from '../../../shared/wall/streamChoice';
import { useConsole } from '../../app/StoreContext';
import { useLocalize, useT } from '../../i18n/useT';
import { canPlay, createTilePlayer } from './playerFactory';
import { containRect } from './snapshot';
import { sourceKey } from './sourcesSlice';
import { TileOverlay } from './TileOverlay';
import type { TilePlayer } from './tilePlayer';
import type { NoSignalReason, TileHealth, TilePhase } from './tileState';

/** A site with no SFUs: a stable empty list (the store selector must not build a new one each time). */
const NO_SFUS: readonly { id: string; url: string }[] = [];

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

export const CAMERA_DRAG_TYPE = 'text/x-watchpost-camera';

/**
 * One camera tile. The player lives outside React (a TilePlayer from
 * createTilePlayer); React only mounts the <video>, creates the player for the
 * stream's transport, hands it the source, and destroys it when the tile goes
 * away or the transport changes.
 */
export function VideoTile({ camera, stream, showHealth = true, onActivate, liftedMasks, onCameraDrop, tools, className, tileIndex }: VideoTileProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  const [video, setVideo] = useState<HTMLVideoElement | null>(null);
  const [phase, setPhase] = useState<TilePhase>({ phase: 'connecting' });
  const [health, setHealth] = useState<TileHealth | undefined>();
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
  const playerRef = useRef<TilePlayer | undefined>(undefined);
  const sfus = useConsole((s) => s.bootstrap?.site.sfus ?? NO_SFUS);

  useEffect(() => {
    if (!video || !kind) return undefined;
    const player = createTilePlayer(JSON.parse(sourceId) as Playback, { onPhase: setPhase, onHealth: setHealth }, sfus);
    if (!player) return undefined;
    player.attach(video);
    playerRef.current = player;
    return () => {
      playerRef.current = undefined;
      player.destroy();
    };
    // The player is per transport and element; source changes within it go through setSource below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kind, video]);
  useEffect(() => {
    if (sourceId) playerRef.current?.setSource(JSON.parse(sourceId) as Playback);
  }, [sourceId, kind, video]);

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
      {camera.masks.length > 0 && (
        <div className="tile__masks" style={{ left: picture.left, top: picture.top, width: picture.width, height: picture.height }}>
          {camera.masks.map((m, i) =>
            liftedMasks?.has(i) ? (
              <div key={i} className="tile__mask tile__mask--lifted" data-mask={i} style={maskStyle(m)} />
            ) : (
              <div key={i} className="tile__mask" data-mask={i} style={maskStyle(m)} />
            ),
          )}
        </div>
      )}
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

function maskStyle(m: { x: number; y: number; w: number; h: number }): React.CSSProperties {
  return { left: `${m.x * 100}%`, top: `${m.y * 100}%`, width: `${m.w * 100}%`, height: `${m.h * 100}%` };
}

function dropHandlers(onCameraDrop: (cameraId: string) => void, setDropping: (v: boolean) => void) {
  return {
    onDragOver: (e: React.DragEvent) => {
      if (!e.dataTransfer.types.includes(CAMERA_DRAG_TYPE)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      setDropping(true);
    },
    onDragLeave: () => setDropping(false),
    onDrop: (e: React.DragEvent) => {
      setDropping(false);
      const id = e.dataTransfer.getData(CAMERA_DRAG_TYPE);
      if (!id) return;
      e.preventDefault();
      onCameraDrop(id);
    },
  };
}

function sourceReason(source: SourceStatus | undefined): NoSignalReason | undefined {
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

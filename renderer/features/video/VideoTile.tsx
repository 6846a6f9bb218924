import { useEffect, useRef, useState } from 'react';
import type { Playback, SourceStatus } from '../../../shared/media/sources';
import type { CameraView } from '../../../shared/site/view';
import { useLocalize, useT } from '../../i18n/useT';
import { canPlay, createTilePlayer } from './playerFactory';
import { TileOverlay } from './TileOverlay';
import type { TilePlayer } from './tilePlayer';
import type { NoSignalReason, TileHealth, TilePhase } from './tileState';

export interface VideoTileProps {
  readonly camera: CameraView;
  readonly stream: 'main' | 'sub';
  /** What the core knows about a simulated source (undefined for real cameras). */
  readonly source: SourceStatus | undefined;
  readonly showHealth?: boolean;
  readonly onActivate?: (cameraId: string) => void;
}

/**
 * One camera tile. The player lives outside React (a TilePlayer from
 * createTilePlayer); React only mounts the <video>, creates the player for the
 * stream's transport, hands it the source, and destroys it when the tile goes
 * away or the transport changes.
 */
export function VideoTile({ camera, stream, source, showHealth = true, onActivate }: VideoTileProps) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const [phase, setPhase] = useState<TilePhase>({ phase: 'connecting' });
  const [health, setHealth] = useState<TileHealth | undefined>();
  const localize = useLocalize();
  const t = useT();
  const playback = camera.playback[stream];
  // Effects depend on the source's identity as a string: CameraView objects may be rebuilt with equal content.
  const sourceId = JSON.stringify(playback);
  const playerRef = useRef<TilePlayer | undefined>(undefined);

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return undefined;
    const source = JSON.parse(sourceId) as Playback;
    const player = createTilePlayer(source, { onPhase: setPhase, onHealth: setHealth });
    if (!player) return undefined;
    player.attach(video);
    player.setSource(source);
    playerRef.current = player;
    return () => {
      playerRef.current = undefined;
      player.destroy();
    };
  }, [sourceId]);

  // A stream kind this tile cannot play yet is NO SIGNAL with the reason, never a blank tile.
  const unsupported: NoSignalReason | undefined = canPlay(playback) ? undefined : { kind: 'unsupported', detail: playback.kind };
  const reason = unsupported ?? sourceReason(source) ?? (phase.phase === 'no-signal' ? phase.reason : undefined);
  const state = unsupported || phase.phase === 'no-signal' ? 'no-signal' : phase.phase === 'playing' ? 'playing' : 'connecting';

  return (
    <div
      className={`tile tile--${state}`}
      data-camera={camera.id}
      data-stream={stream}
      data-state={state}
      onDoubleClick={() => onActivate?.(camera.id)}
    >
      <video ref={videoRef} className="tile__video" muted autoPlay playsInline disablePictureInPicture />
      <TileOverlay
        name={localize(camera.name)}
        state={state}
        reasonText={reason ? describeReason(reason, t) : undefined}
        retryAt={phase.phase === 'no-signal' ? phase.retryAt : undefined}
        health={showHealth ? health : undefined}
        streamLabel={t(stream === 'main' ? 'camera.stream.main' : 'camera.stream.sub')}
      />
    </div>
  );
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

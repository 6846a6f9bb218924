import { useEffect, useRef, useState } from 'react';
import type { Playback } from '../../../shared/media/sources';
import { useConsole } from '../../app/StoreContext';
import { createTilePlayer } from './playerFactory';
import type { TilePlayer } from './tilePlayer';
import type { TileHealth, TilePhase } from './tileState';

/** A site with no SFUs: a stable empty list (the store selector must not build a new one each time). */
const NO_SFUS: readonly { id: string; url: string }[] = [];

/**
 * The tile's player, outside React: created per transport and <video>
 * element, handed each new source, destroyed when the tile goes away or the
 * transport changes. `sourceId` is the playback as JSON (a stable identity).
 */
export function useTilePlayer(video: HTMLVideoElement | null, sourceId: string, kind: Playback['kind'] | undefined): { phase: TilePhase; health: TileHealth | undefined } {
  const [phase, setPhase] = useState<TilePhase>({ phase: 'connecting' });
  const [health, setHealth] = useState<TileHealth | undefined>();
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
  return { phase, health };
}

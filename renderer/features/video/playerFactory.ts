import type { Playback } from '../../../shared/media/sources';
import { HlsTilePlayer } from './hlsTilePlayer';
import type { TilePlayer, TilePlayerCallbacks } from './tilePlayer';

/**
 * Picks the player for a stream by its transport. Returns undefined when this
 * console cannot play the stream: the tile then shows NO SIGNAL with the reason
 * ("unsupported"), never a blank tile.
 */
export function createTilePlayer(source: Playback, callbacks: TilePlayerCallbacks): TilePlayer | undefined {
  switch (source.kind) {
    case 'hls':
      return new HlsTilePlayer(callbacks);
    case 'mediasoup':
      // WEBRTC: the mediasoup tile player (renderer/features/video/webrtc/, owned by the WebRTC work)
      // plugs in here with the same TilePlayer interface, e.g. `return new WebRtcTilePlayer(callbacks);`.
      return undefined;
  }
}

/** Whether createTilePlayer has a player for this transport (the tile shows "unsupported" otherwise). */
export function canPlay(source: Playback): boolean {
  return source.kind === 'hls';
}

import type { Playback } from '../../../shared/media/sources';
import { HlsTilePlayer } from './hlsTilePlayer';
import { WebRtcTileAdapter } from './webrtc/webRtcTileAdapter';
import type { TilePlayer, TilePlayerCallbacks } from './tilePlayer';

/**
 * Picks the player for a stream by its transport. Returns undefined when this
 * console cannot play the stream: the tile then shows NO SIGNAL with the reason
 * ("unsupported"), never a blank tile.
 */
export function createTilePlayer(
  source: Playback,
  callbacks: TilePlayerCallbacks,
  sfus: readonly { readonly id: string; readonly url: string }[] = [],
): TilePlayer | undefined {
  switch (source.kind) {
    case 'hls':
      return new HlsTilePlayer(callbacks);
    case 'mediasoup':
      // One transport per SFU for all tiles (webrtc/sfuSession.ts); an SFU the site does not list is NO SIGNAL.
      return new WebRtcTileAdapter(sfus, callbacks);
  }
}

/** Whether createTilePlayer has a player for this transport (the tile shows "unsupported" otherwise). */
export function canPlay(source: Playback): boolean {
  return source.kind === 'hls' || source.kind === 'mediasoup';
}

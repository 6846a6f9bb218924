import type { Playback } from '../../../shared/media/sources';
import type { TileHealth, TilePhase } from './tileState';

/** Which transport a tile player speaks; the health overlay shows it. */
export type TileTransport = TileHealth['transport'];

/** How a player reports to its tile: the phase (LIVE / connecting / NO SIGNAL) and measured health about once a second. */
export interface TilePlayerCallbacks {
  onPhase(phase: TilePhase): void;
  onHealth(health: TileHealth): void;
}

/**
 * One camera tile's player, whatever the transport (HLS now, mediasoup WebRTC
 * in renderer/features/video/webrtc/). The tile owns the <video>; the player
 * owns everything else and must heal itself: judge liveness by media progress,
 * report NO SIGNAL with a reason, retry with backoff. Lifecycle:
 *
 *   const p = createTilePlayer(playback, callbacks); p.attach(video); p.setSource(playback); … p.destroy();
 *
 * `destroy()` must release the decoder and clear the element's source (Chromium
 * caps a page at 75 media players, paused ones included) and stop every timer;
 * nothing may call back after it.
 */
export interface TilePlayer {
  readonly transport: TileTransport;
  /** Binds the element the picture goes to; call once, before setSource. */
  attach(video: HTMLVideoElement): void;
  /** Starts playing a source, or switches to another (main ↔ sub) of the same transport. */
  setSource(source: Playback): void;
  /** The latest measured health (the same object last passed to onHealth). */
  stats(): TileHealth;
  destroy(): void;
}

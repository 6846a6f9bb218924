import type { Playback } from '../../../../shared/media/sources';
import type { TilePlayer, TilePlayerCallbacks } from '../tilePlayer';
import { emptyHealth, type TileHealth } from '../tileState';
import { webRtcPlayerFor, type WebRtcTilePlayer } from './webRtcTilePlayer';

type Sfus = readonly { readonly id: string; readonly url: string }[];

/**
 * The WebRTC player behind the tile's TilePlayer interface: the tile owns the
 * <video>; switching main ↔ sub replaces the consumer (the session keeps the
 * transport, and a released consumer lingers, so switching back is cheap).
 */
export class WebRtcTileAdapter implements TilePlayer {
  readonly transport = 'webrtc' as const;
  private video: HTMLVideoElement | undefined;
  private player: WebRtcTilePlayer | undefined;
  private current: string | undefined;
  private health: TileHealth = emptyHealth('webrtc');

  constructor(
    private readonly sfus: Sfus,
    private readonly callbacks: TilePlayerCallbacks,
  ) {}

  attach(video: HTMLVideoElement): void {
    this.video = video;
  }

  setSource(source: Playback): void {
    if (source.kind !== 'mediasoup' || !this.video) return;
    const key = `${source.sfu}/${source.producerId}`;
    if (key === this.current) return;
    this.current = key;
    this.player?.destroy();
    this.player = webRtcPlayerFor(this.video, source, this.sfus, {
      onPhase: (phase) => this.callbacks.onPhase(phase),
      onHealth: (health) => {
        this.health = health;
        this.callbacks.onHealth(health);
      },
    });
    this.player.start();
  }

  stats(): TileHealth {
    return this.health;
  }

  destroy(): void {
    this.player?.destroy();
    this.player = undefined;
    this.current = undefined;
  }
}

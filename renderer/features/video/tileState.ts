/** Why a tile shows NO SIGNAL; rendered through i18n keys camera.reason.*. */
export type NoSignalReason =
  | { readonly kind: 'stalled'; readonly seconds: number }
  | { readonly kind: 'network'; readonly detail: string }
  | { readonly kind: 'media'; readonly detail: string }
  | { readonly kind: 'source'; readonly detail: string }
  | { readonly kind: 'clip'; readonly detail: string }
  | { readonly kind: 'unsupported'; readonly detail: string };

export type TilePhase =
  | { readonly phase: 'connecting' }
  | { readonly phase: 'playing' }
  | { readonly phase: 'no-signal'; readonly reason: NoSignalReason; readonly retryAt: number | undefined };

/** Measured health of one tile, refreshed about once a second. */
export interface TileHealth {
  readonly transport: 'hls' | 'webrtc';
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly kbps: number;
  /** Seconds behind the live edge, from EXT-X-PROGRAM-DATE-TIME where available. */
  readonly latencySec: number | undefined;
  readonly framesPresented: number;
  readonly framesDropped: number;
  readonly freezes: number;
  readonly lastFrameAgeMs: number;
}

export const emptyHealth = (transport: 'hls' | 'webrtc'): TileHealth => ({
  transport,
  width: 0,
  height: 0,
  fps: 0,
  kbps: 0,
  latencySec: undefined,
  framesPresented: 0,
  framesDropped: 0,
  freezes: 0,
  lastFrameAgeMs: 0,
});

import { emptyHealth, type NoSignalReason, type TileHealth, type TilePhase } from '../tileState';
import { ProgressWatchdog } from '../watchdog';
import type { ConsumerFailure, ConsumerState } from './consumerMachine';
import { sfuSessionFor, type ConsumerHandle, type SfuSession } from './sfuSession';
import { FrameMeter } from '../frameMeter';

/** Frames must move at least this often once playing, or the tile is stalled. */
const STALL_MS = 2500;
/** The first frame waits for a key frame, which may be a GOP away. */
const FIRST_FRAME_MS = 8000;
const SAMPLE_MS = 500;

/**
 * Same shape as the HLS player's callbacks (declared here, not imported, so
 * the wall's player interface can move without touching this file).
 */
export interface TilePlayerCallbacks {
  onPhase(phase: TilePhase): void;
  onHealth(health: TileHealth): void;
}

export interface WebRtcSource {
  /** The SFU's signaling URL (ws:// or wss://), from the site's `sfus`. */
  readonly url: string;
  readonly producerId: string;
}

/** The signaling URL of a camera's SFU, or undefined when the site does not list it. */
export function sfuUrlOf(sfus: readonly { readonly id: string; readonly url: string }[], sfuId: string): string | undefined {
  return sfus.find((s) => s.id === sfuId)?.url;
}

/**
 * The spatial layer a tile this many CSS pixels high has use for: small grid
 * tiles take the smallest simulcast layer (and stay off the 8 hardware decoders'
 * big streams), spotlight takes the best. Non-simulcast streams ignore it.
 */
export function spatialLayerFor(heightPx: number): number {
  if (heightPx <= 240) return 0;
  if (heightPx <= 540) return 1;
  return 15;
}

/**
 * The player for a `mediasoup` playback of the site view: resolves the SFU id
 * against the site's `sfus`. An SFU the site does not list is NO SIGNAL with the reason.
 */
export function webRtcPlayerFor(
  video: HTMLVideoElement,
  playback: { readonly sfu: string; readonly producerId: string },
  sfus: readonly { readonly id: string; readonly url: string }[],
  callbacks: TilePlayerCallbacks,
): WebRtcTilePlayer {
  return new WebRtcTilePlayer(video, { url: sfuUrlOf(sfus, playback.sfu) ?? '', producerId: playback.producerId }, callbacks);
}

/**
 * One live WebRTC tile, with the same surface as HlsTilePlayer (start,
 * destroy, phase and health callbacks). The media comes from a consumer in
 * the page-wide session of the camera's SFU; this player attaches its track,
 * judges it by frames actually presented, and on a stall asks the session to
 * re-consume (which backs off with jitter and a cap). A tile scrolled out of
 * view or in a hidden window pauses its consumer on the server.
 */
export class WebRtcTilePlayer {
  private handle: ConsumerHandle | undefined;
  private readonly watchdog = new ProgressWatchdog();
  private sampleTimer: ReturnType<typeof setInterval> | undefined;
  private readonly meter: FrameMeter;
  private playedOnce = false;
  private consumer: ConsumerState = { phase: 'idle' };
  private phase: TilePhase = { phase: 'connecting' };
  private destroyed = false;
  private visible = true;
  private inView = true;
  private observer: IntersectionObserver | undefined;
  private readonly onVisibilityChange = (): void => this.updateVisible();
  private freezes = 0;
  private lastRate = { at: 0, bytes: 0, frames: 0 };
  private statsBusy = false;
  private resizeObserver: ResizeObserver | undefined;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly source: WebRtcSource,
    private readonly callbacks: TilePlayerCallbacks,
    private readonly now: () => number = () => performance.now(),
    private readonly sessionFor: (url: string) => SfuSession = sfuSessionFor,
  ) {
    this.meter = new FrameMeter(video);
  }

  start(): void {
    if (typeof RTCPeerConnection === 'undefined') {
      this.setPhase({ phase: 'no-signal', reason: { kind: 'unsupported', detail: 'no WebRTC' }, retryAt: undefined });
      return;
    }
    if (!/^wss?:\/\//.test(this.source.url)) {
      this.setPhase({ phase: 'no-signal', reason: { kind: 'source', detail: 'the site lists no such SFU' }, retryAt: undefined });
      return;
    }
    this.video.muted = true;
    this.video.playsInline = true;
    this.observeVisibility();
    this.handle = this.sessionFor(this.source.url).acquire(
      this.source.producerId,
      { onTrack: (t) => this.onTrack(t), onState: (s) => this.onConsumerState(s) },
      this.visible,
    );
    this.observeSize();
    this.sampleTimer = setInterval(() => this.sample(), SAMPLE_MS);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    clearInterval(this.sampleTimer);
    this.observer?.disconnect();
    this.resizeObserver?.disconnect();
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', this.onVisibilityChange);
    if (!this.handle) return;
    this.handle.release();
    this.handle = undefined;
    this.detach();
  }

  private observeVisibility(): void {
    if (typeof document !== 'undefined') document.addEventListener('visibilitychange', this.onVisibilityChange);
    if (typeof IntersectionObserver === 'undefined') return;
    this.observer = new IntersectionObserver((entries) => {
      const last = entries[entries.length - 1];
      if (!last) return;
      this.inView = last.isIntersecting;
      this.updateVisible();
    });
    this.observer.observe(this.video);
    this.updateVisible();
  }

  private observeSize(): void {
    const update = (): void => this.handle?.setPreferredSpatialLayer(spatialLayerFor(this.video.clientHeight));
    update();
    if (typeof ResizeObserver === 'undefined') return;
    this.resizeObserver = new ResizeObserver(update);
    this.resizeObserver.observe(this.video);
  }

  private updateVisible(): void {
    const visible = this.inView && !(typeof document !== 'undefined' && document.hidden);
    if (visible === this.visible) return;
    this.visible = visible;
    // Judging a paused consumer would call every hidden tile stalled.
    this.watchdog.reset();
    this.handle?.setVisible(visible);
  }

  private onTrack(track: MediaStreamTrack | undefined): void {
    if (this.destroyed) return;
    this.detach();
    if (!track) return;
    this.video.srcObject = new MediaStream([track]);
    this.video.play().catch(() => {
      // Muted autoplay is allowed; a refusal clears once frames arrive.
    });
    this.meter.start();
  }

  private detach(): void {
    this.meter.stop();
    this.playedOnce = false;
    this.lastRate = { at: 0, bytes: 0, frames: 0 };
    this.watchdog.reset();
    // Free the player: Chromium caps a page at 75, paused ones included.
    this.video.srcObject = null;
    this.video.removeAttribute('src');
  }

  private onConsumerState(state: ConsumerState): void {
    this.consumer = state;
    if (state.phase === 'failed') {
      const retryIn = Math.max(0, state.retryAt - Date.now());
      this.setPhase({ phase: 'no-signal', reason: reasonOf(state.failure), retryAt: Date.now() + retryIn });
    } else if (state.phase === 'consuming' && this.phase.phase !== 'no-signal') {
      this.setPhase({ phase: 'connecting' });
    }
  }

  private sample(): void {
    if (this.destroyed || !this.handle) return;
    const at = this.now();
    if (this.consumer.phase !== 'live' || !this.visible || !this.video.srcObject) {
      this.watchdog.reset();
      return;
    }
    const frames = this.meter.frames();
    const stalledFor = this.watchdog.sample({ frames, mediaTime: this.video.currentTime, at });
    void this.updateHealth(at, frames);
    if (stalledFor === 0 && frames > 0) {
      this.playedOnce = true;
      this.handle.reportProgress();
      if (this.phase.phase !== 'playing') this.setPhase({ phase: 'playing' });
      return;
    }
    if (stalledFor >= (this.playedOnce ? STALL_MS : FIRST_FRAME_MS)) {
      if (this.phase.phase === 'playing') this.freezes += 1;
      this.handle.reportStall(Math.round(stalledFor / 1000));
    }
  }

  private async updateHealth(at: number, frames: number): Promise<void> {
    if (this.statsBusy || at - this.lastRate.at < 950 || !this.handle) return;
    this.statsBusy = true;
    try {
      const report = await this.handle.getStats();
      const inbound = report ? inboundVideo(report) : undefined;
      if (this.destroyed) return;
      const bytes = inbound?.bytesReceived ?? 0;
      const elapsed = at - this.lastRate.at;
      const first = this.lastRate.at === 0;
      const fps = first ? 0 : ((frames - this.lastRate.frames) * 1000) / elapsed;
      const kbps = first ? 0 : ((bytes - this.lastRate.bytes) * 8) / elapsed;
      this.lastRate = { at, bytes, frames };
      const q = this.video.getVideoPlaybackQuality?.();
      // Receive-side delay: how long frames sat in the jitter buffer (the network part is not observable here).
      const jb = inbound && inbound.jitterBufferEmittedCount ? (inbound.jitterBufferDelay ?? 0) / inbound.jitterBufferEmittedCount : undefined;
      const health: TileHealth = {
        ...emptyHealth('webrtc'),
        width: this.video.videoWidth || inbound?.frameWidth || 0,
        height: this.video.videoHeight || inbound?.frameHeight || 0,
        fps: Math.max(0, Math.round((inbound?.framesPerSecond ?? fps) * 10) / 10),
        kbps: Math.max(0, Math.round(kbps)),
        latencySec: jb !== undefined && Number.isFinite(jb) ? Math.round(jb * 1000) / 1000 : undefined,
        framesPresented: frames,
        framesDropped: q?.droppedVideoFrames ?? 0,
        freezes: this.freezes,
        lastFrameAgeMs: Math.round(this.watchdog.ageOfLastProgress(at)),
      };
      this.callbacks.onHealth(health);
    } finally {
      this.statsBusy = false;
    }
  }

  private setPhase(phase: TilePhase): void {
    this.phase = phase;
    this.callbacks.onPhase(phase);
  }
}

interface InboundVideo {
  readonly bytesReceived?: number;
  readonly framesPerSecond?: number;
  readonly frameWidth?: number;
  readonly frameHeight?: number;
  readonly jitterBufferDelay?: number;
  readonly jitterBufferEmittedCount?: number;
}

function inboundVideo(report: RTCStatsReport): InboundVideo | undefined {
  let found: InboundVideo | undefined;
  report.forEach((s: { type?: string; kind?: string } & InboundVideo) => {
    if (s.type === 'inbound-rtp' && s.kind === 'video') found = s;
  });
  return found;
}

function reasonOf(failure: ConsumerFailure): NoSignalReason {
  switch (failure.kind) {
    case 'stalled':
      return { kind: 'stalled', seconds: failure.seconds };
    case 'producer-closed':
      return { kind: 'source', detail: 'SFU producer closed' };
    case 'consumer-closed':
      return { kind: 'network', detail: `SFU closed the consumer${failure.detail ? `: ${failure.detail}` : ''}` };
    case 'error':
      return { kind: 'network', detail: failure.detail };
  }
}

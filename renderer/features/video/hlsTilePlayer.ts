import Hls, { type ErrorData, type HlsConfig } from 'hls.js';
import type { Playback } from '../../../shared/media/sources';
import { backoffDelay } from './backoff';
import type { TilePlayer, TilePlayerCallbacks } from './tilePlayer';
import { emptyHealth, type NoSignalReason, type TileHealth, type TilePhase } from './tileState';
import { ProgressWatchdog } from './watchdog';
import { errorText } from '../../ui/errorText';
import { FrameMeter } from './frameMeter';

/** Frames must move at least this often or the tile is declared stalled. */
const STALL_MS = 2500;
const SAMPLE_MS = 500;
/** A tile that plays this long is trusted again: its backoff resets. */
const PROBATION_MS = 10_000;
const BACKOFF = { baseMs: 1000, capMs: 4000, jitter: 0.25 };

/**
 * hls.js tuned for a wall of live cameras: stay ~2 s behind live, nudge the
 * playback rate to catch up (up to 1.1×) and jump when more than 6 s behind;
 * short buffers so sixteen tiles hold little memory.
 */
const HLS_CONFIG: Partial<HlsConfig> = {
  lowLatencyMode: false,
  liveSyncDuration: 2,
  liveMaxLatencyDuration: 6,
  maxLiveSyncPlaybackRate: 1.1,
  maxBufferLength: 4,
  maxMaxBufferLength: 8,
  backBufferLength: 2,
  liveDurationInfinity: true,
  manifestLoadingMaxRetry: 1,
  levelLoadingMaxRetry: 2,
  fragLoadingMaxRetry: 2,
  startFragPrefetch: true,
  // Small stall nudges, so the watchdog cannot mistake them for playback (see watchdog.ts).
  nudgeOffset: 0.05,
};

export type { TilePlayerCallbacks } from './tilePlayer';

/**
 * One live HLS tile: plays, watches media progress, and heals itself. On a
 * fatal error or a stall the player is destroyed (freeing its decoder), the
 * tile shows NO SIGNAL with the reason, and the playlist is probed with
 * backoff; the player is rebuilt as soon as the source is seen advancing.
 */
export class HlsTilePlayer implements TilePlayer {
  readonly transport = 'hls' as const;
  private hls: Hls | undefined;
  private video: HTMLVideoElement | undefined;
  private url = '';
  private started = false;
  private readonly watchdog = new ProgressWatchdog();
  private sampleTimer: ReturnType<typeof setInterval> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  private playingSince: number | undefined;
  private destroyed = false;
  private phase: TilePhase = { phase: 'connecting' };
  private meter: FrameMeter | undefined;
  private lastProbeSequence: string | undefined;
  private health: TileHealth = emptyHealth('hls');
  private bytesLoaded = 0;
  private lastRate = { at: 0, frames: 0, bytes: 0 };
  private freezes = 0;

  constructor(
    private readonly callbacks: TilePlayerCallbacks,
    private readonly now: () => number = () => performance.now(),
  ) {}

  attach(video: HTMLVideoElement): void {
    this.video = video;
    this.meter = new FrameMeter(video);
  }

  setSource(source: Playback): void {
    if (source.kind !== 'hls') throw new Error(`HlsTilePlayer cannot play a ${source.kind} stream`);
    if (!this.video) throw new Error('HlsTilePlayer: attach(video) before setSource');
    if (this.destroyed || (this.started && source.url === this.url)) return;
    this.url = source.url;
    if (!this.started) {
      this.started = true;
      if (!Hls.isSupported()) {
        this.setPhase({ phase: 'no-signal', reason: { kind: 'unsupported', detail: 'no Media Source Extensions' }, retryAt: undefined });
        return;
      }
      this.sampleTimer = setInterval(() => this.sample(), SAMPLE_MS);
    }
    // A new source is a fresh start: no inherited backoff or probation.
    clearTimeout(this.retryTimer);
    this.attempt = 0;
    this.freezes = 0;
    this.lastRate = { at: 0, frames: 0, bytes: 0 };
    this.bytesLoaded = 0;
    this.build();
  }

  stats(): TileHealth {
    return this.health;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    clearInterval(this.sampleTimer);
    clearTimeout(this.retryTimer);
    this.teardown();
  }

  private build(): void {
    const video = this.video;
    if (this.destroyed || !video) return;
    this.teardown();
    this.watchdog.reset();
    this.setPhase({ phase: 'connecting' });
    const hls = new Hls(HLS_CONFIG);
    this.hls = hls;
    hls.on(Hls.Events.ERROR, (_event, data) => this.onError(hls, data));
    hls.on(Hls.Events.FRAG_LOADED, (_event, data) => {
      this.bytesLoaded += data.frag.stats.loaded;
    });
    hls.loadSource(this.url);
    hls.attachMedia(video);
    video.muted = true;
    video.playsInline = true;
    video.play().catch(() => {
      // Autoplay refusals resolve themselves once media arrives with muted=true.
    });
    this.meter?.start();
  }

  private teardown(): void {
    const v = this.video;
    if (!v) return;
    this.meter?.stop();
    if (this.hls) {
      this.hls.destroy();
      this.hls = undefined;
    }
    // Clear the source so Chromium frees the player (it caps a page at 75, paused ones included).
    v.removeAttribute('src');
    v.load();
  }

  private sample(): void {
    if (this.destroyed || !this.hls || !this.video) return;
    const at = this.now();
    const frames = this.meter?.frames() ?? 0;
    const stalledFor = this.watchdog.sample({ frames, mediaTime: this.video.currentTime, at });
    this.updateHealth(at, frames);
    if (stalledFor === 0 && frames > 0) {
      if (this.phase.phase !== 'playing') {
        this.playingSince = at;
        this.setPhase({ phase: 'playing' });
      } else if (this.playingSince !== undefined && at - this.playingSince > PROBATION_MS) {
        this.attempt = 0;
      }
      return;
    }
    if (stalledFor >= STALL_MS) {
      if (this.phase.phase === 'playing') this.freezes += 1;
      this.fail({ kind: 'stalled', seconds: Math.round(stalledFor / 1000) });
    }
  }

  private updateHealth(at: number, frames: number): void {
    const elapsed = at - this.lastRate.at;
    if (elapsed < 950) return;
    const video = this.video;
    if (!video) return;
    const q = video.getVideoPlaybackQuality?.();
    const fps = this.lastRate.at === 0 ? 0 : ((frames - this.lastRate.frames) * 1000) / elapsed;
    const kbps = this.lastRate.at === 0 ? 0 : ((this.bytesLoaded - this.lastRate.bytes) * 8) / elapsed;
    this.lastRate = { at, frames, bytes: this.bytesLoaded };
    // Live latency from EXT-X-PROGRAM-DATE-TIME: wall-clock now minus the capture time of the frame on screen
    // (hls.js maps currentTime to the playlist's date). Without dates, hls.js's distance from the live edge.
    const playingDate = this.hls?.playingDate;
    const latency = playingDate ? (Date.now() - playingDate.getTime()) / 1000 : this.hls?.latency;
    this.health = {
      transport: 'hls',
      width: video.videoWidth,
      height: video.videoHeight,
      fps: Math.max(0, Math.round(fps * 10) / 10),
      kbps: Math.max(0, Math.round(kbps)),
      latencySec: latency !== undefined && Number.isFinite(latency) && latency > 0 ? Math.round(latency * 100) / 100 : undefined,
      framesPresented: frames,
      framesDropped: q?.droppedVideoFrames ?? 0,
      freezes: this.freezes,
      lastFrameAgeMs: Math.round(this.watchdog.ageOfLastProgress(at)),
    };
    this.callbacks.onHealth(this.health);
  }

  private onError(hls: Hls, data: ErrorData): void {
    if (hls !== this.hls || !data.fatal) return;
    if (data.type === Hls.ErrorTypes.MEDIA_ERROR && this.attempt === 0) {
      // hls.js's documented first step for a fatal media error.
      this.attempt += 1;
      hls.recoverMediaError();
      return;
    }
    const code = data.response?.code;
    const text = typeof data.response?.text === 'string' ? data.response.text.slice(0, 160) : '';
    const detail = code ? `HTTP ${code}${text ? `: ${text}` : ''}` : data.details;
    const kind: NoSignalReason['kind'] = data.type === Hls.ErrorTypes.MEDIA_ERROR ? 'media' : code === 503 ? 'source' : 'network';
    this.fail({ kind, detail });
  }

  private fail(reason: NoSignalReason): void {
    if (this.destroyed) return;
    this.teardown();
    this.watchdog.reset();
    this.playingSince = undefined;
    this.lastProbeSequence = undefined;
    this.scheduleProbe(reason);
  }

  private scheduleProbe(reason: NoSignalReason): void {
    const delay = backoffDelay(this.attempt, BACKOFF);
    this.attempt += 1;
    this.setPhase({ phase: 'no-signal', reason, retryAt: Date.now() + delay });
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.probe(reason), delay);
  }

  /**
   * Asks the playlist whether the source is alive before spending a player on
   * it: it must answer 200 and, after a stall, show a newer media sequence.
   */
  private async probe(previous: NoSignalReason): Promise<void> {
    if (this.destroyed) return;
    let reason: NoSignalReason = previous;
    try {
      const res = await fetch(this.url, { cache: 'no-store' });
      const body = await res.text();
      if (this.destroyed) return;
      if (!res.ok) {
        reason = { kind: res.status === 503 ? 'source' : 'network', detail: `HTTP ${res.status}${body ? `: ${body.slice(0, 160)}` : ''}` };
      } else {
        const sequence = lastSegment(body);
        const advancing = previous.kind !== 'stalled' || (this.lastProbeSequence !== undefined && sequence !== this.lastProbeSequence);
        this.lastProbeSequence = sequence;
        if (sequence !== undefined && advancing) {
          this.build();
          return;
        }
      }
    } catch (err) {
      reason = { kind: 'network', detail: errorText(err) };
    }
    this.scheduleProbe(reason);
  }

  private setPhase(phase: TilePhase): void {
    this.phase = phase;
    this.callbacks.onPhase(phase);
  }
}

/** The URI of a playlist's newest segment, or undefined if it lists none. */
export function lastSegment(playlist: string): string | undefined {
  const lines = playlist.split(/\r?\n/).map((l) => l.trim());
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i];
    if (line && !line.startsWith('#')) return line;
  }
  return undefined;
}

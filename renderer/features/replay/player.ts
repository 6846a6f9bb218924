import type { ConsoleApi } from '../../../shared/contract';
import type { ReplayInfo, TimelineEntry } from '../../../shared/replay/types';
import { foldEntry, type SiteState } from '../../../shared/state';

export interface PlayerFrame {
  readonly t: number;
  readonly index: number;
  readonly state: SiteState;
  /** Latest entries at or before t, newest first (at most 100). */
  readonly recent: readonly TimelineEntry[];
  readonly playing: boolean;
  readonly speed: number;
}

/** Idle stretches longer than this (timeline time) are skipped when skipping is on. */
const IDLE_MS = 60_000;
const BUFFER = 500;
const RECENT = 100;

/**
 * Plays an open replay. Seeking asks the core for the state at t (it starts
 * from its nearest snapshot); playing folds the next entries here as the
 * timeline passes them, with the same fold the live console runs. Advanced
 * by `tick(wallMs)` from requestAnimationFrame, so tests drive it directly.
 */
export class ReplayPlayer {
  private frame: PlayerFrame;
  private buffer: TimelineEntry[] = [];
  private fetching: Promise<void> | undefined;
  private exhausted = false;
  private lastWall: number | undefined;
  private seekToken = 0;
  private readonly listeners = new Set<(frame: PlayerFrame) => void>();
  private skip = true;

  constructor(
    private readonly api: ConsoleApi,
    readonly info: ReplayInfo,
    initial: { state: SiteState; index: number; t: number; recent: readonly TimelineEntry[] },
  ) {
    this.frame = { ...initial, playing: false, speed: 1 };
  }

  current(): PlayerFrame {
    return this.frame;
  }

  onFrame(listener: (frame: PlayerFrame) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private publish(patch: Partial<PlayerFrame>): void {
    this.frame = { ...this.frame, ...patch };
    for (const l of this.listeners) l(this.frame);
  }

  async seek(t: number): Promise<void> {
    const token = ++this.seekToken;
    const clamped = Math.min(Math.max(t, this.info.start), this.info.end);
    const frame = await this.api.replaySeek({ replayId: this.info.replayId, t: clamped });
    if (token !== this.seekToken) return; // a later seek won
    this.buffer = [];
    this.exhausted = false;
    this.publish({ t: clamped, index: frame.index, state: frame.state, recent: frame.recent });
  }

  play(speed = this.frame.speed): void {
    this.lastWall = undefined;
    this.publish({ playing: true, speed });
  }

  pause(): void {
    this.publish({ playing: false });
  }

  setSpeed(speed: number): void {
    this.publish({ speed });
  }

  get skipIdle(): boolean {
    return this.skip;
  }

  /** Whether playback jumps over stretches where nothing happened. */
  setSkipIdle(skip: boolean): void {
    this.skip = skip;
  }

  /** The next mark (an alert, an inject…) after the current position. */
  async jumpToNext(kinds: readonly string[]): Promise<boolean> {
    const mark = this.info.marks.find((m) => m.index >= this.frame.index && kinds.includes(m.kind));
    if (!mark) return false;
    await this.seek(mark.t);
    return true;
  }

  /** One animation frame: advance the timeline by the elapsed wall time times the speed. */
  tick(wallMs: number): void {
    if (!this.frame.playing) return;
    const elapsed = this.lastWall === undefined ? 0 : wallMs - this.lastWall;
    this.lastWall = wallMs;
    let t = this.frame.t + elapsed * this.frame.speed;
    if (this.buffer.length < BUFFER / 2) void this.refill();
    const next = this.buffer[0];
    if (this.skip && next && next.t - t > IDLE_MS) t = next.t - 1000;
    let { state, index } = this.frame;
    let recent = this.frame.recent;
    let folded = 0;
    while (this.buffer[0] && (this.buffer[0].t ?? 0) <= t) {
      const e = this.buffer.shift() as TimelineEntry;
      state = foldEntry(state, e);
      index = e.index + 1;
      recent = [e, ...recent];
      folded += 1;
    }
    if (folded > 0 && recent.length > RECENT) recent = recent.slice(0, RECENT);
    if (t >= this.info.end && this.buffer.length === 0 && this.exhausted) {
      this.publish({ t: this.info.end, state, index, recent, playing: false });
      return;
    }
    this.publish({ t, state, index, recent });
  }

  private refill(): Promise<void> {
    if (this.fetching || this.exhausted) return this.fetching ?? Promise.resolve();
    const token = this.seekToken;
    const from = this.buffer[this.buffer.length - 1]?.index ?? this.frame.index - 1;
    this.fetching = this.api
      .replayEntries({ replayId: this.info.replayId, fromIndex: from + 1, limit: BUFFER })
      .then((entries) => {
        if (token !== this.seekToken) return;
        if (entries.length < BUFFER) this.exhausted = true;
        this.buffer.push(...entries);
      })
      .finally(() => {
        this.fetching = undefined;
      });
    return this.fetching;
  }
}

import type { ToneSeverity } from '../../../shared/alerts/attention';

/** One burst of a severity's tone: beeps (Hz, seconds) and how often it repeats. */
interface Pattern {
  readonly beeps: readonly { readonly hz: number; readonly sec: number }[];
  readonly everyMs: number;
}

/**
 * Tones by severity, told apart by ear: red a fast two-note alarm every
 * second, orange a single beep every two seconds, yellow a soft chime every
 * five. (IEC 60601-1-8-style priority: faster and higher means more urgent.)
 */
const PATTERNS: Readonly<Record<ToneSeverity, Pattern>> = {
  red: { beeps: [{ hz: 988, sec: 0.18 }, { hz: 740, sec: 0.18 }, { hz: 988, sec: 0.18 }], everyMs: 1000 },
  orange: { beeps: [{ hz: 740, sec: 0.3 }], everyMs: 2000 },
  yellow: { beeps: [{ hz: 523, sec: 0.25 }], everyMs: 5000 },
};

export type ToneState = 'quiet' | 'sounding' | 'blocked' | 'unavailable';

/**
 * The console's alarm speaker: plays the tone of one severity on a loop
 * until told to stop, through Web Audio (no sound files to load or lose).
 * A page the browser will not let play (autoplay policy) reports `blocked`
 * until a click lets it; the Electron app and a kiosk Chromium started with
 * --autoplay-policy=no-user-gesture-required always play.
 */
export class AlarmSpeaker {
  private context: AudioContext | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private tone: ToneSeverity | undefined;
  private readonly listeners = new Set<() => void>();
  /** Bursts played since the page opened (shown on the control; tests read it). */
  bursts = 0;

  play(tone: ToneSeverity | undefined): void {
    if (tone === this.tone) return;
    this.tone = tone;
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    if (tone === undefined) {
      this.notify();
      return;
    }
    const burst = (): void => this.burst(PATTERNS[tone]);
    burst();
    this.timer = setInterval(burst, PATTERNS[tone].everyMs);
    this.notify();
  }

  /** Read on every render: no side effects (play() makes the audio context). */
  state(): ToneState {
    if (this.tone === undefined) return 'quiet';
    if (typeof AudioContext === 'undefined') return 'unavailable';
    return this.context?.state === 'running' ? 'sounding' : 'blocked';
  }

  /** After a user gesture: lets a blocked page play. */
  unblock(): void {
    void this.ensureContext()?.resume().then(() => this.notify(), () => this.notify());
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.play(undefined);
    void this.context?.close().catch(() => undefined);
    this.context = undefined;
  }

  private ensureContext(): AudioContext | undefined {
    if (this.context) return this.context;
    if (typeof AudioContext === 'undefined') return undefined;
    this.context = new AudioContext();
    this.context.onstatechange = () => this.notify();
    return this.context;
  }

  private burst(pattern: Pattern): void {
    const ctx = this.ensureContext();
    if (!ctx) return;
    if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
    let t = ctx.currentTime + 0.02;
    for (const beep of pattern.beeps) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'square';
      osc.frequency.value = beep.hz;
      // A short ramp in and out: no click at the edges.
      gain.gain.setValueAtTime(0, t);
      gain.gain.linearRampToValueAtTime(0.2, t + 0.01);
      gain.gain.setValueAtTime(0.2, t + beep.sec - 0.02);
      gain.gain.linearRampToValueAtTime(0, t + beep.sec);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t);
      osc.stop(t + beep.sec);
      t += beep.sec + 0.04;
    }
    this.bursts += 1;
    this.notify();
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }
}

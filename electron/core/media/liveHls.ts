import type { SourceState } from '../../../shared/media/sources';
import type { DemoClip } from './demoClip';
import { retimeSegment } from './fmp4';

export interface HttpResult {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array | string;
}

/** Segments listed in each live playlist: a sliding window, as a camera's NVR serves it. */
const WINDOW = 6;
/** How far behind the live edge a segment may still be fetched. */
const RETAIN = 30;

/**
 * One simulated live rendition: loops a demo clip forever on a continuous
 * timeline. Segment k covers [epoch + k·d, epoch + (k+1)·d) in wall-clock time
 * and is published once it is complete; its fMP4 decode time is k·d, and the
 * playlist stamps it with EXT-X-PROGRAM-DATE-TIME, so players can measure
 * their latency behind live.
 *
 * `phase` offsets which clip segment a k maps to, so cameras sharing a clip
 * do not show the same frame at the same moment.
 */
export class LiveHlsSource {
  private state: Exclude<SourceState, 'external' | 'error'> = 'live';
  /** When stalled: the last segment published before the freeze. */
  private frozenAt = 0;

  constructor(
    private readonly clip: DemoClip,
    private readonly epochMs: number,
    private readonly phase: number,
    private readonly now: () => number,
  ) {}

  get current(): Exclude<SourceState, 'external' | 'error'> {
    return this.state;
  }

  /** The newest complete segment index at this moment. */
  liveEdge(): number {
    return Math.floor((this.now() - this.epochMs) / this.clip.segmentMs) - 1;
  }

  private lastPublished(): number {
    return this.state === 'stalled' ? this.frozenAt : this.liveEdge();
  }

  setState(next: 'live' | 'stalled' | 'down'): void {
    if (next === 'stalled' && this.state !== 'stalled') this.frozenAt = this.liveEdge();
    this.state = next;
  }

  playlist(): HttpResult {
    if (this.state === 'down') return unavailable('camera source is down (simulated fault)');
    const last = this.lastPublished();
    const first = Math.max(0, last - WINDOW + 1);
    const seconds = this.clip.segmentMs / 1000;
    const lines = [
      '#EXTM3U',
      '#EXT-X-VERSION:7',
      `#EXT-X-TARGETDURATION:${Math.ceil(seconds)}`,
      `#EXT-X-MEDIA-SEQUENCE:${first}`,
      '#EXT-X-INDEPENDENT-SEGMENTS',
      '#EXT-X-MAP:URI="init.mp4"',
    ];
    for (let k = first; k <= last; k++) {
      lines.push(`#EXT-X-PROGRAM-DATE-TIME:${new Date(this.epochMs + k * this.clip.segmentMs).toISOString()}`);
      lines.push(`#EXTINF:${seconds.toFixed(3)},`, `seg-${k}.m4s`);
    }
    return {
      status: 200,
      headers: { 'content-type': 'application/vnd.apple.mpegurl', 'cache-control': 'no-cache, no-store' },
      body: `${lines.join('\n')}\n`,
    };
  }

  init(): HttpResult {
    if (this.state === 'down') return unavailable('camera source is down (simulated fault)');
    return { status: 200, headers: { 'content-type': 'video/mp4', 'cache-control': 'max-age=3600' }, body: this.clip.init };
  }

  segment(k: number): HttpResult {
    if (this.state === 'down') return unavailable('camera source is down (simulated fault)');
    const last = this.lastPublished();
    if (!Number.isSafeInteger(k) || k < 0 || k > last || k < last - RETAIN) {
      return { status: 404, headers: { 'content-type': 'text/plain' }, body: `segment ${k} is not available (live edge ${last})` };
    }
    const n = this.clip.segments.length;
    const source = this.clip.segments[(k + this.phase) % n];
    if (!source) return unavailable('clip has no segments');
    const body = retimeSegment(source.data, source.layout, k * this.clip.segmentTicks, this.clip.timescale, k + 1);
    return { status: 200, headers: { 'content-type': 'video/iso.segment', 'cache-control': 'max-age=60' }, body };
  }
}

export function unavailable(reason: string): HttpResult {
  return { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }, body: reason };
}

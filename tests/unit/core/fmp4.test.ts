import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Fmp4Error, readSegmentLayout, readTimescale, retimeSegment } from '../../../electron/core/media/fmp4';
import { demoSiteDir } from '../../support/paths';

const clip = join(demoSiteDir, 'clips', 'gate', 'sub');
const init = new Uint8Array(readFileSync(join(clip, 'init.mp4')));
const seg = new Uint8Array(readFileSync(join(clip, 'seg-002.m4s')));

describe('fMP4 parsing and retiming', () => {
  it('reads the media timescale from the init segment', () => {
    expect(readTimescale(init)).toBe(12800);
  });

  it('finds the decode time, sidx and fragment sequence of a segment', () => {
    const layout = readSegmentLayout(seg);
    expect(layout.tfdt.value).toBe(2 * 12800);
    expect(layout.tfdt.version).toBe(1);
    expect(layout.sampleCount).toBe(25);
    expect(layout.sidx).toBeDefined();
  });

  it('moves a segment to a new decode time without touching the original', () => {
    const layout = readSegmentLayout(seg);
    const out = retimeSegment(seg, layout, 1_000_000 * 12800, 12800, 1_000_001);
    expect(readSegmentLayout(out).tfdt.value).toBe(1_000_000 * 12800);
    expect(readSegmentLayout(seg).tfdt.value).toBe(2 * 12800);
    expect(out.byteLength).toBe(seg.byteLength);
    // Only the time fields differ: the media data is byte-identical.
    const differing = out.reduce((n, b, i) => n + (b === seg[i] ? 0 : 1), 0);
    expect(differing).toBeLessThanOrEqual(24);
  });

  it('refuses truncated and non-MP4 data with a reason', () => {
    expect(() => readSegmentLayout(seg.subarray(0, 300))).toThrow(Fmp4Error);
    expect(() => readTimescale(new TextEncoder().encode('#EXTM3U\n'))).toThrow(Fmp4Error);
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDemoClip, ClipError } from '../../../electron/core/media/demoClip';
import { readSegmentLayout } from '../../../electron/core/media/fmp4';
import { LiveHlsSource } from '../../../electron/core/media/liveHls';
import { demoSiteDir, tempDir } from '../../support/paths';
import { FakeClock } from '../../support/fakeClock';

const clip = loadDemoClip(join(demoSiteDir, 'clips', 'yard', 'sub'));

function playlistOf(source: LiveHlsSource): string {
  const r = source.playlist();
  expect(r.status).toBe(200);
  return String(r.body);
}

describe('simulated live HLS', () => {
  it('loads a demo clip of equal one-second segments', () => {
    expect(clip.segments).toHaveLength(8);
    expect(clip.segmentMs).toBe(1000);
  });

  it('refuses a clip folder that is missing, with the path', () => {
    expect(() => loadDemoClip(join(tempDir('clip'), 'nothing'))).toThrow(ClipError);
    expect(() => loadDemoClip(join(tempDir('clip'), 'nothing'))).toThrow(/index\.m3u8: file not found/);
  });

  it('publishes a sliding window of complete segments stamped with program date-time', () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 22, 8, 0, 0));
    const epoch = clock.now() - 10_000;
    const source = new LiveHlsSource(clip, epoch, 0, () => clock.now());
    let text = playlistOf(source);
    expect(text).toContain('#EXT-X-MEDIA-SEQUENCE:4');
    expect(text).toContain('seg-9.m4s');
    expect(text).not.toContain('seg-10.m4s');
    expect(text).toContain(`#EXT-X-PROGRAM-DATE-TIME:${new Date(epoch + 9000).toISOString()}`);
    expect(text).not.toContain('#EXT-X-ENDLIST');
    clock.advance(3000);
    text = playlistOf(source);
    expect(text).toContain('#EXT-X-MEDIA-SEQUENCE:7');
    expect(text).toContain('seg-12.m4s');
  });

  it('serves segment k at decode time k seconds, looping the clip with a per-camera phase', () => {
    const clock = new FakeClock();
    const source = new LiveHlsSource(clip, clock.now() - 20_000, 3, () => clock.now());
    const r = source.segment(17);
    expect(r.status).toBe(200);
    const layout = readSegmentLayout(r.body as Uint8Array);
    expect(layout.tfdt.value).toBe(17 * 12800);
    expect(source.segment(25).status).toBe(404); // not yet complete
  });

  it('freezes the playlist when stalled and answers 503 when down, then resumes at the live edge', () => {
    const clock = new FakeClock();
    const source = new LiveHlsSource(clip, clock.now() - 10_000, 0, () => clock.now());
    source.setState('stalled');
    const frozen = playlistOf(source);
    clock.advance(5000);
    expect(playlistOf(source)).toBe(frozen);
    source.setState('down');
    expect(source.playlist().status).toBe(503);
    expect(source.segment(5).status).toBe(503);
    source.setState('live');
    expect(playlistOf(source)).toContain('seg-14.m4s');
  });
});

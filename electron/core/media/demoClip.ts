import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Fmp4Error, readSegmentLayout, readTimescale, type SegmentLayout } from './fmp4';

/**
 * A demo clip: an fMP4 HLS VOD folder (index.m3u8, init.mp4, segments) as
 * resources/demo-site/clips/make-clips.sh writes it. Segments must be of equal
 * length so the simulator can loop them on a continuous timeline.
 */
export interface DemoClip {
  readonly init: Uint8Array;
  readonly segments: readonly { readonly data: Uint8Array; readonly layout: SegmentLayout }[];
  readonly timescale: number;
  /** Length of every segment, in media ticks and in milliseconds. */
  readonly segmentTicks: number;
  readonly segmentMs: number;
}

export class ClipError extends Error {}

/** Loads and checks a clip folder; throws ClipError naming the file and the problem. */
export function loadDemoClip(dir: string): DemoClip {
  const playlistPath = join(dir, 'index.m3u8');
  const playlist = readText(playlistPath);
  const mapMatch = /#EXT-X-MAP:URI="([^"]+)"/.exec(playlist);
  if (!mapMatch?.[1]) throw new ClipError(`${playlistPath}: no #EXT-X-MAP (not an fMP4 playlist)`);
  const initName = mapMatch[1];
  const segmentNames = playlist
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  if (segmentNames.length < 2) throw new ClipError(`${playlistPath}: needs at least 2 segments, found ${segmentNames.length}`);
  for (const name of [initName, ...segmentNames]) {
    if (name.includes('/') || name.includes('\\') || name.startsWith('.')) {
      throw new ClipError(`${playlistPath}: segment "${name}" must be a plain file name in the clip folder`);
    }
  }

  const init = readBinary(join(dir, initName));
  let timescale: number;
  try {
    timescale = readTimescale(init);
  } catch (err) {
    throw new ClipError(`${join(dir, initName)}: ${(err as Error).message}`);
  }

  const segments = segmentNames.map((name) => {
    const path = join(dir, name);
    const data = readBinary(path);
    try {
      return { data, layout: readSegmentLayout(data) };
    } catch (err) {
      if (err instanceof Fmp4Error) throw new ClipError(`${path}: ${err.message}`);
      throw err;
    }
  });

  const first = segments[0];
  const second = segments[1];
  if (!first || !second) throw new ClipError(`${playlistPath}: needs at least 2 segments`);
  const segmentTicks = second.layout.tfdt.value - first.layout.tfdt.value;
  if (segmentTicks <= 0) throw new ClipError(`${playlistPath}: segment times do not increase`);
  segments.forEach((s, i) => {
    const expected = first.layout.tfdt.value + i * segmentTicks;
    if (s.layout.tfdt.value !== expected || s.layout.sampleCount !== first.layout.sampleCount) {
      throw new ClipError(`${join(dir, segmentNames[i] ?? '')}: segments must all be the same length (segment ${i} differs)`);
    }
  });

  return { init, segments, timescale, segmentTicks, segmentMs: (segmentTicks * 1000) / timescale };
}

function readBinary(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (err) {
    throw new ClipError(describeReadError(path, err));
  }
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new ClipError(describeReadError(path, err));
  }
}

function describeReadError(path: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? `${path}: file not found` : `${path}: ${(err as Error).message}`;
}

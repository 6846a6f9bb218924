/**
 * Just enough ISO-BMFF (fMP4) parsing to loop pre-encoded segments as a live
 * stream: find the timescale in the init segment, and the fields that carry a
 * segment's position in time (tfdt, sidx, mfhd) so they can be rewritten.
 */

export class Fmp4Error extends Error {}

interface Box {
  readonly type: string;
  readonly start: number;
  readonly headerSize: number;
  readonly end: number;
}

const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'moof', 'traf', 'mvex', 'minf', 'stbl']);

function* boxes(buf: Uint8Array, start: number, end: number): Generator<Box> {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let offset = start;
  while (offset < end) {
    if (end - offset < 8) throw new Fmp4Error(`truncated box header at byte ${offset}`);
    let size = view.getUint32(offset);
    const type = String.fromCharCode(buf[offset + 4] ?? 0, buf[offset + 5] ?? 0, buf[offset + 6] ?? 0, buf[offset + 7] ?? 0);
    let headerSize = 8;
    if (size === 1) {
      if (end - offset < 16) throw new Fmp4Error(`truncated large box "${type}" at byte ${offset}`);
      size = Number(view.getBigUint64(offset + 8));
      headerSize = 16;
    } else if (size === 0) {
      size = end - offset;
    }
    if (size < headerSize || offset + size > end) throw new Fmp4Error(`box "${type}" at byte ${offset} overruns its parent`);
    yield { type, start: offset, headerSize, end: offset + size };
    offset += size;
  }
}

function walk(buf: Uint8Array, start: number, end: number, visit: (box: Box) => void): void {
  for (const box of boxes(buf, start, end)) {
    visit(box);
    if (CONTAINERS.has(box.type)) walk(buf, box.start + box.headerSize, box.end, visit);
  }
}

/** The media timescale (ticks per second) of the first track of an init segment. */
export function readTimescale(init: Uint8Array): number {
  const view = new DataView(init.buffer, init.byteOffset, init.byteLength);
  let timescale: number | undefined;
  let hasMoov = false;
  walk(init, 0, init.byteLength, (box) => {
    if (box.type === 'moov') hasMoov = true;
    if (box.type === 'mdhd' && timescale === undefined) {
      const body = box.start + box.headerSize;
      const version = init[body];
      timescale = view.getUint32(body + (version === 1 ? 20 : 12));
    }
  });
  if (!hasMoov) throw new Fmp4Error('init segment has no moov box');
  if (!timescale) throw new Fmp4Error('init segment has no media timescale (mdhd)');
  return timescale;
}

/** Byte positions of a media segment's time fields, found once at load. */
export interface SegmentLayout {
  readonly tfdt: { readonly offset: number; readonly version: number; readonly value: number };
  readonly sidx?: { readonly offset: number; readonly version: number; readonly timescale: number };
  readonly mfhdSequenceOffset: number | undefined;
  /** Number of samples (frames) in the segment. */
  readonly sampleCount: number;
}

export function readSegmentLayout(segment: Uint8Array): SegmentLayout {
  const view = new DataView(segment.buffer, segment.byteOffset, segment.byteLength);
  let tfdt: SegmentLayout['tfdt'] | undefined;
  let sidx: SegmentLayout['sidx'] | undefined;
  let mfhdSequenceOffset: number | undefined;
  let sampleCount = 0;
  let hasMdat = false;
  walk(segment, 0, segment.byteLength, (box) => {
    const body = box.start + box.headerSize;
    switch (box.type) {
      case 'tfdt': {
        if (tfdt) break;
        const version = segment[body] ?? 0;
        const value = version === 1 ? Number(view.getBigUint64(body + 4)) : view.getUint32(body + 4);
        tfdt = { offset: body + 4, version, value };
        break;
      }
      case 'sidx': {
        const version = segment[body] ?? 0;
        sidx = { offset: body + 12, version, timescale: view.getUint32(body + 8) };
        break;
      }
      case 'mfhd':
        mfhdSequenceOffset = body + 4;
        break;
      case 'trun':
        sampleCount += view.getUint32(body + 4);
        break;
      case 'mdat':
        hasMdat = true;
        break;
      default:
        break;
    }
  });
  if (!tfdt) throw new Fmp4Error('segment has no decode time (tfdt)');
  if (!hasMdat) throw new Fmp4Error('segment has no media data (mdat)');
  if (sampleCount === 0) throw new Fmp4Error('segment has no samples');
  return { tfdt, ...(sidx ? { sidx } : {}), mfhdSequenceOffset, sampleCount };
}

/**
 * A copy of `segment` placed at `decodeTime` (media ticks) with fragment
 * sequence number `sequence`. The original buffer is not modified.
 */
export function retimeSegment(
  segment: Uint8Array,
  layout: SegmentLayout,
  decodeTime: number,
  timescale: number,
  sequence: number,
): Uint8Array {
  const out = new Uint8Array(segment);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  writeTime(view, layout.tfdt.offset, layout.tfdt.version, decodeTime);
  if (layout.sidx) {
    const ept = Math.round((decodeTime * layout.sidx.timescale) / timescale);
    writeTime(view, layout.sidx.offset, layout.sidx.version, ept);
  }
  if (layout.mfhdSequenceOffset !== undefined) view.setUint32(layout.mfhdSequenceOffset, sequence >>> 0);
  return out;
}

function writeTime(view: DataView, offset: number, version: number, value: number): void {
  if (version === 1) view.setBigUint64(offset, BigInt(value));
  else if (value > 0xffffffff) throw new Fmp4Error('decode time overflows a 32-bit tfdt; re-encode the clip with 64-bit fragment times');
  else view.setUint32(offset, value);
}

/**
 * Hybrid logical clock (Kulkarni et al.): wall-clock milliseconds plus a
 * counter. It never goes backwards, even when the system clock does, and
 * stays close to real time. Encoded as a fixed-width string so string order
 * is time order; ties between consoles break on the console id.
 */
export interface Hlc {
  readonly wall: number;
  readonly counter: number;
}

export const HLC_ZERO: Hlc = { wall: 0, counter: 0 };
const WALL_DIGITS = 15;
const COUNTER_DIGITS = 6;
const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1;

/** The clock value for a local event at physical time `now`. */
export function hlcTick(prev: Hlc, now: number): Hlc {
  if (now > prev.wall) return { wall: now, counter: 0 };
  return bumped(prev.wall, prev.counter + 1);
}

/**
 * The clock value after receiving a remote value (for merging other consoles'
 * entries). A remote clock further than `maxDriftMs` ahead of ours is not
 * followed: the caller gets `undefined` and decides (log it, keep the entry).
 */
export function hlcReceive(prev: Hlc, remote: Hlc, now: number, maxDriftMs = 60_000): Hlc | undefined {
  if (remote.wall > now + maxDriftMs) return undefined;
  const wall = Math.max(prev.wall, remote.wall, now);
  if (wall === prev.wall && wall === remote.wall) return bumped(wall, Math.max(prev.counter, remote.counter) + 1);
  if (wall === prev.wall) return bumped(wall, prev.counter + 1);
  if (wall === remote.wall) return bumped(wall, remote.counter + 1);
  return { wall, counter: 0 };
}

function bumped(wall: number, counter: number): Hlc {
  // A counter overflow (a million events in one millisecond) borrows from the next millisecond.
  return counter > MAX_COUNTER ? { wall: wall + 1, counter: 0 } : { wall, counter };
}

export function encodeHlc(h: Hlc): string {
  return `${String(h.wall).padStart(WALL_DIGITS, '0')}.${String(h.counter).padStart(COUNTER_DIGITS, '0')}`;
}

export function decodeHlc(text: string): Hlc {
  const match = /^(\d{15})\.(\d{6})$/.exec(text);
  if (!match?.[1] || !match[2]) throw new Error(`not an HLC value: "${text}"`);
  return { wall: Number(match[1]), counter: Number(match[2]) };
}

export const HLC_PATTERN = /^\d{15}\.\d{6}$/;

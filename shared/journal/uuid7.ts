/**
 * UUIDv7 (RFC 9562): 48-bit Unix milliseconds, version and variant bits, and
 * randomness supplied by the caller (shared/ is deterministic). Sorting the
 * text sorts by creation time. Written for speed: the journal makes one per
 * entry, a million in a bulk load.
 */
const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function uuid7(ms: number, random: Uint8Array, offset = 0): string {
  if (random.length - offset < 10) throw new Error('uuid7 needs 10 random bytes');
  const t = Math.max(0, Math.floor(ms));
  const hi = Math.floor(t / 0x1000000); // upper 24 bits of 48
  const lo = t % 0x1000000; // lower 24 bits
  const b = (i: number): number => random[offset + i] ?? 0;
  return (
    HEX[(hi >>> 16) & 0xff]! +
    HEX[(hi >>> 8) & 0xff]! +
    HEX[hi & 0xff]! +
    HEX[(lo >>> 16) & 0xff]! +
    '-' +
    HEX[(lo >>> 8) & 0xff]! +
    HEX[lo & 0xff]! +
    '-' +
    HEX[0x70 | (b(0) & 0x0f)]! +
    HEX[b(1)]! +
    '-' +
    HEX[0x80 | (b(2) & 0x3f)]! +
    HEX[b(3)]! +
    '-' +
    HEX[b(4)]! +
    HEX[b(5)]! +
    HEX[b(6)]! +
    HEX[b(7)]! +
    HEX[b(8)]! +
    HEX[b(9)]!
  );
}

export const UUID7_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

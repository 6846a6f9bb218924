import { describe, expect, it } from 'vitest';
import { decodeHlc, encodeHlc, hlcReceive, hlcTick, HLC_ZERO } from '../../../shared/journal/hlc';
import { openTestJournal } from '../../support/journal';

describe('hybrid logical clock', () => {
  it('never goes backwards when the wall clock does', () => {
    let h = hlcTick(HLC_ZERO, 1000);
    const seen = [encodeHlc(h)];
    for (const now of [1001, 1001, 500, 200, 1002, 5000, 4000]) {
      h = hlcTick(h, now);
      seen.push(encodeHlc(h));
    }
    expect([...seen].sort()).toEqual(seen);
    expect(new Set(seen).size).toBe(seen.length);
    expect(decodeHlc(seen[3]!)).toEqual({ wall: 1001, counter: 2 });
  });

  it('merges a remote clock and refuses one too far ahead', () => {
    const local = { wall: 1000, counter: 3 };
    expect(hlcReceive(local, { wall: 1000, counter: 7 }, 900)).toEqual({ wall: 1000, counter: 8 });
    expect(hlcReceive(local, { wall: 1200, counter: 0 }, 1100)).toEqual({ wall: 1200, counter: 1 });
    expect(hlcReceive(local, { wall: 10_000_000, counter: 0 }, 1100, 60_000)).toBeUndefined();
  });
});

describe('journal under clock skew', () => {
  it('keeps the logical clock monotonic and rejects nothing when the clock jumps back an hour', async () => {
    const { journal, clock } = await openTestJournal();
    try {
      const entries = [];
      for (let i = 0; i < 5; i++) {
        entries.push(await journal.append({ kind: 'note', payload: { text: `before ${i}` } }, { actor: 'a' }));
        clock.advance(1000);
      }
      clock.advance(-3_600_000); // NTP correction, or a dead RTC battery
      for (let i = 0; i < 5; i++) {
        entries.push(await journal.append({ kind: 'note', payload: { text: `after ${i}` } }, { actor: 'a' }));
        clock.advance(10);
      }
      const hlcs = entries.map((e) => e.hlc);
      expect([...hlcs].sort()).toEqual(hlcs);
      expect(new Set(hlcs).size).toBe(hlcs.length);
      // The wall clock is recorded as it was: the jump stays visible in occurredAt.
      expect(entries[5]!.occurredAt).toBeLessThan(entries[4]!.occurredAt);
      expect(decodeHlc(entries[5]!.hlc).wall).toBe(decodeHlc(entries[4]!.hlc).wall);
    } finally {
      await journal.close();
    }
  });
});

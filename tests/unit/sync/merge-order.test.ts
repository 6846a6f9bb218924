import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../shared/journal/canonical';
import type { JournalEntry } from '../../../shared/journal/entry';
import { encodeHlc } from '../../../shared/journal/hlc';
import { foldEntries, initialSiteState } from '../../../shared/state';
import { mergeKey } from '../../../electron/core/state/mergeKey';
import { StateService } from '../../../electron/core/state/stateService';

/** A small deterministic PRNG so the test is the same on every run. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function consoleEntries(consoleId: string, count: number, random: () => number): JournalEntry[] {
  let wall = 1_700_000_000_000;
  return Array.from({ length: count }, (_, i) => {
    wall += Math.floor(random() * 50);
    const handoverEntry = random() < 0.2;
    return {
      seq: i + 1,
      id: `${consoleId}-${i}`,
      site: 's',
      console: consoleId,
      kind: handoverEntry ? 'handover' : 'note',
      occurredAt: wall,
      hlc: encodeHlc({ wall, counter: 0 }),
      actor: consoleId,
      mode: 'LIVE',
      ref: null,
      payload: handoverEntry ? { outgoing: 'x', incoming: `${consoleId}-${i}`, summary: 's', openItems: [] } : { text: `${i}` },
      prevHash: '0'.repeat(64),
      hash: '0'.repeat(64),
    };
  });
}

describe('merged fold order', () => {
  it('reaches the same state whatever order the consoles\u2019 entries arrive in', () => {
    const random = prng(42);
    const streams = ['c-a', 'c-b', 'c-c'].map((id) => consoleEntries(id, 5000, random));
    const all = streams.flat().sort((x, y) => (mergeKey(x) < mergeKey(y) ? -1 : 1));
    const expected = canonicalJson(foldEntries(initialSiteState(), all) as unknown as Record<string, unknown>);

    for (const seed of [1, 2, 3]) {
      const r = prng(seed);
      const service = new StateService('s');
      const cursors = streams.map(() => 0);
      let resets = 0;
      service.onChange((c) => {
        if (c.kind === 'reset') resets += 1;
      });
      // Each console's entries arrive in its own order, in random-sized batches, consoles interleaved at random (one partitioned for a while).
      while (cursors.some((c, i) => c < (streams[i]?.length ?? 0))) {
        const i = Math.floor(r() * streams.length);
        const stream = streams[i] ?? [];
        const from = cursors[i] ?? 0;
        const n = Math.min(stream.length - from, 1 + Math.floor(r() * (i === 2 ? 1500 : 200)));
        if (n <= 0) continue;
        service.apply(stream.slice(from, from + n));
        cursors[i] = from + n;
      }
      expect(canonicalJson(service.current() as unknown as Record<string, unknown>)).toBe(expected);
      expect(resets).toBeGreaterThan(0); // late arrivals really happened
      // Duplicates change nothing.
      service.apply(streams[0]?.slice(0, 100) ?? []);
      expect(canonicalJson(service.current() as unknown as Record<string, unknown>)).toBe(expected);
    }
  });
});

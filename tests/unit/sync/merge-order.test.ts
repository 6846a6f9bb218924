import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../shared/journal/canonical';
import type { JournalEntry } from '../../../shared/journal/entry';
import { foldEntries, initialSiteState, wallAlarms } from '../../../shared/state';
import { alertList } from '../../../shared/state/alertsDomain';
import { mergeKey } from '../../../electron/core/state/mergeKey';
import { StateService } from '../../../electron/core/state/stateService';
import { makeEntry } from '../../support/entries';

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
    return makeEntry({
      seq: i + 1,
      id: `${consoleId}-${i}`,
      site: 's',
      console: consoleId,
      kind: handoverEntry ? 'handover' : 'note',
      occurredAt: wall,
      actor: consoleId,
      payload: handoverEntry ? { outgoing: 'x', incoming: `${consoleId}-${i}`, summary: 's', openItems: [] } : { text: `${i}` },
    });
  });
}

/**
 * Two consoles handling the same alerts at once: both ingest the same raises
 * (duplicates), and their officers acknowledge, dispatch, escalate, resolve and
 * call false alarms on the same alerts within milliseconds of each other, so
 * many steps tie on the HLC wall time and only the console id orders them.
 */
function alertEntries(consoleId: string, count: number, random: () => number): JournalEntry[] {
  let wall = 1_700_000_000_000;
  const steps = ['alert.acknowledged', 'alert.dispatched', 'alert.escalated', 'alert.on-scene', 'alert.assigned', 'alert.note'] as const;
  return Array.from({ length: count }, (_, i) => {
    wall += Math.floor(random() * 3);
    const alertId = `A${Math.floor(random() * 300)}`;
    const r = random();
    // Closing is rarer than handling, so some alerts are still open (new, acknowledged, dispatched, escalated) at the end.
    const kind = r < 0.25 ? 'alert.raised' : r < 0.29 ? 'alert.resolved' : r < 0.33 ? 'alert.false-alarm' : (steps[Math.floor(random() * steps.length)] ?? 'alert.note');
    const payload =
      kind === 'alert.raised'
        ? { alertId, source: 'nats', type: 'intrusion', severity: random() < 0.5 ? 'red' : 'yellow', cameras: ['perimeter-n'], occurredAt: wall, mode: 'LIVE' }
        : kind === 'alert.escalated'
          ? { alertId, reason: 'target passed', by: random() < 0.5 ? 'system' : 'operator' }
          : kind === 'alert.assigned'
            ? { alertId, to: `${consoleId}-officer` }
            : kind === 'alert.note'
              ? { alertId, text: `${i}` }
              : { alertId };
    return makeEntry({ seq: i + 1, id: `${consoleId}-${i}`, site: 's', console: consoleId, kind, occurredAt: wall, actor: `${consoleId}-officer`, payload });
  });
}

describe('merged fold order', () => {
  it('reaches the same state whatever order the consoles\u2019 entries arrive in', () => {
    const random = prng(42);
    const streams = ['c-a', 'c-b', 'c-c'].map((id) => consoleEntries(id, 5000, random));
    const all = streams.flat().sort((x, y) => (mergeKey(x) < mergeKey(y) ? -1 : 1));
    const expected = canonicalJson(foldEntries(initialSiteState(), all));

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
      service.flush(); // a catch-up's late entries may still be waiting to be slotted in together
      expect(canonicalJson(service.current() as unknown as Record<string, unknown>)).toBe(expected);
      expect(resets).toBeGreaterThan(0); // late arrivals really happened
      // Duplicates change nothing.
      service.apply(streams[0]?.slice(0, 100) ?? []);
      expect(canonicalJson(service.current() as unknown as Record<string, unknown>)).toBe(expected);
    }
  });
});

describe('merged fold order of alert handling', () => {
  it('gives every alert the same final status whatever order two consoles\u2019 simultaneous steps arrive in, on the desk and the wall alike', () => {
    const random = prng(5);
    const streams = ['c-a', 'c-b'].map((id) => alertEntries(id, 3000, random));
    const all = streams.flat().sort((x, y) => (mergeKey(x) < mergeKey(y) ? -1 : 1));
    const merged = foldEntries(initialSiteState(), all);
    const expected = canonicalJson(merged);
    const statuses = (state: typeof merged): string[] => alertList(state.alerts).map((a) => `${a.id}:${a.status}:${a.ackBy ?? ''}`);
    // The property must have something to decide: closed, escalated and handled-twice alerts.
    const seen = new Set(alertList(merged.alerts).map((a) => a.status));
    for (const s of ['resolved', 'false-alarm', 'escalated', 'dispatched', 'acknowledged'] as const) expect(seen).toContain(s);
    expect(alertList(merged.alerts).some((a) => a.history.some((h) => h.noop))).toBe(true);

    for (const seed of [21, 22, 23]) {
      const r = prng(seed);
      const service = new StateService('s');
      const cursors = streams.map(() => 0);
      while (cursors.some((c, i) => c < (streams[i]?.length ?? 0))) {
        const i = Math.floor(r() * streams.length);
        const stream = streams[i] ?? [];
        const from = cursors[i] ?? 0;
        const n = Math.min(stream.length - from, 1 + Math.floor(r() * 300));
        if (n <= 0) continue;
        service.apply(stream.slice(from, from + n));
        cursors[i] = from + n;
      }
      service.flush();
      const state = service.current();
      expect(statuses(state)).toEqual(statuses(merged));
      expect(canonicalJson(state as unknown as Record<string, unknown>)).toBe(expected);
      // The wall's alarms are the same alerts with the same status.
      expect(wallAlarms(state.alerts).map((a) => `${a.alertId}:${a.status}`)).toEqual(alertList(state.alerts).map((a) => `${a.id}:${a.status}`));
    }
  });
});

describe('slotting late entries in', () => {
  const byKey = (x: JournalEntry, y: JournalEntry): number => (mergeKey(x) < mergeKey(y) ? -1 : 1);
  const hash = (state: unknown): string => canonicalJson(state);

  it('refolds a moment-late entry at once, and a view that folds the changes it is sent agrees', () => {
    const random = prng(7);
    const [a, b] = ['c-a', 'c-b'].map((id) => consoleEntries(id, 400, random)) as [JournalEntry[], JournalEntry[]];
    const service = new StateService('s');
    // What a renderer does with the changes: fold appends itself, take a reset whole.
    let view = initialSiteState();
    const changes: string[] = [];
    service.onChange((c) => {
      changes.push(c.kind);
      view = c.kind === 'append' ? foldEntries(view, c.entries) : c.state;
    });
    // b's entries each arrive just after a's entries that follow them in merge order: late, but within the tail.
    for (let i = 0; i < 400; i += 20) {
      service.apply(a.slice(i, i + 20));
      service.apply(b.slice(i, i + 20));
    }
    const expected = hash(foldEntries(initialSiteState(), [...a, ...b].sort(byKey)));
    expect(hash(service.current())).toBe(expected); // nothing waits: no flush needed
    expect(service.heldCount()).toBe(0);
    expect(changes).toContain('reset');
    expect(hash(view)).toBe(expected);
  });

  it('gathers a catch-up\u2019s late entries and slots them in once the sender says it is caught up', () => {
    const random = prng(9);
    const [a, b] = ['c-a', 'c-b'].map((id) => consoleEntries(id, 3000, random)) as [JournalEntry[], JournalEntry[]];
    const service = new StateService('s');
    service.apply(a); // this console's own entries during a partition
    let resets = 0;
    service.onChange((c) => {
      if (c.kind === 'reset') resets += 1;
    });
    const before = hash(service.current());
    // The peer's entries of the same period arrive in stream messages of 500, more queued behind each.
    for (let i = 0; i < 2500; i += 500) service.apply(b.slice(i, i + 500), { more: true });
    expect(service.heldCount()).toBeGreaterThan(0);
    expect(hash(service.current())).toBe(before); // held, not yet folded
    expect(resets).toBe(0);
    service.apply(b.slice(2500), { more: false });
    expect(service.heldCount()).toBe(0);
    expect(resets).toBe(1); // one refold for the whole catch-up
    expect(hash(service.current())).toBe(hash(foldEntries(initialSiteState(), [...a, ...b].sort(byKey))));
  });

  it('slots held entries in on its own when no word comes', async () => {
    const random = prng(11);
    const [a, b] = ['c-a', 'c-b'].map((id) => consoleEntries(id, 3000, random)) as [JournalEntry[], JournalEntry[]];
    const service = new StateService('s');
    service.apply(a);
    const reset = new Promise<void>((resolve) => service.onChange((c) => c.kind === 'reset' && resolve()));
    service.apply(b, { more: true });
    expect(service.heldCount()).toBe(b.length);
    await reset;
    expect(hash(service.current())).toBe(hash(foldEntries(initialSiteState(), [...a, ...b].sort(byKey))));
  });
});

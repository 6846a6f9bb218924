import { describe, expect, it } from 'vitest';
import { appendedTail, packEvents } from '../../../shared/heatmap/pack';
import { buildLut, colourAt, COLOUR_STOPS, legendStops, lutIndex } from '../../../shared/heatmap/colourScale';
import { activeCountsByFloor, eventsOfZone, zoneCounts } from '../../../shared/heatmap/counts';
import { addEvents, binAndBlur, colourise, createGrid, splatEvents } from '../../../shared/heatmap/grid';
import { makeKernel, peakDensity } from '../../../shared/heatmap/kernel';
import { buildTimeIndex, eventsInWindow, lowerBound, TIME_WINDOWS, windowMs, windowRange } from '../../../shared/heatmap/timeWindow';
import type { HeatEvent } from '../../../shared/heatmap/types';
import { SEVERITY_WEIGHT } from '../../../shared/heatmap/weights';

const ev = (over: Partial<HeatEvent> = {}): HeatEvent => ({ floor: 'f1', x: 10, y: 10, severity: 'blue', at: 0, open: true, ...over });
const sum = (a: Float32Array): number => a.reduce((s, v) => s + v, 0);

describe('severity weights', () => {
  it('double at each step, red heaviest', () => {
    expect(SEVERITY_WEIGHT).toEqual({ red: 8, orange: 4, yellow: 2, blue: 1 });
  });
});

describe('kernel', () => {
  it('integrates to 1 per event whatever the cell size, and ends at the radius', () => {
    for (const cell of [0.1, 0.25, 0.5]) {
      const k = makeKernel(5, cell);
      expect(sum(k.stamp) * cell * cell).toBeCloseTo(1, 4);
      expect(sum(k.taps) * cell).toBeCloseTo(1, 5);
      expect(k.half).toBe(3 * Math.round(5 / cell / 3));
      // the heat ends at the radius (to within one box step)
      expect(Math.abs(k.half * cell - 5)).toBeLessThanOrEqual(1.5 * cell);
      expect(k.taps[0]).toBeGreaterThan(0);
    }
  });
  it('radius is in metres: the peak falls as the radius grows', () => {
    expect(peakDensity(makeKernel(2, 0.25))).toBeGreaterThan(peakDensity(makeKernel(5, 0.25)));
    // Triple box ≈ Gaussian with σ² = b(b + 1) cells²: peak ≈ 1 / (2πσ²), within 15 % (b = 7 at 0.25 m).
    const gaussianPeak = 1 / (2 * Math.PI * 7 * 8 * 0.25 * 0.25);
    expect(Math.abs(peakDensity(makeKernel(5, 0.25)) / gaussianPeak - 1)).toBeLessThan(0.15);
  });
  it('refuses a bad radius or cell size, naming it', () => {
    expect(() => makeKernel(0, 0.25)).toThrow(/radiusM/);
    expect(() => makeKernel(5, Number.NaN)).toThrow(/cellM/);
  });
});

describe('grid', () => {
  const kernel = makeKernel(3, 0.25);
  const packed = new Float32Array([10, 10, 8, 12, 11, 1, 30, 8, 2, 20, 12, 4]);
  it('splat and bin-and-blur give the same density (linearity)', () => {
    const a = createGrid(40, 20, 0.25);
    const b = createGrid(40, 20, 0.25);
    splatEvents(a, kernel, packed);
    binAndBlur(b, kernel, packed);
    let maxDiff = 0;
    for (let i = 0; i < a.density.length; i++) maxDiff = Math.max(maxDiff, Math.abs((a.density[i] ?? 0) - (b.density[i] ?? 0)));
    expect(maxDiff).toBeLessThan(1e-5);
  });
  it('weights add up: total heat equals the sum of weights (events far from edges)', () => {
    const g = createGrid(40, 20, 0.25);
    addEvents(g, kernel, packed);
    expect(sum(g.density) * 0.25 * 0.25).toBeCloseTo(8 + 1 + 2 + 4, 2);
  });
  it('incremental adds equal one full batch', () => {
    const a = createGrid(40, 20, 0.25);
    const b = createGrid(40, 20, 0.25);
    binAndBlur(a, kernel, packed.subarray(0, 6));
    splatEvents(a, kernel, packed.subarray(6));
    binAndBlur(b, kernel, packed);
    for (let i = 0; i < a.density.length; i += 97) expect(a.density[i]).toBeCloseTo(b.density[i] ?? 0, 5);
  });
  it('events off the plan are skipped, not wrapped', () => {
    const g = createGrid(10, 10, 0.25);
    addEvents(g, kernel, new Float32Array([-5, 5, 8, 50, 5, 8]));
    expect(sum(g.density)).toBe(0);
  });
});

describe('fixed colour scale', () => {
  it('is transparent below the first stop and saturates at the last, never rescaled', () => {
    expect(colourAt(0)[3]).toBe(0);
    expect(colourAt(0.005)[3]).toBe(0);
    expect(colourAt(100)).toEqual([...(COLOUR_STOPS.at(-1)?.rgba ?? [])]);
    // One lone event gets the same colour whether or not hotter spots exist: a
    // pure function of density.
    const lone = createGrid(20, 20, 0.25);
    const crowd = createGrid(20, 20, 0.25);
    const k = makeKernel(5, 0.25);
    splatEvents(lone, k, new Float32Array([5, 5, 1]));
    splatEvents(crowd, k, new Float32Array([5, 5, 1, 15, 15, 8, 15, 15, 8, 15, 15, 8]));
    const a = new Uint32Array(lone.density.length);
    const b = new Uint32Array(crowd.density.length);
    colourise(lone, a);
    colourise(crowd, b);
    const centre = 20 * 80 + 20;
    expect(a[centre]).toBe(b[centre]);
    expect(a[centre]).not.toBe(0);
  });
  it('interpolates between stops monotonically in alpha', () => {
    let last = -1;
    for (const d of [0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 3]) {
      const alpha = colourAt(d)[3];
      expect(alpha).toBeGreaterThanOrEqual(last);
      last = alpha;
    }
  });
  it('LUT matches colourAt at the stops and the legend lists them', () => {
    const lut = buildLut();
    for (const stop of COLOUR_STOPS.slice(1)) {
      const packed = lut[lutIndex(stop.density)] ?? 0;
      expect(packed >>> 24).toBeCloseTo(stop.rgba[3], -1);
    }
    expect(legendStops().map((s) => s.density)).toEqual([0.03, 0.1, 0.3, 1, 3]);
  });
});

describe('time window', () => {
  const t0 = Date.UTC(2026, 0, 1);
  const events = Array.from({ length: 1000 }, (_, i) => ev({ at: t0 + ((i * 7919) % 1000) * 60_000 }));
  const index = buildTimeIndex(events);
  it('sorts once and answers by binary search', () => {
    for (let i = 1; i < index.times.length; i++) expect(index.times[i]).toBeGreaterThanOrEqual(index.times[i - 1] ?? 0);
    expect(lowerBound(index.times, t0)).toBe(0);
    expect(lowerBound(index.times, t0 + 1000 * 60_000)).toBe(1000);
  });
  it('windows are (end - duration, end], for every choice from 15 min to 30 days', () => {
    expect(TIME_WINDOWS.map((w) => w.id)).toEqual(['15m', '1h', '6h', '24h', '7d', '30d']);
    const end = t0 + 500 * 60_000;
    const inside = eventsInWindow(index, end, windowMs('15m'));
    expect(inside.length).toBe(15);
    expect(inside.every((e) => e.at > end - 15 * 60_000 && e.at <= end)).toBe(true);
    expect(eventsInWindow(index, end, windowMs('30d')).length).toBe(501);
    expect(windowRange(index, t0 - 1, windowMs('1h'))).toEqual({ from: 0, to: 0 });
  });
  it('matches a linear filter while scrubbing', () => {
    for (let end = t0 - 5 * 60_000; end < t0 + 1100 * 60_000; end += 37 * 60_000) {
      const expected = events.filter((e) => e.at > end - 3_600_000 && e.at <= end).length;
      expect(eventsInWindow(index, end, 3_600_000).length).toBe(expected);
    }
  });
});

describe('counts', () => {
  const zones = [
    { id: 'hall', floor: 'f1', polygon: [[0, 0], [20, 0], [20, 20], [0, 20]] as [number, number][] },
    { id: 'gate', floor: 'f2', polygon: [[0, 0], [20, 0], [20, 20], [0, 20]] as [number, number][] },
  ];
  it('counts per zone: explicit zone wins, otherwise point in polygon on the same floor', () => {
    const counts = zoneCounts(
      [ev(), ev({ zone: 'gate' }), ev({ floor: 'f2' }), ev({ x: 50 }), ev({ floor: 'f3' })],
      zones,
    );
    expect(Object.fromEntries(counts)).toEqual({ hall: 1, gate: 2 });
  });
  it('counts open events per floor for the tabs', () => {
    const counts = activeCountsByFloor([ev(), ev({ open: false }), ev({ floor: 'f2' }), ev({ floor: 'f2' })]);
    expect(Object.fromEntries(counts)).toEqual({ f1: 1, f2: 2 });
  });
  it('lists a zone’s events newest first', () => {
    const list = eventsOfZone([ev({ at: 1 }), ev({ at: 2, x: 90 }), ev({ at: 3 })], zones[0]!);
    expect(list.map((e) => e.at)).toEqual([3, 1]);
  });
});

describe('worker wire format', () => {
  it('packs x, y and the severity weight', () => {
    expect([...packEvents([ev({ x: 1.5, y: 2, severity: 'red' }), ev({ severity: 'yellow' })])]).toEqual([1.5, 2, 8, 10, 10, 2]);
  });
  it('sends only appended live events; anything else is a full redraw', () => {
    const a = packEvents([ev({ x: 1 }), ev({ x: 2 })]);
    const b = packEvents([ev({ x: 1 }), ev({ x: 2 }), ev({ x: 3 })]);
    expect([...(appendedTail(a, b) ?? [])]).toEqual([3, 10, 1]);
    expect(appendedTail(b, a)).toBeUndefined();
    expect(appendedTail(a, packEvents([ev({ x: 9 }), ev({ x: 2 }), ev({ x: 3 })]))).toBeUndefined();
    expect(appendedTail(a, a)?.length).toBe(0);
  });
});

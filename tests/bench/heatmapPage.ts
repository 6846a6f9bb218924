// Browser side of `npm run bench:heatmap` (bundled by esbuild, served on
// 127.0.0.1): the console's own heat engine and worker client against
// simpleheat (the baseline, loaded from node_modules by a script tag) on the
// same events and the same output resolution.
import { HeatClient } from '../../renderer/features/heatmap/heatClient';
import { HeatEngine } from '../../renderer/features/heatmap/heatEngine';
import { packEvents } from '../../shared/heatmap/pack';
import { buildTimeIndex, windowRange } from '../../shared/heatmap/timeWindow';
import type { HeatEvent, HeatSeverity } from '../../shared/heatmap/types';
import { SEVERITY_WEIGHT } from '../../shared/heatmap/weights';

interface SimpleHeat {
  data(points: [number, number, number][]): SimpleHeat;
  max(max: number): SimpleHeat;
  radius(r: number, blur?: number): SimpleHeat;
  draw(minOpacity?: number): SimpleHeat;
}
declare const simpleheat: (canvas: HTMLCanvasElement) => SimpleHeat;

export const FLOOR = { widthM: 200, heightM: 120, cellM: 0.25, radiusM: 5 };
const PX = { w: FLOOR.widthM / FLOOR.cellM, h: FLOOR.heightM / FLOOR.cellM };
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 1);

/** Deterministic events clustered around hot spots, spread over 30 days. */
function makeEvents(n: number, seed: number): HeatEvent[] {
  let s = seed >>> 0;
  const rand = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const spots = Array.from({ length: 40 }, () => [5 + rand() * (FLOOR.widthM - 10), 5 + rand() * (FLOOR.heightM - 10)] as const);
  const sev: HeatSeverity[] = ['blue', 'blue', 'blue', 'yellow', 'yellow', 'orange', 'red'];
  const out: HeatEvent[] = [];
  for (let i = 0; i < n; i++) {
    const spot = spots[Math.floor(rand() * spots.length)] ?? [10, 10];
    const r = rand() * 8;
    const a = rand() * Math.PI * 2;
    out.push({
      floor: 'f1',
      x: Math.min(FLOOR.widthM - 0.01, Math.max(0, spot[0] + Math.cos(a) * r)),
      y: Math.min(FLOOR.heightM - 0.01, Math.max(0, spot[1] + Math.sin(a) * r)),
      severity: sev[Math.floor(rand() * sev.length)] ?? 'blue',
      at: T0 + Math.floor(rand() * 30 * DAY),
      open: false,
    });
  }
  return out;
}

const toPoints = (events: readonly HeatEvent[]): [number, number, number][] =>
  events.map((e) => [e.x / FLOOR.cellM, e.y / FLOOR.cellM, SEVERITY_WEIGHT[e.severity]]);

function canvas(): HTMLCanvasElement {
  const c = document.createElement('canvas');
  c.width = PX.w;
  c.height = PX.h;
  document.body.appendChild(c);
  return c;
}

function baseline(): SimpleHeat {
  // Same radius on screen as ours: 5 m = 20 px at 0.25 m/px (simpleheat's r + blur).
  return simpleheat(canvas()).radius(12, 8).max(40);
}

const frame = (): Promise<number> => new Promise((r) => requestAnimationFrame(r));

/** 100,000 events, full redraw: compute time (engine), worker round trip, and simpleheat. */
async function render100k(runs: number): Promise<Record<string, number[]>> {
  const events = makeEvents(100_000, 1);
  const packStart = performance.now();
  const packed = packEvents(events);
  const packMs = performance.now() - packStart;
  const engine = new HeatEngine();
  engine.configure(FLOOR.widthM, FLOOR.heightM, FLOOR.radiusM, FLOOR.cellM);
  const engineMs: number[] = [];
  const accumulateMs: number[] = [];
  const colourMs: number[] = [];
  const uploadMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const f = engine.handle({ type: 'replace', seq: i, packed });
    engineMs.push(performance.now() - t);
    if (f) {
      accumulateMs.push(f.stages.accumulate);
      colourMs.push(f.stages.colour);
      uploadMs.push(f.stages.upload);
    }
    f?.bitmap.close();
  }
  const target = canvas().getContext('bitmaprenderer');
  let resolveFrame: (() => void) | undefined;
  const client = new HeatClient((f) => {
    target?.transferFromImageBitmap(f.bitmap);
    resolveFrame?.();
  });
  client.configure(FLOOR.widthM, FLOOR.heightM, FLOOR.radiusM);
  const roundTripMs: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    // A fresh array each time, so the client cannot treat it as an append.
    const copy = packed.slice();
    copy[0] = (copy[0] ?? 0) + (i % 2) * 0.001;
    const done = new Promise<void>((r) => (resolveFrame = r));
    const t = performance.now();
    client.show(copy);
    await done;
    if (i > 0) roundTripMs.push(performance.now() - t); // first run warms the worker's JIT
  }
  client.dispose();
  const heat = baseline();
  const points = toPoints(events);
  const simpleheatMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    heat.data(points).draw(0.05);
    simpleheatMs.push(performance.now() - t);
  }
  return { packMs: [packMs], engineMs, accumulateMs, colourMs, uploadMs, roundTripMs, simpleheatMs };
}

/** Scrubs a 24 h window across 30 days of 10,000 events for `ms`, one step per animation frame. */
async function scrub(which: 'ours' | 'simpleheat', ms: number): Promise<{ framesDrawn: number; seconds: number; rafGaps: number[] }> {
  const index = buildTimeIndex(makeEvents(10_000, 2));
  const span = { start: T0 + DAY, end: T0 + 30 * DAY };
  let drawn = 0;
  let client: HeatClient | undefined;
  let heat: SimpleHeat | undefined;
  if (which === 'ours') {
    const target = canvas().getContext('bitmaprenderer');
    client = new HeatClient((f) => {
      target?.transferFromImageBitmap(f.bitmap);
      drawn += 1;
    });
    client.configure(FLOOR.widthM, FLOOR.heightM, FLOOR.radiusM);
  } else heat = baseline();
  await frame();
  const start = performance.now();
  let last = start;
  const gaps: number[] = [];
  let step = 0;
  while (performance.now() - start < ms) {
    const end = span.start + (((step * 97) % 600) / 600) * (span.end - span.start);
    step += 1;
    const { from, to } = windowRange(index, end, DAY);
    const events = index.events.slice(from, to);
    if (client) client.show(packEvents(events));
    else if (heat) {
      heat.data(toPoints(events)).draw(0.05);
      drawn += 1;
    }
    const now = await frame();
    gaps.push(now - last);
    last = now;
  }
  const seconds = (performance.now() - start) / 1000;
  client?.dispose();
  return { framesDrawn: drawn, seconds, rafGaps: gaps };
}

/**
 * One frame drawn the way the floor plan does (a canvas in an SVG
 * foreignObject spanning the floor in metres), for a screenshot artifact.
 */
async function showcase(): Promise<number> {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${FLOOR.widthM} ${FLOOR.heightM}`);
  svg.setAttribute('style', 'width: 1000px; height: 600px; background: #0b1016; display: block');
  svg.id = 'showcase';
  const fo = document.createElementNS(ns, 'foreignObject');
  fo.setAttribute('width', String(FLOOR.widthM));
  fo.setAttribute('height', String(FLOOR.heightM));
  const c = document.createElement('canvas');
  c.setAttribute('style', 'display: block; width: 100%; height: 100%');
  fo.appendChild(c);
  svg.appendChild(fo);
  document.body.prepend(svg);
  const events = makeEvents(100_000, 1);
  let painted = 0;
  await new Promise<void>((resolve) => {
    const client = new HeatClient((f) => {
      c.width = f.cols;
      c.height = f.rows;
      c.getContext('bitmaprenderer')?.transferFromImageBitmap(f.bitmap);
      client.dispose();
      resolve();
    });
    client.configure(FLOOR.widthM, FLOOR.heightM, FLOOR.radiusM);
    client.show(packEvents(events.filter((e) => e.at < T0 + DAY)));
  });
  // Count coloured pixels by reading the canvas back through a 2-D copy.
  const probe = document.createElement('canvas');
  probe.width = c.width;
  probe.height = c.height;
  const ctx = probe.getContext('2d');
  ctx?.drawImage(c, 0, 0);
  const data = ctx?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
  for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) painted += 1;
  return painted;
}

(window as unknown as { bench: unknown }).bench = { render100k, scrub, showcase };

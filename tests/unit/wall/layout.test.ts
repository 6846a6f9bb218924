import { describe, expect, it } from 'vitest';
import { chooseStream } from '../../../shared/wall/streamChoice';
import { CustomLayoutSchema, layoutCells, tileCameras, TourSchema } from '../../../shared/wall/layouts';
import { stepCameras, tourPosition } from '../../../shared/wall/tour';

describe('layouts', () => {
  it('built-in layouts are n×n grids', () => {
    for (const [id, n] of [['1', 1], ['4', 2], ['9', 3], ['16', 4], ['25', 5]] as const) {
      const grid = layoutCells(id, undefined, []);
      expect(grid?.columns).toBe(n);
      expect(grid?.cells).toHaveLength(n * n);
    }
  });

  it('custom layouts come from the site and are checked', () => {
    const custom = CustomLayoutSchema.parse({ id: 'big', name: 'Big', columns: 2, rows: 2, cells: [{ x: 0, y: 0, w: 2, h: 1 }, { x: 0, y: 1, w: 1, h: 1 }] });
    expect(layoutCells('custom', 'big', [custom])?.cells).toHaveLength(2);
    expect(layoutCells('custom', 'nope', [custom])).toBeUndefined();
    const bad = CustomLayoutSchema.safeParse({ id: 'x', name: 'X', columns: 2, rows: 2, cells: [{ x: 1, y: 0, w: 2, h: 1 }] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['cells', 0]);
  });

  it('tiles show pushed cameras, the rest filled in site order without repeats', () => {
    expect(tileCameras(4, { 1: 'c' }, ['a', 'b', 'c', 'd', 'e'])).toEqual(['a', 'c', 'b', 'd']);
    expect(tileCameras(3, {}, ['a'])).toEqual(['a', undefined, undefined]);
    // A push beyond the layout (after switching to fewer tiles) does not hide the camera from the fill.
    expect(tileCameras(1, { 5: 'a' }, ['a', 'b'])).toEqual(['a']);
  });
});

describe('tours', () => {
  const tour = TourSchema.parse({ id: 't', name: 'T', steps: [{ group: 'g', dwellSec: 10 }, { camera: 'x', dwellSec: 5 }] });
  it('steps advance by dwell time and loop', () => {
    expect(tourPosition(tour, 0)?.index).toBe(0);
    expect(tourPosition(tour, 9_999)?.index).toBe(0);
    expect(tourPosition(tour, 10_000)?.index).toBe(1);
    expect(tourPosition(tour, 14_000)?.remainingMs).toBe(1000);
    expect(tourPosition(tour, 15_000)?.index).toBe(0);
  });
  it('a step shows its camera or its group', () => {
    const groups = [{ id: 'g', cameras: ['a', 'b'] }];
    expect(stepCameras(tour.steps[0]!, groups)).toEqual(['a', 'b']);
    expect(stepCameras(tour.steps[1]!, groups)).toEqual(['x']);
  });
  it('a step names exactly one of camera or group', () => {
    expect(TourSchema.safeParse({ id: 't', name: 'T', steps: [{ dwellSec: 5 }] }).success).toBe(false);
    expect(TourSchema.safeParse({ id: 't', name: 'T', steps: [{ camera: 'a', group: 'g', dwellSec: 5 }] }).success).toBe(false);
  });
});

describe('stream choice with hysteresis', () => {
  it('picks main for large tiles and sub for small ones', () => {
    expect(chooseStream(undefined, 1200, 0).stream).toBe('main');
    expect(chooseStream(undefined, 400, 0).stream).toBe('sub');
  });
  it('does not flap when the size oscillates around the threshold', () => {
    let c = chooseStream(undefined, 1000, 0);
    const seen: string[] = [];
    for (let t = 0; t < 60_000; t += 250) {
      c = chooseStream(c, t % 500 === 0 ? 600 : 740, t);
      seen.push(c.stream);
    }
    expect(new Set(seen)).toEqual(new Set(['main']));
  });
  it('switches down only below the lower threshold and after the dwell', () => {
    const up = chooseStream(undefined, 1000, 0);
    expect(chooseStream(up, 500, 1000)).toBe(up);
    expect(chooseStream(up, 500, 6000).stream).toBe('sub');
    expect(chooseStream(up, 600, 6000).stream).toBe('main');
  });
});

import { describe, expect, it } from 'vitest';
import { niceScaleLength, pointInPolygon, polygonCentroid, viewWedge } from '../../../shared/site/geometry';

const square: [number, number][] = [[0, 0], [10, 0], [10, 10], [0, 10]];
const ell: [number, number][] = [[0, 0], [10, 0], [10, 4], [4, 4], [4, 10], [0, 10]];

describe('plan geometry', () => {
  it('finds points inside convex and concave polygons', () => {
    expect(pointInPolygon([5, 5], square)).toBe(true);
    expect(pointInPolygon([11, 5], square)).toBe(false);
    expect(pointInPolygon([2, 8], ell)).toBe(true);
    expect(pointInPolygon([8, 8], ell)).toBe(false);
  });

  it('places a centroid inside a square', () => {
    expect(polygonCentroid(square)).toEqual([5, 5]);
  });

  it('draws a view wedge pointing along the heading (0 = plan up)', () => {
    const wedge = viewWedge([10, 10], 0, 2, 5, 2);
    const middle = wedge[2]!;
    expect(middle[0]).toBeCloseTo(10);
    expect(middle[1]).toBeCloseTo(5);
    const east = viewWedge([10, 10], 90, 2, 5, 2)[2]!;
    expect(east[0]).toBeCloseTo(15);
  });

  it('rounds a scale bar to 1, 2 or 5 times a power of ten', () => {
    expect(niceScaleLength(12)).toBe(10);
    expect(niceScaleLength(4)).toBe(5);
    expect(niceScaleLength(180)).toBe(200);
  });
});

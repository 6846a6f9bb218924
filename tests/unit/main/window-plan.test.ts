import { describe, expect, it } from 'vitest';
import { planWindowsFor } from '../../../electron/main/windowPlan';

const display = (id: number) => ({ id, workArea: { x: id * 1920, y: 0, width: 1920, height: 1080 } });
const [d0, d1, d2] = [display(0), display(1), display(2)];

describe('window plan for multi-display walls', () => {
  it('the desk opens one addressed wall window per chosen display', () => {
    const plans = planWindowsFor('desk', { wallWindow: false, wallDisplays: [1, 2] }, [d0, d1, d2], d0);
    expect(plans.map((p) => [p.route, p.display.id, p.wall, p.kiosk])).toEqual([
      ['desk', 0, undefined, false],
      ['wall/1', 1, 'wall-1', true],
      ['wall/2', 2, 'wall-2', true],
    ]);
  });
  it('ignores displays that do not exist and repeated ones', () => {
    const plans = planWindowsFor('desk', { wallWindow: false, wallDisplays: [1, 1, 7] }, [d0, d1], d0);
    expect(plans.map((p) => p.route)).toEqual(['desk', 'wall/1']);
  });
  it('a wall on the desk display is a normal window, not a kiosk over the desk', () => {
    const plans = planWindowsFor('desk', { wallWindow: false, wallDisplays: [0] }, [d0], d0);
    expect(plans[1]).toMatchObject({ route: 'wall/1', kiosk: false });
  });
  it('without a choice: the second display gets wall 1; the wall station fills its displays', () => {
    expect(planWindowsFor('desk', { wallWindow: false, wallDisplays: undefined }, [d0, d1], d0).map((p) => p.route)).toEqual(['desk', 'wall/1']);
    expect(planWindowsFor('desk', { wallWindow: false, wallDisplays: undefined }, [d0], d0).map((p) => p.route)).toEqual(['desk']);
    expect(planWindowsFor('wall', { wallWindow: false, wallDisplays: [0, 1, 2] }, [d0, d1, d2], d0).map((p) => p.wall)).toEqual(['wall-1', 'wall-2', 'wall-3']);
  });
});

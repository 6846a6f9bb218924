/**
 * Which windows a station opens on which displays: pure (no 'electron' value
 * import), so it is unit-tested under Node. Wall windows are addressed
 * `#/wall/<n>` (wall address `wall-<n>`), n = 1, 2, … in the order of the
 * chosen displays; the desk pushes cameras to a wall by that address.
 */
export interface DisplayLike {
  readonly id: number;
  readonly workArea: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
}

export interface WindowPlanOf<D extends DisplayLike> {
  readonly route: string;
  readonly kind: 'desk' | 'wall' | 'replay';
  readonly display: D;
  readonly kiosk: boolean;
  /** The wall address for wall windows ('wall-1' …). */
  readonly wall?: string;
}

export function planWindowsFor<D extends DisplayLike>(
  station: 'desk' | 'wall' | 'replay',
  options: { wallWindow: boolean; wallDisplays: readonly number[] | undefined },
  displays: readonly D[],
  primary: D,
): WindowPlanOf<D>[] {
  const secondary = displays.find((d) => d.id !== primary.id);
  // Each display at most once, in the order chosen: two windows on one display would just overlap.
  const pick = (indexes: readonly number[]): D[] => [...new Set(indexes)].map((i) => displays[i]).filter((d): d is D => d !== undefined);
  const wall = (display: D, i: number, kiosk = true): WindowPlanOf<D> => ({ route: `wall/${i + 1}`, kind: 'wall', display, kiosk, wall: `wall-${i + 1}` });

  if (station === 'replay') return [{ route: 'replay', kind: 'replay', display: primary, kiosk: false }];
  if (station === 'wall') {
    const targets = options.wallDisplays ? pick(options.wallDisplays) : [primary];
    return (targets.length > 0 ? targets : [primary]).map((display, i) => wall(display, i));
  }
  const plans: WindowPlanOf<D>[] = [{ route: 'desk', kind: 'desk', display: primary, kiosk: false }];
  if (options.wallDisplays) {
    pick(options.wallDisplays).forEach((display, i) => plans.push(wall(display, i, display.id !== primary.id)));
  } else if (secondary) {
    plans.push(wall(secondary, 0));
  } else if (options.wallWindow) {
    plans.push(wall(primary, 0, false));
  }
  return plans;
}

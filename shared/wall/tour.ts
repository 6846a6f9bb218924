import type { Tour, TourStep } from './layouts';

/**
 * Where a tour is after `activeMs` of running time (time paused for alarm
 * pop-ups does not count): the step index and how long until the next one.
 * Tours loop.
 */
export function tourPosition(tour: Pick<Tour, 'steps'>, activeMs: number): { index: number; step: TourStep; remainingMs: number } | undefined {
  const total = tour.steps.reduce((sum, s) => sum + s.dwellSec * 1000, 0);
  if (total <= 0) return undefined;
  let t = ((Math.max(0, activeMs) % total) + total) % total;
  for (let index = 0; index < tour.steps.length; index++) {
    const step = tour.steps[index];
    if (!step) break;
    const dwell = step.dwellSec * 1000;
    if (t < dwell) return { index, step, remainingMs: dwell - t };
    t -= dwell;
  }
  return undefined;
}

/** The cameras a tour step puts on the wall: the step's camera, or its group's cameras. */
export function stepCameras(step: TourStep, groups: readonly { readonly id: string; readonly cameras: readonly string[] }[]): readonly string[] {
  if (step.camera !== undefined) return [step.camera];
  return groups.find((g) => g.id === step.group)?.cameras ?? [];
}

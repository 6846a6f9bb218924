/** What the roster says about a person at the moment they sign in. */
export interface ShiftFacts {
  /** They are on the roster's shifts at all (an IT administrator or an evaluator is not). */
  readonly rostered: boolean;
  readonly onShiftNow: boolean;
  readonly onNextShift: boolean;
  /** Hours in a row they would work: the running shift and the next, when they are on both. */
  readonly hoursInARow: number;
  readonly maxShiftHours: number;
}

export type ShiftWarning = 'off-shift' | 'not-next-shift' | 'long-duty';

/**
 * Why a sign-in needs a reason: outside one's shift, or, taking over on a
 * handover, not being on the next shift or working past the site's limit.
 * People with no shifts on the roster are not asked.
 */
export function shiftCheck(f: ShiftFacts, handover: boolean): ShiftWarning[] {
  if (!f.rostered) return [];
  const out: ShiftWarning[] = [];
  if (handover) {
    if (!f.onNextShift && !f.onShiftNow) out.push('not-next-shift');
  } else if (!f.onShiftNow) {
    out.push('off-shift');
  }
  if (f.hoursInARow > f.maxShiftHours) out.push('long-duty');
  return out;
}

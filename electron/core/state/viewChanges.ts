import type { StateChange, StateService } from './stateService';

/** The most often a whole state is sent to the views while peers' entries keep arriving a moment late. */
export const RESET_EVERY_MS = 50;

/**
 * Site-state changes as the views receive them. Appends pass straight
 * through: a view folds them itself. A reset carries the whole state, and
 * with several consoles acting at once most peer entries arrive a moment
 * late, each one a reset: those are sent at most every RESET_EVERY_MS, and
 * while one is due the appends wait in it (it carries the state as it is
 * when it is sent, so nothing is lost and nothing is folded twice).
 */
export function viewChanges(state: StateService, send: (change: StateChange) => void): () => void {
  // Paced in real time, not by the core's clock: this spares the views' traffic, and a test's fake clock must not hold a state back.
  let lastReset = Number.NEGATIVE_INFINITY;
  let due: ReturnType<typeof setTimeout> | undefined;
  const sendReset = (): void => {
    due = undefined;
    lastReset = performance.now();
    const { state: current, heads } = state.snapshot();
    send({ kind: 'reset', state: current, heads });
  };
  const off = state.onChange((change) => {
    if (due) return;
    if (change.kind === 'append') {
      send(change);
      return;
    }
    const since = performance.now() - lastReset;
    if (since >= RESET_EVERY_MS) sendReset();
    else {
      due = setTimeout(sendReset, RESET_EVERY_MS - since);
      due.unref?.();
    }
  });
  return () => {
    off();
    if (due) clearTimeout(due);
  };
}

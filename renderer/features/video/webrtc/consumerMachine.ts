import { backoffDelay } from '../backoff';

/**
 * The life of one producer's consumer inside an SFU session, as a pure
 * reducer: (state, event) → (state, effects). The session runs the effects;
 * time and randomness come in with the events so tests and replay control them.
 *
 *   idle ─want→ consuming ─consumed→ paused ⇄ live
 *                  ▲                    │      │
 *                  └──retry (backoff)── failed ◀┘ (stall, consumer/producer closed, error)
 *
 * Consumers arrive from the server paused. While no tile shows the producer
 * the consumer is paused on the server, never closed and re-consumed (closed
 * m-lines are never reclaimed, so churn would grow memory). Only a failure or
 * the last tile going away closes it.
 */

export const CONSUMER_BACKOFF = { baseMs: 1000, capMs: 8000, jitter: 0.25 };
/** Live this long without trouble and the backoff starts from scratch again. */
export const PROBATION_MS = 10_000;

export type ConsumerFailure =
  | { readonly kind: 'stalled'; readonly seconds: number }
  | { readonly kind: 'consumer-closed'; readonly detail: string }
  | { readonly kind: 'producer-closed' }
  | { readonly kind: 'error'; readonly detail: string };

export type ConsumerState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'consuming'; readonly visible: boolean; readonly attempt: number }
  | { readonly phase: 'paused'; readonly consumerId: string; readonly attempt: number }
  | { readonly phase: 'live'; readonly consumerId: string; readonly attempt: number; readonly since: number }
  | {
      readonly phase: 'failed';
      readonly visible: boolean;
      readonly attempt: number;
      readonly failure: ConsumerFailure;
      readonly retryAt: number;
    }
  | { readonly phase: 'closed' };

export type ConsumerEvent =
  | { readonly type: 'want'; readonly visible: boolean }
  | { readonly type: 'visible'; readonly visible: boolean }
  | { readonly type: 'consumed'; readonly consumerId: string }
  | { readonly type: 'failed'; readonly failure: ConsumerFailure }
  | { readonly type: 'retry-due' }
  | { readonly type: 'producer-resumed' }
  | { readonly type: 'progress' }
  | { readonly type: 'release' };

export type ConsumerEffect =
  | { readonly type: 'consume' }
  | { readonly type: 'resume'; readonly consumerId: string }
  | { readonly type: 'pause'; readonly consumerId: string }
  | { readonly type: 'close'; readonly consumerId: string }
  | { readonly type: 'schedule-retry'; readonly at: number };

export interface Transition {
  readonly state: ConsumerState;
  readonly effects: readonly ConsumerEffect[];
}

export interface MachineContext {
  readonly now: number;
  /** In [0, 1); spreads retries so tiles do not hammer a recovering SFU in step. */
  readonly random: number;
}

export const initialConsumerState: ConsumerState = { phase: 'idle' };

const stay = (state: ConsumerState): Transition => ({ state, effects: [] });

export function consumerStep(state: ConsumerState, event: ConsumerEvent, ctx: MachineContext): Transition {
  if (event.type === 'release') {
    const id = consumerIdOf(state);
    return { state: { phase: 'closed' }, effects: id ? [{ type: 'close', consumerId: id }] : [] };
  }
  switch (state.phase) {
    case 'closed':
      return stay(state);
    case 'idle':
      return event.type === 'want'
        ? { state: { phase: 'consuming', visible: event.visible, attempt: 0 }, effects: [{ type: 'consume' }] }
        : stay(state);
    case 'consuming':
      switch (event.type) {
        case 'visible':
        case 'want':
          return stay({ ...state, visible: event.visible });
        case 'consumed':
          // Created paused on the server: resume at once only if a tile shows it.
          return state.visible
            ? {
                state: { phase: 'live', consumerId: event.consumerId, attempt: state.attempt, since: ctx.now },
                effects: [{ type: 'resume', consumerId: event.consumerId }],
              }
            : stay({ phase: 'paused', consumerId: event.consumerId, attempt: state.attempt });
        case 'failed':
          return fail(state.attempt, state.visible, undefined, event.failure, ctx);
        default:
          return stay(state);
      }
    case 'paused':
      switch (event.type) {
        case 'visible':
        case 'want':
          return event.visible
            ? {
                state: { phase: 'live', consumerId: state.consumerId, attempt: state.attempt, since: ctx.now },
                effects: [{ type: 'resume', consumerId: state.consumerId }],
              }
            : stay(state);
        case 'failed':
          return fail(state.attempt, false, state.consumerId, event.failure, ctx);
        default:
          return stay(state);
      }
    case 'live':
      switch (event.type) {
        case 'visible':
        case 'want':
          return event.visible
            ? stay(state)
            : { state: { phase: 'paused', consumerId: state.consumerId, attempt: state.attempt }, effects: [{ type: 'pause', consumerId: state.consumerId }] };
        case 'progress':
          // Trusted again after a quiet probation: the next failure starts the backoff over.
          return state.attempt > 0 && ctx.now - state.since >= PROBATION_MS ? stay({ ...state, attempt: 0 }) : stay(state);
        case 'failed':
          return fail(state.attempt, true, state.consumerId, event.failure, ctx);
        default:
          return stay(state);
      }
    case 'failed':
      switch (event.type) {
        case 'visible':
        case 'want':
          return stay({ ...state, visible: event.visible });
        case 'retry-due':
          // The session keeps one retry timer per consumer; timers may fire a millisecond early.
          return retry(state);
        case 'producer-resumed':
          // The producer says it is back: no reason to wait out the backoff.
          return retry(state);
        case 'failed':
          return stay({ ...state, failure: event.failure });
        default:
          return stay(state);
      }
  }
}

function retry(state: Extract<ConsumerState, { phase: 'failed' }>): Transition {
  return { state: { phase: 'consuming', visible: state.visible, attempt: state.attempt }, effects: [{ type: 'consume' }] };
}

function fail(
  attempt: number,
  visible: boolean,
  consumerId: string | undefined,
  failure: ConsumerFailure,
  ctx: MachineContext,
): Transition {
  const delay = backoffDelay(attempt, CONSUMER_BACKOFF, () => ctx.random);
  const retryAt = ctx.now + delay;
  const effects: ConsumerEffect[] = [];
  // A consumer that failed is closed on the server: its replacement gets a fresh one.
  if (consumerId && failure.kind !== 'consumer-closed' && failure.kind !== 'producer-closed') {
    effects.push({ type: 'close', consumerId });
  }
  effects.push({ type: 'schedule-retry', at: retryAt });
  return { state: { phase: 'failed', visible, attempt: attempt + 1, failure, retryAt }, effects };
}

export function consumerIdOf(state: ConsumerState): string | undefined {
  return state.phase === 'paused' || state.phase === 'live' ? state.consumerId : undefined;
}

import { describe, expect, it } from 'vitest';
import {
  CONSUMER_BACKOFF,
  consumerStep,
  initialConsumerState,
  PROBATION_MS,
  type ConsumerEvent,
  type ConsumerState,
  type Transition,
} from '../../../renderer/features/video/webrtc/consumerMachine';

const ctx = (now: number, random = 0.5) => ({ now, random });

function run(events: [ConsumerEvent, number][], from: ConsumerState = initialConsumerState): Transition[] {
  const out: Transition[] = [];
  let state = from;
  for (const [event, now] of events) {
    const t = consumerStep(state, event, ctx(now));
    out.push(t);
    state = t.state;
  }
  return out;
}

describe('consumer state machine', () => {
  it('idle → consuming → live for a visible tile; the paused server consumer is resumed', () => {
    const [a, b] = run([
      [{ type: 'want', visible: true }, 0],
      [{ type: 'consumed', consumerId: 'c1' }, 10],
    ]);
    expect(a?.state).toEqual({ phase: 'consuming', visible: true, attempt: 0 });
    expect(a?.effects).toEqual([{ type: 'consume' }]);
    expect(b?.state).toEqual({ phase: 'live', consumerId: 'c1', attempt: 0, since: 10 });
    expect(b?.effects).toEqual([{ type: 'resume', consumerId: 'c1' }]);
  });

  it('a hidden tile keeps its consumer paused on the server: pause and resume, never close and re-consume', () => {
    const steps = run([
      [{ type: 'want', visible: false }, 0],
      [{ type: 'consumed', consumerId: 'c1' }, 1],
      [{ type: 'visible', visible: true }, 2],
      [{ type: 'visible', visible: false }, 3],
      [{ type: 'visible', visible: true }, 4],
    ]);
    expect(steps[1]?.state.phase).toBe('paused');
    expect(steps[1]?.effects).toEqual([]);
    expect(steps.slice(2).map((s) => s.effects)).toEqual([
      [{ type: 'resume', consumerId: 'c1' }],
      [{ type: 'pause', consumerId: 'c1' }],
      [{ type: 'resume', consumerId: 'c1' }],
    ]);
    expect(steps.flatMap((s) => s.effects).filter((e) => e.type === 'close' || e.type === 'consume')).toHaveLength(1);
  });

  it('a stall fails the live consumer, closes it and re-consumes after an exponential, capped, jittered backoff', () => {
    let state: ConsumerState = { phase: 'live', consumerId: 'c1', attempt: 0, since: 0 };
    const delays: number[] = [];
    let now = 1000;
    for (let i = 0; i < 6; i++) {
      const failed = consumerStep(state, { type: 'failed', failure: { kind: 'stalled', seconds: 3 } }, ctx(now));
      expect(failed.state.phase).toBe('failed');
      const schedule = failed.effects.find((e) => e.type === 'schedule-retry');
      if (!schedule || schedule.type !== 'schedule-retry') throw new Error('no retry scheduled');
      if (i === 0) expect(failed.effects[0]).toEqual({ type: 'close', consumerId: 'c1' });
      delays.push(schedule.at - now);
      const retried = consumerStep(failed.state, { type: 'retry-due' }, ctx(schedule.at));
      expect(retried.effects).toEqual([{ type: 'consume' }]);
      now = schedule.at + 100;
      const consumed = consumerStep(retried.state, { type: 'consumed', consumerId: `c${i + 2}` }, ctx(now));
      state = consumed.state;
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
    // Jitter spreads the first retry by ±25 %.
    const low = consumerStep({ phase: 'live', consumerId: 'c', attempt: 0, since: 0 }, { type: 'failed', failure: { kind: 'stalled', seconds: 3 } }, ctx(0, 0));
    const high = consumerStep({ phase: 'live', consumerId: 'c', attempt: 0, since: 0 }, { type: 'failed', failure: { kind: 'stalled', seconds: 3 } }, ctx(0, 0.999));
    expect(low.state.phase === 'failed' && low.state.retryAt).toBe(CONSUMER_BACKOFF.baseMs * 0.75);
    expect(high.state.phase === 'failed' && high.state.retryAt).toBeCloseTo(CONSUMER_BACKOFF.baseMs * 1.25, -1);
  });

  it('probation: a consumer live long enough starts its backoff from scratch', () => {
    const live: ConsumerState = { phase: 'live', consumerId: 'c', attempt: 3, since: 0 };
    expect(consumerStep(live, { type: 'progress' }, ctx(PROBATION_MS - 1)).state).toEqual(live);
    expect(consumerStep(live, { type: 'progress' }, ctx(PROBATION_MS)).state).toMatchObject({ attempt: 0 });
  });

  it('producer closed: no close request (the server already dropped it); producer resumed re-consumes at once', () => {
    const [failed, resumed] = run(
      [
        [{ type: 'failed', failure: { kind: 'producer-closed' } }, 0],
        [{ type: 'producer-resumed' }, 5],
      ],
      { phase: 'live', consumerId: 'c1', attempt: 0, since: 0 },
    );
    expect(failed?.effects.map((e) => e.type)).toEqual(['schedule-retry']);
    expect(resumed?.state).toEqual({ phase: 'consuming', visible: true, attempt: 1 });
    expect(resumed?.effects).toEqual([{ type: 'consume' }]);
  });

  it('release closes whatever consumer exists and is final', () => {
    const t = consumerStep({ phase: 'paused', consumerId: 'c9', attempt: 0 }, { type: 'release' }, ctx(0));
    expect(t).toEqual({ state: { phase: 'closed' }, effects: [{ type: 'close', consumerId: 'c9' }] });
    expect(consumerStep(t.state, { type: 'want', visible: true }, ctx(1)).effects).toEqual([]);
    expect(consumerStep({ phase: 'consuming', visible: true, attempt: 0 }, { type: 'release' }, ctx(0)).effects).toEqual([]);
  });

  it('a failure while consuming remembers whether the tile is visible for the retry', () => {
    const [f, v, r] = run(
      [
        [{ type: 'failed', failure: { kind: 'error', detail: 'timeout' } }, 0],
        [{ type: 'visible', visible: false }, 1],
        [{ type: 'retry-due' }, 10_000],
      ],
      { phase: 'consuming', visible: true, attempt: 0 },
    );
    expect(f?.state.phase).toBe('failed');
    expect(v?.state).toMatchObject({ visible: false });
    expect(r?.state).toEqual({ phase: 'consuming', visible: false, attempt: 1 });
  });
});

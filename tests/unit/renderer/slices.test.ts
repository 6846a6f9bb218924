import { describe, expect, it, vi } from 'vitest';
import type { ConsoleApi } from '../../../shared/contract';
import { ConsoleError } from '../../../shared/errors';
import { createConsoleStore } from '../../../renderer/app/store';

/** Only the methods a test names; anything else throws if called. */
function apiWith(methods: Partial<Record<keyof ConsoleApi, unknown>>): ConsoleApi {
  return methods as unknown as ConsoleApi;
}

const entry = (seq: number) => ({ id: `e${seq}`, seq });

describe('feature slices own their actions and their last error', () => {
  it('alerts: a refused action is recorded, the next success clears it', async () => {
    const acknowledgeAlert = vi.fn(async () => Promise.reject(new ConsoleError('conflict', 'already acknowledged')));
    const noteAlert = vi.fn(async () => entry(2));
    const store = createConsoleStore(apiWith({ acknowledgeAlert, noteAlert }));
    expect(await store.getState().actOnAlert('ack', 'a1')).toBe(false);
    expect(acknowledgeAlert).toHaveBeenCalledWith({ alertId: 'a1' });
    expect(store.getState().alertsError).toBe('already acknowledged');
    expect(await store.getState().actOnAlertWith('note', 'a1', 'on my way')).toBe(true);
    expect(noteAlert).toHaveBeenCalledWith({ alertId: 'a1', text: 'on my way' });
    expect(store.getState().alertsError).toBeUndefined();
  });

  it('alerts: dispatch without a person sends no `to`; the duty level keeps its own error', async () => {
    const dispatchAlert = vi.fn(async () => entry(3));
    const setDutyLevel = vi.fn(async () => Promise.reject(new Error('must not be empty')));
    const store = createConsoleStore(apiWith({ dispatchAlert, setDutyLevel }));
    await store.getState().actOnAlertWith('dispatch', 'a1', '');
    expect(dispatchAlert).toHaveBeenCalledWith({ alertId: 'a1' });
    expect(await store.getState().setDutyLevel(2, '')).toBe(false);
    expect(store.getState().dutyLevelError).toBe('must not be empty');
    expect(store.getState().alertsError).toBeUndefined();
  });

  it('roster: follows onRoster while watched; a failed call is the slice error until cleared', async () => {
    let push: ((r: unknown) => void) | undefined;
    const off = vi.fn();
    const api = apiWith({
      getRoster: vi.fn(async () => ({ people: [] })),
      onRoster: (l: (r: unknown) => void) => {
        push = l;
        return off;
      },
      ackEscalation: vi.fn(async () => Promise.reject(new Error('unknown escalation'))),
      logAttempt: vi.fn(async () => entry(7)),
    });
    const store = createConsoleStore(api);
    const stop = store.getState().watchRoster();
    await vi.waitFor(() => expect(store.getState().roster).toEqual({ people: [] }));
    push?.({ people: [{ id: 'p1' }] });
    expect(store.getState().roster).toEqual({ people: [{ id: 'p1' }] });
    stop();
    expect(off).toHaveBeenCalled();
    await store.getState().ackEscalation('x');
    expect(store.getState().rosterError).toBe('unknown escalation');
    store.getState().clearRosterError();
    expect(store.getState().rosterError).toBeUndefined();
    expect(await store.getState().logAttempt({ to: 'p1', method: 'radio', result: 'answered' })).toMatchObject({ seq: 7 });
  });

  it('wall: says which kind of action failed; a group is pushed tile by tile and stops at the first refusal', async () => {
    const wallPush = vi.fn(async (a: { tile: number }) => (a.tile === 1 ? Promise.reject(new Error('unknown camera')) : entry(1)));
    const wallLiftMask = vi.fn(async () => Promise.reject(new Error('a reason is required')));
    const store = createConsoleStore(apiWith({ wallPush, wallLiftMask }));
    expect(await store.getState().wallShowGroup('wall-1', ['a', 'b', 'c'])).toBe(false);
    expect(wallPush).toHaveBeenCalledTimes(2);
    expect(store.getState().wallError).toEqual({ during: 'control', message: 'unknown camera' });
    expect(await store.getState().wallLiftMask('a', 0, '')).toBe(false);
    expect(store.getState().wallError?.during).toBe('lift');
    store.getState().wallSnapshotFailed(new Error('no video'));
    expect(store.getState().wallError).toEqual({ during: 'snapshot', message: 'no video' });
  });

  it('plans: a refusal names the fields the core listed', async () => {
    const editSitePlan = vi.fn(async () => Promise.reject(new ConsoleError('invalid-argument', 'the edit is invalid', [{ path: 'zone.id', message: 'must not be empty' }])));
    const store = createConsoleStore(apiWith({ editSitePlan }));
    expect(await store.getState().editSitePlan({ op: 'calibrate', floor: 'g', a: [0, 0], b: [1, 1], distanceM: 0 })).toBeUndefined();
    expect(store.getState().plansError).toBe('the edit is invalid (zone.id: must not be empty)');
    store.getState().clearPlansError();
    expect(store.getState().plansError).toBeUndefined();
  });

  it('drills: start and stop report success; a refusal is the drills error', async () => {
    const startDrill = vi.fn(async () => Promise.reject(new ConsoleError('conflict', 'a drill is running')));
    const stopDrill = vi.fn(async () => null);
    const store = createConsoleStore(apiWith({ startDrill, stopDrill }));
    expect(await store.getState().startDrill('perimeter', 10)).toBe(false);
    expect(store.getState().drillsError).toBe('a drill is running');
    expect(await store.getState().stopDrill('operator')).toBe(true);
    expect(stopDrill).toHaveBeenCalledWith({ reason: 'operator' });
    expect(store.getState().drillsError).toBeUndefined();
  });
});

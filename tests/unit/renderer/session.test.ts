import { describe, expect, it, vi } from 'vitest';
import type { SessionView } from '../../../shared/access/session';
import type { ConsoleApi } from '../../../shared/contract';
import { methodRequirement } from '../../../shared/contract/access';
import { ConsoleError } from '../../../shared/errors';
import { createConsoleStore } from '../../../renderer/app/store';
import { canCall } from '../../../renderer/features/session';

function view(role: SessionView['people'][number]['role'] | null, extra: Partial<SessionView> = {}): SessionView {
  return {
    station: 'desk',
    setupNeeded: false,
    people: role ? [{ accountId: 'p1', name: 'P One', role, since: 1 }] : [],
    owner: role ? 'p1' : null,
    locked: false,
    idleLockMs: 600_000,
    accounts: [],
    approval: null,
    ...extra,
  };
}

describe('what the desk offers (canCall, from methodRequirement)', () => {
  it('offers every method the gate lets the keyboard owner call, and no other', () => {
    const rank = { observer: 1, operator: 2, supervisor: 3, administrator: 4 } as const;
    for (const role of ['observer', 'operator', 'supervisor', 'administrator'] as const) {
      for (const [method, needed] of Object.entries(methodRequirement)) {
        const expected = needed === 'anyone' || needed === 'display' ? true : needed === 'four-eyes' ? rank[role] >= 2 : rank[role] >= rank[needed];
        expect(canCall(view(role), method as keyof typeof methodRequirement), `${role} ${method}`).toBe(expected);
      }
    }
  });

  it('offers only display reads when nobody is signed in, the desk is locked, or it is a wall', () => {
    expect(canCall(view(null), 'queryJournal')).toBe(false);
    expect(canCall(view('administrator', { locked: true }), 'acknowledgeAlert')).toBe(false);
    expect(canCall(view('administrator', { station: 'wall' }), 'acknowledgeAlert')).toBe(false);
    expect(canCall(view(null), 'getSiteState')).toBe(true);
  });
});

describe('session slice', () => {
  const base = (overrides: Partial<Record<keyof ConsoleApi, unknown>>): ConsoleApi =>
    ({ getSession: vi.fn(async () => view(null)), queryJournal: vi.fn(async () => ({ entries: [], nextBeforeSeq: null })), ...overrides }) as unknown as ConsoleApi;

  it('records a sign-in the core refuses for want of a reason, and signs in when it is given', async () => {
    const signIn = vi.fn(async (input: { reason?: string }) => {
      if (!input.reason) throw new ConsoleError('invalid-argument', 'off shift', [{ path: 'reason', message: 'give a reason' }]);
      return view('operator');
    });
    const store = createConsoleStore(base({ signIn }));
    expect(await store.getState().signIn({ accountId: 'p1', password: 'x' })).toBe(false);
    expect(store.getState().sessionFailure?.issues[0]?.path).toBe('reason');
    expect(await store.getState().signIn({ accountId: 'p1', password: 'x', reason: 'cover' })).toBe(true);
    expect(store.getState().session?.owner).toBe('p1');
    expect(store.getState().sessionFailure).toBeUndefined();
  });

  it('asks a supervisor to approve a four-eyes call, then makes it again', async () => {
    let approved = false;
    const wallLiftMask = vi.fn(async () => {
      if (!approved) throw new ConsoleError('forbidden', 'needs a supervisor', [{ path: 'approval', message: 'a supervisor must approve' }]);
      return [];
    });
    const approveAction = vi.fn(async () => {
      approved = true;
      return view('operator');
    });
    const store = createConsoleStore(base({ wallLiftMask, approveAction }));
    const lifting = store.getState().wallLiftMask('cam-1', 0, 'incident');
    await vi.waitFor(() => expect(store.getState().approvalRequest?.method).toBe('wallLiftMask'));
    expect(await store.getState().approve('duty-liu', '480213')).toBe(true);
    expect(await lifting).toBe(true);
    expect(approveAction).toHaveBeenCalledWith({ accountId: 'duty-liu', pin: '480213', method: 'wallLiftMask' });
    expect(wallLiftMask).toHaveBeenCalledTimes(2);
  });

  it('keeps the original refusal when the approval is cancelled', async () => {
    const wallLiftMask = vi.fn(async () => {
      throw new ConsoleError('forbidden', 'needs a supervisor', [{ path: 'approval', message: 'a supervisor must approve' }]);
    });
    const store = createConsoleStore(base({ wallLiftMask }));
    const lifting = store.getState().wallLiftMask('cam-1', 0, 'incident');
    await vi.waitFor(() => expect(store.getState().approvalRequest).toBeDefined());
    store.getState().cancelApproval();
    expect(await lifting).toBe(false);
    expect(store.getState().wallError?.message).toBe('needs a supervisor');
  });

  it('reports activity at most every 15 s', async () => {
    const reportActivity = vi.fn(async () => null);
    const store = createConsoleStore(base({ reportActivity, signIn: vi.fn(async () => view('operator')) }));
    await store.getState().signIn({ accountId: 'p1', password: 'x' });
    for (const t of [0, 1000, 14_000, 15_000, 20_000, 31_000]) store.getState().reportActivity(t);
    expect(reportActivity).toHaveBeenCalledTimes(3);
  });
});

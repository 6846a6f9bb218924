import { describe, expect, it, vi } from 'vitest';
import { consoleContract, methodNamesOf, type ConsoleApi } from '../../../shared/contract';
import { methodAccess, mutatingMethods } from '../../../shared/contract/access';
import { ConsoleError } from '../../../shared/errors';
import { readOnlyApi } from '../../../renderer/app/readOnlyApi';
import { createReplayStore } from '../../../renderer/app/store';

/** Every contract method as a spy resolving to `null`; events as no-op subscriptions. */
function spyApi(): ConsoleApi {
  const api: Record<string, unknown> = {};
  for (const [name, def] of Object.entries(consoleContract)) api[name] = def.kind === 'method' ? vi.fn(async () => null) : vi.fn(() => () => undefined);
  return api as unknown as ConsoleApi;
}

describe('read-only API', () => {
  it('classifies every contract method exactly once', () => {
    const methods = methodNamesOf(consoleContract).sort();
    expect(Object.keys(methodAccess).sort()).toEqual(methods);
    for (const m of mutatingMethods) expect(methodAccess[m]).toBe('changes');
  });

  it('refuses every mutating method with a typed ConsoleError and never reaches the core', async () => {
    const api = spyApi();
    const ro = readOnlyApi(api);
    for (const name of mutatingMethods) {
      const call = (ro[name] as (...a: unknown[]) => Promise<unknown>)({});
      await expect(call).rejects.toBeInstanceOf(ConsoleError);
      await expect(call).rejects.toMatchObject({ code: 'unauthorized' });
      expect(api[name]).not.toHaveBeenCalled();
    }
  });

  it('passes reads and events through', async () => {
    const api = spyApi();
    const ro = readOnlyApi(api);
    await ro.drillReport({ startId: 's', replayId: 'r' });
    expect(api.drillReport).toHaveBeenCalledWith({ startId: 's', replayId: 'r' });
    ro.onSiteState(() => undefined);
    expect(api.onSiteState).toHaveBeenCalled();
  });

  it('a replay store refuses a drill evaluation and says why, the core untouched', async () => {
    const api = spyApi();
    const store = createReplayStore(api);
    expect(store.getState().readOnly).toBe(true);
    const entry = await store.getState().evaluateDrill('start-1', { strengths: ['quick'], improvements: [], correctiveActions: [] });
    expect(entry).toBeUndefined();
    expect(store.getState().drillsError).toMatch(/read-only/);
    expect(api.appendEntry).not.toHaveBeenCalled();
  });
});

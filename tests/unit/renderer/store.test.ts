import { describe, expect, it, vi } from 'vitest';
import type { Bootstrap, ConsoleApi } from '../../../shared/contract';
import { ConsoleError } from '../../../shared/errors';
import { defaultSettings, type Settings } from '../../../shared/settings';
import { createConsoleStore, startStore } from '../../../renderer/app/store';

function fakeApi(overrides: Partial<Record<keyof ConsoleApi, unknown>> = {}): ConsoleApi & { emit: Record<string, (p: unknown) => void> } {
  const emit: Record<string, (p: unknown) => void> = {};
  const bootstrap = {
    console: { id: 'c-test', station: 'desk', version: 't', shell: 'host' },
    site: { id: 'site' },
    settings: defaultSettings,
    sources: [{ cameraId: 'a', stream: 'sub', state: 'live' }],
  } as unknown as Bootstrap;
  const api = {
    getBootstrap: vi.fn(async () => bootstrap),
    setLocale: vi.fn(async (locale: Settings['locale']) => ({ locale })),
    simulateSourceFault: vi.fn(async () => []),
    onSettingsChanged: (l: (p: unknown) => void) => {
      emit.onSettingsChanged = l;
      return () => undefined;
    },
    onSourceStatus: (l: (p: unknown) => void) => {
      emit.onSourceStatus = l;
      return () => undefined;
    },
    ...overrides,
  };
  return Object.assign(api as unknown as ConsoleApi, { emit });
}

describe('console store', () => {
  it('loads the bootstrap and indexes the sources', async () => {
    const api = fakeApi();
    const store = createConsoleStore(api);
    await store.getState().load();
    expect(store.getState().loadState).toBe('ready');
    expect(store.getState().bootstrap?.console.id).toBe('c-test');
    expect(store.getState().sources['a/sub']?.state).toBe('live');
  });

  it('says why loading failed', async () => {
    const api = fakeApi({ getBootstrap: vi.fn(async () => Promise.reject(new ConsoleError('unavailable', 'core down'))) });
    const store = createConsoleStore(api);
    await store.getState().load();
    expect(store.getState().loadState).toBe('failed');
    expect(store.getState().loadError).toBe('core down');
  });

  it('applies events from the core', async () => {
    const api = fakeApi();
    const store = createConsoleStore(api);
    startStore(store, api);
    api.emit.onSettingsChanged?.({ locale: 'en' });
    api.emit.onSourceStatus?.({ cameraId: 'a', stream: 'sub', state: 'down', reason: 'x' });
    expect(store.getState().settings.locale).toBe('en');
    expect(store.getState().sources['a/sub']?.state).toBe('down');
  });

  it('switches language through the core and keeps the error if it refuses', async () => {
    const api = fakeApi();
    const store = createConsoleStore(api);
    await store.getState().setLocale('en');
    expect(store.getState().settings.locale).toBe('en');
    const refusing = fakeApi({ setLocale: vi.fn(async () => Promise.reject(new Error('disk full'))) });
    const s2 = createConsoleStore(refusing);
    await s2.getState().setLocale('en');
    expect(s2.getState().settings.locale).toBe('zh-CN');
    expect(s2.getState().settingsError).toBe('disk full');
  });

  it('reloads its state when the link comes back after being offline', async () => {
    const api = fakeApi();
    const store = createConsoleStore(api);
    await store.getState().load();
    store.getState().connectionChanged({ status: 'offline', since: 1, reason: 'closed' });
    store.getState().connectionChanged({ status: 'connected' });
    expect(api.getBootstrap).toHaveBeenCalledTimes(2);
  });
});

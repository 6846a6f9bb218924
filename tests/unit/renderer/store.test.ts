import { describe, expect, it, vi } from 'vitest';
import type { Bootstrap, ConsoleApi } from '../../../shared/contract';
import type { JournalEntry } from '../../../shared/journal/entry';
import { ConsoleError } from '../../../shared/errors';
import { defaultSettings, type Settings } from '../../../shared/settings';
import { initialSiteState } from '../../../shared/state';
import { createConsoleStore, startStore } from '../../../renderer/app/store';
import { makeEntry } from '../../support/entries';

function fakeApi(overrides: Partial<Record<keyof ConsoleApi, unknown>> = {}): ConsoleApi & { emit: Record<string, (p: unknown) => void> } {
  const emit: Record<string, (p: unknown) => void> = {};
  const bootstrap = {
    console: { id: 'c-test', station: 'desk', version: 't', shell: 'host' },
    site: { id: 'site' },
    settings: defaultSettings,
    sources: [{ cameraId: 'a', stream: 'sub', state: 'live' }],
    journal: { state: 'ok', file: 'j', headSeq: 1, headHash: 'h', verifiedTo: 1, verifying: false, lastCheckpointSeq: 0, upstream: { configured: false } },
    siteWarnings: [],
  } as unknown as Bootstrap;
  const api = {
    getBootstrap: vi.fn(async () => bootstrap),
    setLocale: vi.fn(async (locale: Settings['locale']) => ({ locale })),
    simulateSourceFault: vi.fn(async () => []),
    getSiteState: vi.fn(async () => ({ state: initialSiteState(), heads: {} })),
    getPeers: vi.fn(async () => []),
    onSiteState: (l: (p: unknown) => void) => {
      emit.onSiteState = l;
      return () => undefined;
    },
    onPeers: (l: (p: unknown) => void) => {
      emit.onPeers = l;
      return () => undefined;
    },
    onSiteChanged: (l: (p: unknown) => void) => {
      emit.onSiteChanged = l;
      return () => undefined;
    },
    queryJournal: vi.fn(async () => ({ entries: [], nextBeforeSeq: null })),
    onJournalAppended: (l: (p: unknown) => void) => {
      emit.onJournalAppended = l;
      return () => undefined;
    },
    onJournalStatus: (l: (p: unknown) => void) => {
      emit.onJournalStatus = l;
      return () => undefined;
    },
    onSettingsChanged: (l: (p: unknown) => void) => {
      emit.onSettingsChanged = l;
      return () => undefined;
    },
    onSourceStatus: (l: (p: unknown) => void) => {
      emit.onSourceStatus = l;
      return () => undefined;
    },
    getSession: vi.fn(async () => ({ station: 'desk', setupNeeded: false, people: [], owner: null, locked: false, idleLockMs: 600_000, accounts: [], approval: null })),
    onSessionsChanged: (l: (p: unknown) => void) => {
      emit.onSessionsChanged = l;
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
    expect(store.getState().journalStatus?.verifiedTo).toBe(1);
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

const entry = (seq: number, kind: string, payload: unknown, extra: Partial<JournalEntry> = {}): JournalEntry =>
  makeEntry({ seq, site: 'site', console: 'c-test', kind, occurredAt: 1_000_000 + seq, actor: 'duty-liu', payload, ...extra });

describe('journal and site state in the renderer', () => {
  it('folds appended entries once, skipping those already in the snapshot', async () => {
    const api = fakeApi({ getSiteState: vi.fn(async () => ({ state: initialSiteState(), heads: { 'c-test': 2 } })) });
    const store = createConsoleStore(api);
    await store.getState().loadSiteState();
    const handover = (seq: number, incoming: string): JournalEntry =>
      entry(seq, 'handover', { outgoing: 'a', incoming, summary: 's', openItems: [] });
    store.getState().foldAppended([handover(2, 'old'), handover(3, 'duty-sun')]);
    expect(store.getState().siteState.duty.lastHandover?.incoming).toBe('duty-sun');
    store.getState().foldAppended([handover(3, 'again')]);
    expect(store.getState().siteState.duty.lastHandover?.incoming).toBe('duty-sun');
  });

  it('publishes streamed batches at most once per frame: a lone batch at once, a storm\'s batches together, none lost; a reset supersedes what waits', async () => {
    vi.useFakeTimers({ now: 5_000_000 });
    try {
      const api = fakeApi({ getSiteState: vi.fn(async () => ({ state: initialSiteState(), heads: {} })) });
      const store = createConsoleStore(api);
      await store.getState().loadSiteState();
      const handover = (seq: number, incoming: string): JournalEntry => entry(seq, 'handover', { outgoing: 'a', incoming, summary: 's', openItems: [] });
      let published = 0;
      store.subscribe((now, before) => {
        if (now.siteState !== before.siteState) published += 1;
      });
      store.getState().siteStateChanged({ kind: 'append', entries: [handover(1, 'first')] });
      await vi.advanceTimersByTimeAsync(0);
      expect(published).toBe(1);
      expect(store.getState().siteState.duty.lastHandover?.incoming).toBe('first');
      for (let seq = 2; seq <= 6; seq++) store.getState().siteStateChanged({ kind: 'append', entries: [handover(seq, `h${seq}`)] });
      expect(published).toBe(1);
      await vi.advanceTimersByTimeAsync(16);
      expect(published).toBe(2);
      expect(store.getState().siteState.duty.lastHandover?.incoming).toBe('h6');
      expect(store.getState().siteHeads['c-test']).toBe(6);
      // A reset replaces the state outright: a batch still waiting is not published over it.
      store.getState().siteStateChanged({ kind: 'append', entries: [handover(7, 'stale')] });
      store.getState().siteStateChanged({ kind: 'reset', state: initialSiteState(), heads: { 'c-test': 9 } });
      await vi.advanceTimersByTimeAsync(50);
      expect(store.getState().siteState.duty.lastHandover).toBeUndefined();
      expect(store.getState().siteHeads['c-test']).toBe(9);
    } finally {
      vi.useRealTimers();
    }
  });

  it('prepends live entries that match the filter and ignores the rest', async () => {
    const api = fakeApi();
    const store = createConsoleStore(api);
    await store.getState().setJournalFilter({ windowHours: undefined, kinds: ['note'], mode: undefined, text: '围墙' }, 2_000_000);
    store.getState().journalEntriesAppended([
      entry(5, 'note', { text: '北侧围墙巡逻' }),
      entry(6, 'note', { text: 'lobby quiet' }),
      entry(7, 'patrol', { route: '围墙', finding: 'normal', text: 'x' }),
    ]);
    expect(store.getState().journalEntries.map((e) => e.seq)).toEqual([5]);
    expect(api.queryJournal).toHaveBeenCalledWith({ limit: 50, kinds: ['note'], text: '围墙' });
  });
});

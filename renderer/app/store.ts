import { createStore, type StateCreator, type StoreApi } from 'zustand/vanilla';
import type { ConsoleApi } from '../../shared/contract';
import { createAlertsSlice, type AlertsSlice } from '../features/alerts/alertsSlice';
import { createCommandSlice, type CommandSlice } from '../features/command/commandSlice';
import { createConnectionSlice, type ConnectionSlice } from '../features/connection/connectionSlice';
import { createDrillsSlice, type DrillsSlice } from '../features/drills/drillsSlice';
import { createJournalSlice, type JournalSlice } from '../features/journal/journalSlice';
import { createPlansSlice, type PlansSlice } from '../features/plans/plansSlice';
import { createRosterSlice, type RosterSlice } from '../features/roster/rosterSlice';
import { createSiteStateSlice, type SiteStateSlice } from '../features/sitestate/siteStateSlice';
import { createSettingsSlice, type SettingsSlice } from '../features/settings/settingsSlice';
import { createSiteSlice, type SiteSlice } from '../features/site/siteSlice';
import { approvingApi, createSessionSlice, type SessionSlice } from '../features/session/sessionSlice';
import { createSourcesSlice, type SourcesSlice } from '../features/video/sourcesSlice';
import { createWallSlice, type WallSlice } from '../features/wall/wallSlice';
import { readOnlyApi } from './readOnlyApi';

export type ConsoleState = SiteSlice &
  SettingsSlice &
  ConnectionSlice &
  SourcesSlice &
  JournalSlice &
  SiteStateSlice &
  DrillsSlice &
  AlertsSlice &
  RosterSlice &
  WallSlice &
  PlansSlice &
  CommandSlice &
  SessionSlice;

/** A slice creator: sees the whole state, gets the contract injected. */
export type SliceCreator<S> = (api: ConsoleApi) => StateCreator<ConsoleState, [], [], S>;

export type ConsoleStore = StoreApi<ConsoleState>;

/**
 * One vanilla store from typed slices, with the contract injected. Slices
 * never touch `window`, so they run under Node in unit tests.
 */
export function createConsoleStore(raw: ConsoleApi): ConsoleStore {
  // Four-eyes calls ask for a supervisor's approval and are made again (features/session/approvingApi.ts).
  const api = approvingApi(raw, {
    requestApproval: (method) => store.getState().requestApproval(method),
    sessionStale: () => void store.getState().loadSession(),
  });
  const store = createStore<ConsoleState>()((...a) => ({
    ...createSiteSlice(api)(...a),
    ...createSettingsSlice(api)(...a),
    ...createConnectionSlice(api)(...a),
    ...createSourcesSlice(api)(...a),
    ...createJournalSlice(api)(...a),
    ...createSiteStateSlice(api)(...a),
    ...createDrillsSlice(api)(...a),
    ...createAlertsSlice(api)(...a),
    ...createRosterSlice(api)(...a),
    ...createWallSlice(api)(...a),
    ...createPlansSlice(api)(...a),
    ...createCommandSlice(api)(...a),
    ...createSessionSlice(api)(...a),
  }));
  return store;
}

/**
 * A replay's store: the same slices over the read-only contract, so every
 * action that would change something is refused by the API itself (views
 * only hide what `readOnly` says they need not offer).
 */
export function createReplayStore(api: ConsoleApi): ConsoleStore {
  const store = createConsoleStore(readOnlyApi(api));
  store.setState({ readOnly: true });
  return store;
}

/**
 * Wires the contract's events into the store and loads the first state.
 * Returns a function that unsubscribes everything.
 */
export function startStore(store: ConsoleStore, api: ConsoleApi): () => void {
  const offs = [
    api.onSettingsChanged((settings) => store.getState().settingsChanged(settings)),
    api.onSourceStatus((status) => store.getState().sourceChanged(status)),
    api.onJournalAppended(({ entries }) => store.getState().journalEntriesAppended(entries)),
    api.onSiteState((change) => store.getState().siteStateChanged(change)),
    api.onSiteChanged(() => void store.getState().load()),
    api.onPeers((peers) => store.getState().peersChanged(peers)),
    api.onJournalStatus((status) => store.getState().journalStatusChanged(status)),
    // Any session or account changed (an idle lock, a sign-in elsewhere): this connection's view is fetched again.
    api.onSessionsChanged(() => void store.getState().loadSession()),
  ];
  void store.getState().load();
  void store.getState().loadSession();
  return () => offs.forEach((off) => off());
}

import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { ConsoleApi } from '../../shared/contract';
import type { ConsoleState, ConsoleStore } from './store';

const StoreContext = createContext<{ store: ConsoleStore; api: ConsoleApi } | undefined>(undefined);

export function StoreProvider(props: { store: ConsoleStore; api: ConsoleApi; children: ReactNode }) {
  return <StoreContext.Provider value={{ store: props.store, api: props.api }}>{props.children}</StoreContext.Provider>;
}

function useStoreContext(): { store: ConsoleStore; api: ConsoleApi } {
  const value = useContext(StoreContext);
  if (!value) throw new Error('useConsole must be used inside <StoreProvider>');
  return value;
}

/** Reads one value from the console store (use `useShallow` for objects built in the selector). */
export function useConsole<T>(selector: (state: ConsoleState) => T): T {
  return useStore(useStoreContext().store, selector);
}

/** The contract, for components that call it directly (rare: prefer slice actions). */
export function useConsoleApi(): ConsoleApi {
  return useStoreContext().api;
}

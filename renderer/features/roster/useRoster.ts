import { useEffect, useState } from 'react';
import type { Roster } from '../../../shared/site/roster';
import { useConsole, useConsoleApi } from '../../app/StoreContext';

/**
 * The roster in force (site file with the last CSV import). Loaded when a
 * roster view mounts and kept current by the onRoster event; the site file's
 * roster stands in until the core answers. Kept out of the shared store so
 * consoles that never show the roster do not carry it.
 */
export function useRoster(): Roster | undefined {
  const api = useConsoleApi();
  const fromSite = useConsole((s) => s.bootstrap?.site.roster);
  const [roster, setRoster] = useState<Roster | undefined>(undefined);
  useEffect(() => {
    let live = true;
    api.getRoster().then(
      (r) => live && setRoster(r),
      () => undefined,
    );
    const off = api.onRoster((r) => setRoster(r));
    return () => {
      live = false;
      off();
    };
  }, [api]);
  return roster ?? fromSite;
}

/** navigator.onLine, followed. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const up = (): void => setOnline(true);
    const down = (): void => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, []);
  return online;
}

import { useEffect, useState } from 'react';
import type { Roster } from '../../../shared/site/roster';
import { useConsole } from '../../app/StoreContext';

/**
 * The roster in force (site file with the last CSV import). Loaded when a
 * roster view mounts and kept current by the onRoster event; the site file's
 * roster stands in until the core answers. Only fetched and followed while a
 * roster view is mounted, so consoles that never show it do not load it.
 */
export function useRoster(): Roster | undefined {
  const fromSite = useConsole((s) => s.bootstrap?.site.roster);
  const roster = useConsole((s) => s.roster);
  const watchRoster = useConsole((s) => s.watchRoster);
  useEffect(() => watchRoster(), [watchRoster]);
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

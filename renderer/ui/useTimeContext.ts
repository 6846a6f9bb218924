import { useMemo } from 'react';
import type { TimeContext } from '../../shared/time/format';
import { useConsole } from '../app/StoreContext';

/** The app's language and the site's time zone, for shared/time/format.ts (the PC's zone is never used). */
export function useTimeContext(): TimeContext {
  const locale = useConsole((s) => s.settings.locale);
  const timeZone = useConsole((s) => s.bootstrap?.site.timezone);
  return useMemo(() => ({ locale, timeZone }), [locale, timeZone]);
}

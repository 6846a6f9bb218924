import { useMemo } from 'react';
import { heatEventsFromAlerts } from '../../../shared/heatmap/fromAlerts';
import type { HeatEvent } from '../../../shared/heatmap/types';
import { localize } from '../../../shared/i18n';
import { useConsole } from '../../app/StoreContext';

/** Heat-map events from the site state's alerts (live or, in replay, the replayed state). */
export function useAlertHeat(): readonly HeatEvent[] {
  const alerts = useConsole((s) => s.siteState.alerts);
  const drillRunning = useConsole((s) => s.siteState.drill.active !== undefined);
  const site = useConsole((s) => s.bootstrap?.site);
  const locale = useConsole((s) => s.settings.locale);
  return useMemo(() => {
    if (!site) return [];
    const names = new Map(site.alertTypes.map((t) => [t.code, localize(t.name, locale)]));
    return heatEventsFromAlerts(alerts, site, drillRunning, (type) => names.get(type) ?? type);
  }, [alerts, site, drillRunning, locale]);
}

import { useEffect, useMemo, useState } from 'react';
import { heatEventsFromAlerts } from '../../../shared/heatmap/fromAlerts';
import type { HeatEvent } from '../../../shared/heatmap/types';
import { localize } from '../../../shared/i18n';
import { useConsole } from '../../app/StoreContext';

const HISTORY_MS = 30 * 86_400_000;
const REFRESH_MS = 5 * 60_000;
const NO_HISTORY: readonly (HeatEvent & { id: string })[] = [];

/**
 * Heat-map events: the alerts the site state holds (recent, with their live
 * status) over the last 30 days of live alerts read from the journal (the
 * state keeps only recent alerts in memory). In replay the replayed state
 * alone is drawn: the journal's later alerts must not leak into the past.
 */
export function useAlertHeat(): readonly HeatEvent[] {
  const history30d = useConsole((s) => s.alertHeatHistory);
  const alerts = useConsole((s) => s.siteState.alerts);
  const drillRunning = useConsole((s) => s.siteState.drill.active !== undefined);
  const readOnly = useConsole((s) => s.readOnly);
  const site = useConsole((s) => s.bootstrap?.site);
  const locale = useConsole((s) => s.settings.locale);
  const [history, setHistory] = useState<readonly (HeatEvent & { id: string })[]>(NO_HISTORY);

  useEffect(() => {
    if (readOnly) return undefined;
    let stopped = false;
    const load = (): void => {
      const to = Date.now() + 60_000;
      void history30d(to - HISTORY_MS, to).then((events) => {
        // Unread, the recent alerts in the state still draw; the next refresh tries again.
        if (!stopped && events) setHistory(events);
      });
    };
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [history30d, readOnly]);

  return useMemo(() => {
    if (!site) return [];
    const names = new Map(site.alertTypes.map((t) => [t.code, localize(t.name, locale)]));
    const live = heatEventsFromAlerts(alerts, site, drillRunning, (type) => names.get(type) ?? type);
    if (history.length === 0) return live;
    const held = new Set<string>();
    for (const id of alerts.order) held.add(id);
    const older = history.filter((e) => !held.has(e.id)).map((e) => ({ ...e, label: names.get(e.label ?? '') ?? e.label }));
    return [...older, ...live];
  }, [alerts, site, drillRunning, locale, history]);
}

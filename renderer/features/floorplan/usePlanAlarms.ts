import { useMemo } from 'react';
import { planAlarms, type PlanAlarm } from '../../../shared/alerts/planAlarms';
import type { SiteView } from '../../../shared/site/view';
import { useConsole } from '../../app/StoreContext';

/** The open red and orange alarms the plan marks, recomputed only when an alert entry arrives. */
export function usePlanAlarms(site: SiteView | undefined): readonly PlanAlarm[] {
  const alerts = useConsole((s) => s.siteState.alerts);
  return useMemo(() => (site ? planAlarms(alerts, site) : []), [alerts, site]);
}

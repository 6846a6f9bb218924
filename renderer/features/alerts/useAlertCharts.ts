import { useMemo } from 'react';
import type { AlertsState } from '../../../shared/state/alertsDomain';
import { perHour, responseTimes } from './charts';
import type { AlertNames } from './useAlertNames';
import { useThrottled } from './useThrottled';

/** The charts' series: they move by the hour, so they are recomputed when the fold changes (at most every 2 s), not every second. */
export function useAlertCharts(alerts: AlertsState, now: number, names: Pick<AlertNames, 'hourLabel' | 'targetsOf'>) {
  const { hourLabel, targetsOf } = names;
  const hourNow = Math.floor(now / 3_600_000);
  const chartAlerts = useThrottled(alerts, 2000);
  return useMemo(() => {
    const at = hourNow * 3_600_000;
    return {
      bySeverity: perHour(chartAlerts, 'severity', at, 12, hourLabel),
      byType: perHour(chartAlerts, 'type', at, 12, hourLabel),
      response: responseTimes(chartAlerts, (s) => targetsOf(s)?.acknowledgeSec ?? 0),
    };
  }, [chartAlerts, hourLabel, targetsOf, hourNow]);
}

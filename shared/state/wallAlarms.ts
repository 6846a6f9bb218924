import type { AlarmInput } from '../wall/alarms';
import { alertList, type AlertsState, type AlertView } from './alertsDomain';

/** One alarm per alert view: an alert the fold did not touch keeps its alarm (and its identity). */
const alarmOf = new WeakMap<AlertView, AlarmInput>();
let lastAlerts: AlertsState | undefined;
let lastAlarms: readonly AlarmInput[] = [];

/**
 * The alerts a wall may pop up, as the alerts fold has them: the same status
 * the desk shows and the same (HLC) recording time. The wall does not fold
 * alert kinds itself. Memoised on the alerts state, so views may call it on
 * every render and get the same array while no alert entry arrived.
 */
export function wallAlarms(alerts: AlertsState): readonly AlarmInput[] {
  if (alerts === lastAlerts) return lastAlarms;
  const out: AlarmInput[] = [];
  for (const alert of alertList(alerts)) {
    let alarm = alarmOf.get(alert);
    if (!alarm) {
      alarm = toAlarm(alert);
      alarmOf.set(alert, alarm);
    }
    out.push(alarm);
  }
  lastAlerts = alerts;
  lastAlarms = out;
  return out;
}

function toAlarm(alert: AlertView): AlarmInput {
  // The alert's own camera first, then the others linked to it: the pop-up shows the first.
  const cameras = alert.camera !== undefined && !alert.cameras.includes(alert.camera) ? [alert.camera, ...alert.cameras] : alert.cameras;
  return {
    alertId: alert.id,
    type: alert.type,
    severity: alert.severity,
    status: alert.status,
    cameras,
    zone: alert.zone,
    floor: alert.floor,
    raisedAt: alert.raisedAt,
    mode: alert.mode,
  };
}

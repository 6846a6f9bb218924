import { useEffect, useState } from 'react';
import type { AlertsState } from '../../../shared/state/alertsDomain';
import { useConsole } from '../../app/StoreContext';
import { AlertsWorkspace } from './AlertsWorkspace';
import { useFrameThrottled } from './useThrottled';
import './alerts.css';

/**
 * Reads the alerts from the store and hands them on at most once per frame:
 * the store changes with every batch of a storm, and only this null-rendering
 * component re-renders that often.
 */
function AlertsFeed(props: { onFrame: (alerts: AlertsState) => void }) {
  const shown = useFrameThrottled(useConsole((s) => s.siteState.alerts));
  const { onFrame } = props;
  useEffect(() => onFrame(shown), [shown, onFrame]);
  return null;
}

/** The desk's alert workspace: queue and detail with keyboard handling, quarantine, charts, webhook. */
export function AlertsSection() {
  const [alerts, setAlerts] = useState<AlertsState | undefined>();
  return (
    <>
      <AlertsFeed onFrame={setAlerts} />
      {alerts && <AlertsWorkspace alerts={alerts} />}
    </>
  );
}

import type { WebhookInfo } from '../../../shared/alerts/contract';
import type { DutyLevel } from '../../../shared/alerts/schema';
import type { HeatEvent } from '../../../shared/heatmap/types';
import type { SliceCreator } from '../../app/store';
import type { AlertView } from '../../../shared/state/alertsDomain';
import type { ManualReport } from './ManualAlarm';
import { tracked } from '../../app/tracked';

/** Alert actions taken in one step (a key or a button); closing needs its own form (a closure code). */
export type DirectAlertAction = 'ack' | 'on-scene';
/** Alert actions that need one line of input (a person, a note, a reason). */
export type PromptedAlertAction = 'assign' | 'note' | 'report' | 'escalate' | 'dispatch';

export interface AlertsSlice {
  /** Why the last alert action failed; cleared by the next one that succeeds. */
  readonly alertsError: string | undefined;
  /** Why the last duty-level change failed (shown in its own form). */
  readonly dutyLevelError: string | undefined;
  readonly webhookInfo: WebhookInfo | undefined;
  /** Each resolves to true when the core recorded it, false when it refused (see `alertsError`). */
  actOnAlert(action: DirectAlertAction, alertId: string): Promise<boolean>;
  actOnAlertWith(action: PromptedAlertAction, alertId: string, value: string): Promise<boolean>;
  /** Closes with one of the site's closure codes (and the comment it may need). */
  closeAlert(alertId: string, code: string, note: string): Promise<boolean>;
  /** Ticks one step of the alarm's response plan (journaled with time and person). */
  tickAlertStep(alertId: string, step: string): Promise<boolean>;
  /** Undoes this operator's own close, within seconds of it. */
  reopenAlert(alertId: string): Promise<boolean>;
  /** An alarm reported by phone, radio or in person; resolves to its id, or undefined when refused (see `alertsError`). */
  raiseManualAlert(report: ManualReport): Promise<string | undefined>;
  setDutyLevel(level: DutyLevel, reason: string): Promise<boolean>;
  /** Silences this console's tone for the alarms sounding now, with a reason (journaled per console). */
  silenceAlarms(alertIds: readonly string[], reason: string): Promise<boolean>;
  /** Why the last silence was refused (shown in its own form). */
  readonly silenceError: string | undefined;
  loadWebhookInfo(): Promise<void>;
  /** Alarms closed in a window, with history and closure code, read from the journal; undefined when it could not be read. */
  closedAlarms(from: number, to: number): Promise<{ alarms: readonly AlertView[]; truncated: boolean; withoutRaise: number } | undefined>;
  /** Live alerts of a time window read from the journal (the heat map's history); undefined when it could not be read. */
  alertHeatHistory(from: number, to: number): Promise<readonly (HeatEvent & { id: string })[] | undefined>;
}

export const createAlertsSlice: SliceCreator<AlertsSlice> = (api) => (set) => {
  const run = tracked((alertsError) => set({ alertsError }));
  const duty = tracked((dutyLevelError) => set({ dutyLevelError }));
  const hush = tracked((silenceError) => set({ silenceError }));
  const done = (p: Promise<unknown>): Promise<boolean> => p.then((r) => r !== undefined);
  return {
    alertsError: undefined,
    dutyLevelError: undefined,
    silenceError: undefined,
    webhookInfo: undefined,
    actOnAlert: (action, alertId) => {
      switch (action) {
        case 'ack':
          return done(run(() => api.acknowledgeAlert({ alertId })));
        case 'on-scene':
          return done(run(() => api.onSceneAlert({ alertId })));
      }
    },
    closeAlert: (alertId, code, note) => done(run(() => api.closeAlert({ alertId, code, ...(note.trim() ? { note: note.trim() } : {}) }))),
    reopenAlert: (alertId) => done(run(() => api.reopenAlert({ alertId }))),
    tickAlertStep: (alertId, step) => done(run(() => api.tickAlertStep({ alertId, step }))),
    raiseManualAlert: (report) => run(() => api.raiseManualAlert(report)).then((r) => r?.alertId),
    actOnAlertWith: (action, alertId, value) => {
      switch (action) {
        case 'assign':
          return done(run(() => api.assignAlert({ alertId, to: value })));
        case 'note':
          return done(run(() => api.noteAlert({ alertId, text: value })));
        case 'report':
          return done(run(() => api.reportAlert({ alertId, to: value })));
        case 'escalate':
          return done(run(() => api.escalateAlert({ alertId, reason: value })));
        case 'dispatch':
          return done(run(() => api.dispatchAlert({ alertId, ...(value ? { to: value } : {}) })));
      }
    },
    setDutyLevel: (level, reason) => done(duty(() => api.setDutyLevel({ level, reason }))),
    silenceAlarms: (alertIds, reason) => done(hush(() => api.silenceAlarms({ alertIds: [...alertIds], reason }))),
    loadWebhookInfo: async () => {
      // No webhook info is shown as no panel: nothing to report beyond that.
      set({ webhookInfo: await api.webhookInfo().catch(() => undefined) });
    },
    closedAlarms: (from, to) => api.closedAlarms({ from, to }).then((r) => r, () => undefined),
    alertHeatHistory: (from, to) => api.alertHeatHistory({ from, to }).then((r) => r.events, () => undefined),
  };
};

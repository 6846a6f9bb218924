import type { ConsoleHandlers } from '../../../shared/contract';
import { closedAlarms } from '../alerts/closedAlarms';
import { heatHistory } from '../alerts/heatHistory';
import { ALERT_WEBHOOK_PATH } from '../alerts/webhook';
import { currentActor, requireFourEyes, type CoreContext } from './context';

type Group<K extends keyof ConsoleHandlers> = Pick<ConsoleHandlers, K>;

/** Alert handling at the desk and the site's duty level: each a journal entry by the signed-in operator. */
export function alertHandlers(
  ctx: CoreContext,
): Group<
  | 'acknowledgeAlert'
  | 'assignAlert'
  | 'noteAlert'
  | 'dispatchAlert'
  | 'onSceneAlert'
  | 'reportAlert'
  | 'closeAlert'
  | 'tickAlertStep'
  | 'reopenAlert'
  | 'raiseManualAlert'
  | 'escalateAlert'
  | 'silenceAlarms'
  | 'setDutyLevel'
  | 'webhookInfo'
  | 'alertHeatHistory'
  | 'closedAlarms'
> {
  const act = ctx.alerts.act.bind(ctx.alerts);
  return {
    acknowledgeAlert: async ({ alertId }) => act(alertId, { kind: 'alert.acknowledged' }, currentActor(ctx)),
    assignAlert: async ({ alertId, to }) => act(alertId, { kind: 'alert.assigned', to }, currentActor(ctx)),
    noteAlert: async ({ alertId, text }) => act(alertId, { kind: 'alert.note', text }, currentActor(ctx)),
    dispatchAlert: async ({ alertId, to, note }) =>
      act(alertId, { kind: 'alert.dispatched', ...(to !== undefined ? { to } : {}), ...(note !== undefined ? { note } : {}) }, currentActor(ctx)),
    onSceneAlert: async ({ alertId, note }) => act(alertId, { kind: 'alert.on-scene', ...(note !== undefined ? { note } : {}) }, currentActor(ctx)),
    reportAlert: async ({ alertId, to, note }) => act(alertId, { kind: 'alert.reported', to, ...(note !== undefined ? { note } : {}) }, currentActor(ctx)),
    closeAlert: async ({ alertId, code, note }) => ctx.alerts.closeAlert(alertId, code, note, currentActor(ctx)),
    tickAlertStep: async ({ alertId, step }) => ctx.alerts.tickStep(alertId, step, currentActor(ctx)),
    reopenAlert: async ({ alertId }) => ctx.alerts.reopenAlert(alertId, currentActor(ctx)),
    raiseManualAlert: async (report) => ctx.alerts.raiseManual(report, currentActor(ctx)),
    escalateAlert: async ({ alertId, reason }) => act(alertId, { kind: 'alert.escalated', reason }, currentActor(ctx)),
    silenceAlarms: async ({ alertIds, reason }) => ctx.alerts.silence(alertIds, reason, currentActor(ctx)),
    // 一级 (level 1), the highest, needs a supervisor: the need depends on the level, so the handler asks the gate.
    setDutyLevel: async ({ level, reason }) => ctx.alerts.setDutyLevel(level, reason, currentActor(ctx), level === 1 ? requireFourEyes(ctx, 'setDutyLevel') : undefined),
    alertHeatHistory: async ({ from, to }) => heatHistory(ctx.journal, ctx.site.site, from, to),
    closedAlarms: async ({ from, to }) => closedAlarms(ctx.journal, from, to),
    webhookInfo: async () => ({
      enabled: ctx.alerts.webhookEnabled,
      path: ALERT_WEBHOOK_PATH,
      token: ctx.alerts.webhookToken,
      ...(ctx.alerts.webhookUrl ? { url: ctx.alerts.webhookUrl } : {}),
    }),
  };
}

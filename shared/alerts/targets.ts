import type { Severity } from '../domain/severity';
import type { AlertType, ResponseTargets, TargetSet } from '../site/alertTypes';
import { isOpen, progressDue, type AlertView } from '../state/alertsDomain';

/** Every target set to a number (the site's default set has them all). */
export type ResolvedTargets = { readonly [K in keyof TargetSet]-?: NonNullable<TargetSet[K]> };

/**
 * The response targets for one alert: the site's default, overridden by its
 * severity's set, overridden by its type's own targets.
 */
export function resolveTargets(targets: ResponseTargets, severity: Severity, type?: Pick<AlertType, 'targets'>): ResolvedTargets {
  return { ...targets.default, ...definedOnly(targets.bySeverity[severity]), ...definedOnly(type?.targets) };
}

function definedOnly(set: TargetSet | undefined): Partial<ResolvedTargets> {
  if (!set) return {};
  const out: Partial<Record<keyof TargetSet, number>> = {};
  for (const [k, v] of Object.entries(set)) if (typeof v === 'number') out[k as keyof TargetSet] = v;
  return out;
}

export const countdownSteps = ['acknowledge', 'startPlan', 'onScene', 'overall', 'writtenReport'] as const;
export type CountdownStep = (typeof countdownSteps)[number];

export interface Countdown {
  readonly step: CountdownStep;
  /** When the step is due (epoch ms), measured from journal timestamps. */
  readonly dueAt: number;
  /** When it was done, if it was. */
  readonly doneAt: number | undefined;
  /** Milliseconds left (negative when overdue); for a done step, the margin it was done with. */
  readonly remainingMs: number;
  readonly overdue: boolean;
}

/**
 * The alert's response countdowns at `now`, all derived from journal times
 * (the alert's arrival and its handling entries), so a restart loses nothing.
 * A step done late counts as overdue; a step of an alert closed before it
 * was done (a false alarm needs no one on scene) is dropped.
 */
export function countdowns(alert: AlertView, targets: ResolvedTargets, now: number): Countdown[] {
  const closed = alert.status === 'resolved' || alert.status === 'false-alarm';
  const out: Countdown[] = [];
  const add = (step: CountdownStep, from: number, sec: number, doneAt: number | undefined): void => {
    if (doneAt === undefined && closed) return;
    const dueAt = from + sec * 1000;
    const remainingMs = dueAt - (doneAt ?? now);
    out.push({ step, dueAt, doneAt, remainingMs, overdue: remainingMs < 0 });
  };
  add('acknowledge', alert.raisedAt, targets.acknowledgeSec, alert.ackAt);
  add('startPlan', alert.raisedAt, targets.startPlanSec, alert.dispatchedAt);
  add('onScene', alert.raisedAt, targets.onSceneSec, alert.onSceneAt);
  add('overall', alert.raisedAt, targets.overallSec, alert.resolvedAt);
  if (alert.status === 'resolved' && alert.resolvedAt !== undefined) {
    const reportAfter = alert.reportedAt !== undefined && alert.reportedAt >= alert.resolvedAt ? alert.reportedAt : undefined;
    const dueAt = alert.resolvedAt + targets.writtenReportSec * 1000;
    const remainingMs = dueAt - (reportAfter ?? now);
    out.push({ step: 'writtenReport', dueAt, doneAt: reportAfter, remainingMs, overdue: remainingMs < 0 });
  }
  return out;
}

/** The step not yet done that is due first (what the operator must do next), if any. */
export function nextDue(list: readonly Countdown[]): Countdown | undefined {
  let next: Countdown | undefined;
  for (const c of list) if (c.doneAt === undefined && (next === undefined || c.dueAt < next.dueAt)) next = c;
  return next;
}

/** True when the acknowledgement target has passed without one: the trigger of a system escalation. */
export function ackOverdue(alert: AlertView, targets: ResolvedTargets, now: number): boolean {
  return alert.ackAt === undefined && (alert.status === 'new' || alert.status === 'escalated') && now > alert.raisedAt + targets.acknowledgeSec * 1000;
}

/**
 * True when an acknowledged, open alarm has had no handling step for
 * `progressEverySec` and the console has not yet re-alerted for this quiet
 * spell: the trigger of `alert.progress-due`. Journal times only.
 */
export function progressOverdue(alert: AlertView, targets: ResolvedTargets, now: number): boolean {
  if (!isOpen(alert) || alert.ackAt === undefined || progressDue(alert)) return false;
  const since = alert.progressAt ?? alert.ackAt;
  return now > since + targets.progressEverySec * 1000;
}

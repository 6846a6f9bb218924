import { useState, type ReactNode } from 'react';
import type { Countdown } from '../../../shared/alerts/targets';
import type { MessageKey, MessageParams } from '../../../shared/i18n';
import { progressDue, type AlertView } from '../../../shared/state/alertsDomain';

export type DetailAction = 'ack' | 'assign' | 'note' | 'dispatch' | 'on-scene' | 'report' | 'resolve' | 'false-alarm' | 'escalate';

/** One step of the alarm's response plan as the desk shows it. */
export interface PlanRow {
  readonly id: string;
  readonly text: string;
  readonly mandatory: boolean;
  /** A roster person or unit the step calls. */
  readonly contact?: string;
  readonly camera?: string;
  readonly cameraName?: string;
  /** When and by whom it was ticked. */
  readonly done?: { readonly at: number; readonly by: string };
}

export interface AlertDetailProps {
  readonly alert: AlertView;
  readonly countdowns: readonly Countdown[];
  readonly plan: readonly PlanRow[];
  /** Ticks a plan step (journaled). */
  readonly onStep: (step: string) => void;
  /** Shows a step's camera (on the first wall). */
  readonly onCamera: (camera: string) => void;
  /** The call a step opens: the contact's ladder and a logged attempt (the roster feature's). */
  readonly renderCall: (contact: string, why: string) => ReactNode;
  readonly typeName: string;
  readonly zoneName: string;
  readonly floorName: string;
  readonly cameraName: (id: string) => string;
  readonly actorName: (actor: string) => string;
  readonly time: (ms: number) => string;
  readonly dateTime: (ms: number) => string;
  /** A journal kind's label in the app's language. */
  readonly kindName: (kind: string) => string;
  readonly closureName: (code: string) => string;
  /** The device's time off from receipt beyond the site's tolerance (ms, ahead positive). */
  readonly clockOffset: number | undefined;
  /** A span in the app's language (shared/time/format.ts). */
  readonly duration: (ms: number) => string;
  readonly readOnly: boolean;
  readonly t: (key: MessageKey, params?: MessageParams) => string;
  readonly onAction: (action: DetailAction) => void;
}

/** History steps whose detail is who the alarm went to (a roster id, a group, a unit, or typed text). */
const RECIPIENT_KINDS: ReadonlySet<string> = new Set(['alert.assigned', 'alert.dispatched', 'alert.reported']);

const actions: { action: DetailAction; key: MessageKey; hotkey?: string }[] = [
  { action: 'ack', key: 'alerts.action.ack', hotkey: 'A' },
  { action: 'assign', key: 'alerts.action.assign', hotkey: 'G' },
  { action: 'note', key: 'alerts.action.note', hotkey: 'N' },
  { action: 'dispatch', key: 'alerts.action.dispatch', hotkey: 'D' },
  { action: 'on-scene', key: 'alerts.action.onScene' },
  { action: 'report', key: 'alerts.action.report' },
  { action: 'resolve', key: 'alerts.action.resolve', hotkey: 'R' },
  { action: 'false-alarm', key: 'alerts.action.falseAlarm', hotkey: 'F' },
  { action: 'escalate', key: 'alerts.action.escalate', hotkey: 'E' },
];

function countdownText(c: Countdown, t: AlertDetailProps['t'], duration: AlertDetailProps['duration']): string {
  const time = duration(c.remainingMs);
  if (c.doneAt !== undefined) return c.overdue ? t('alerts.doneLate', { time }) : t('alerts.doneIn', { time });
  return c.overdue ? t('alerts.overdue', { time }) : t('alerts.due', { time });
}

/** One alert: where, which cameras, the response plan, live countdowns from journal times, and its history. */
export function AlertDetail(props: AlertDetailProps) {
  const { alert: a, t } = props;
  return (
    <div className="alerts__detail" data-testid="alert-detail" data-alert={a.id}>
      <h3 className={`alerts__title sev-${a.severity}`}>
        <span className={`sev-dot sev-${a.severity}`} /> {props.typeName} · {t(`alerts.status.${a.status}`)}
        {a.mode === 'DRILL' && <span className="badge alerts__drill">{t('alerts.drill')}</span>}
      </h3>
      {a.conflictOf !== undefined && (
        <p className="alerts__flag" data-testid="alert-conflict">
          {t('alerts.conflictOf', { id: a.conflictOf })}
        </p>
      )}
      {progressDue(a) && (
        // The console re-alerted for want of progress: the operator is asked for a step, in place.
        <p className="alerts__flag alerts__flag--progress" role="alert" data-testid="alert-no-progress">
          {t('alerts.noProgress', { time: props.time(a.progressAt ?? a.ackAt ?? a.raisedAt) })}
          {!props.readOnly && (
            <button type="button" data-testid="alert-record-progress" onClick={() => props.onAction('note')}>
              {t('alerts.recordProgress')}
            </button>
          )}
        </p>
      )}
      {props.clockOffset !== undefined && (
        <p className="alerts__flag" data-testid="alert-device-clock">
          {t(props.clockOffset > 0 ? 'alerts.clockAhead' : 'alerts.clockBehind', { time: props.duration(Math.abs(props.clockOffset)) })}
        </p>
      )}
      <dl className="alerts__facts">
        <dt>{t('alerts.zone')}</dt>
        <dd data-testid="alert-zone">{props.zoneName}</dd>
        <dt>{t('alerts.floor')}</dt>
        <dd>{props.floorName}</dd>
        <dt>{t('alerts.source')}</dt>
        <dd>
          {a.source} · {a.id}
        </dd>
        <dt>{t('alerts.occurred')}</dt>
        <dd data-testid="alert-occurred">{props.dateTime(a.occurredAt)}</dd>
        <dt>{t('alerts.raised')}</dt>
        <dd data-testid="alert-raised">{props.dateTime(a.raisedAt)}</dd>
        {a.assignedTo !== undefined && (
          <>
            <dt />
            <dd>{t('alerts.assignedTo', { name: props.actorName(a.assignedTo) })}</dd>
          </>
        )}
      </dl>
      {!props.readOnly && (
        <div className="alerts__actions">
          {actions.map((x) => (
            <button key={x.action} type="button" className="button" data-action={x.action} onClick={() => props.onAction(x.action)}>
              {t(x.key)}
              {x.hotkey && <kbd>{x.hotkey}</kbd>}
            </button>
          ))}
        </div>
      )}
      <h4>{t('alerts.countdowns')}</h4>
      <ul className="alerts__countdowns" data-testid="alert-countdowns">
        {props.countdowns.map((c) => (
          <li key={c.step} data-step={c.step} className={c.overdue ? 'is-overdue' : c.doneAt !== undefined ? 'is-done' : ''}>
            <span>{t(`alerts.step.${c.step}`)}</span> <span>{countdownText(c, t, props.duration)}</span>
          </li>
        ))}
      </ul>
      <h4>{t('alerts.cameras')}</h4>
      {a.cameras.length === 0 ? (
        <p className="muted">{t('alerts.noCameras')}</p>
      ) : (
        <ul className="alerts__cameras" data-testid="alert-cameras">
          {a.cameras.map((c) => (
            <li key={c} data-camera={c}>
              {props.cameraName(c)}
            </li>
          ))}
        </ul>
      )}
      {props.plan.length > 0 && <Plan {...props} />}
      <h4>{t('alerts.history')}</h4>
      <ol className="alerts__history" data-testid="alert-history">
        {a.history.map((h, i) => (
          <li key={i} data-kind={h.kind} className={h.noop ? 'muted' : ''}>
            {props.time(h.at)} · {props.kindName(h.kind)} · {props.actorName(h.by)}
            {h.code !== undefined && ` · ${t('alerts.closedWith', { code: props.closureName(h.code) })}`}
            {h.step !== undefined ? ` · ${props.plan.find((p) => p.id === h.step)?.text ?? h.detail ?? h.step}` : h.detail !== undefined && ` · ${RECIPIENT_KINDS.has(h.kind) ? props.actorName(h.detail) : h.detail}`}
            {h.noop && ` ${t('alerts.noop')}`}
          </li>
        ))}
      </ol>
    </div>
  );
}

/**
 * The response plan as steps to tick (SOP): each tick is journaled with time
 * and person; mandatory steps say so (resolving waits for them); a step may
 * open a roster contact to call or a camera. Ticking waits for the alarm to
 * be acknowledged, and a read-only view only shows who did what.
 */
function Plan(props: AlertDetailProps) {
  const { alert: a, t } = props;
  const [calling, setCalling] = useState<string | undefined>();
  const workable = !props.readOnly && a.ackBy !== undefined && a.status !== 'resolved' && a.status !== 'false-alarm';
  const missing = props.plan.filter((s) => s.mandatory && !s.done).length;
  return (
    <>
      <h4>
        {t('alerts.checklist')}{' '}
        <span className="muted" data-testid="plan-progress">
          {t('alerts.plan.progress', { done: props.plan.filter((s) => s.done).length, count: props.plan.length })}
          {missing > 0 && ` · ${t('alerts.plan.mandatoryLeft', { count: missing })}`}
        </span>
      </h4>
      {!props.readOnly && a.ackBy === undefined && <p className="muted">{t('alerts.plan.ackFirst')}</p>}
      <ol className="alerts__checklist" data-testid="alert-plan">
        {props.plan.map((step) => (
          <li key={step.id} data-step={step.id} data-done={step.done !== undefined} className={step.done ? 'is-done' : ''}>
            <label className="alerts__step">
              <input type="checkbox" checked={step.done !== undefined} disabled={!workable || step.done !== undefined} onChange={() => props.onStep(step.id)} data-testid="plan-step-tick" />
              <span>{step.text}</span>
              {step.mandatory && <span className="badge alerts__mandatory">{t('alerts.plan.mandatory')}</span>}
            </label>
            {step.done && <span className="muted"> · {props.time(step.done.at)} · {props.actorName(step.done.by)}</span>}
            {step.camera !== undefined && (
              <button type="button" className="button button--small" data-testid="plan-step-camera" onClick={() => props.onCamera(step.camera ?? '')}>
                {t('alerts.plan.showCamera', { camera: step.cameraName ?? step.camera })}
              </button>
            )}
            {step.contact !== undefined && !props.readOnly && (
              <button type="button" className="button button--small" data-testid="plan-step-call" aria-expanded={calling === step.id} onClick={() => setCalling(calling === step.id ? undefined : step.id)}>
                {t('alerts.plan.call')}
              </button>
            )}
            {calling === step.id && step.contact !== undefined && <div className="alerts__step-call">{props.renderCall(step.contact, `${props.typeName} · ${props.zoneName}: ${step.text}`)}</div>}
          </li>
        ))}
      </ol>
    </>
  );
}

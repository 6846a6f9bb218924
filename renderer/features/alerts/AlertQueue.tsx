import { memo } from 'react';
import { deviceClockOffset } from '../../../shared/alerts/deviceClock';
import { countdowns, nextDue, type ResolvedTargets } from '../../../shared/alerts/targets';
import type { Severity } from '../../../shared/domain/severity';
import { progressDue, type AlertView } from '../../../shared/state/alertsDomain';
import type { MessageKey, MessageParams } from '../../../shared/i18n';

export interface AlertQueueProps {
  readonly rows: readonly AlertView[];
  readonly open: number;
  readonly selected: string | undefined;
  readonly now: number;
  readonly typeName: (code: string) => string;
  readonly zoneName: (id: string | undefined) => string;
  readonly duration: (ms: number) => string;
  /** The response targets of an alert (its next due step is shown on its row). */
  readonly targetsOf: (severity: Severity, type?: string) => ResolvedTargets | undefined;
  /** The site's device-clock tolerance (s): rows flag a device time beyond it. */
  readonly clockToleranceSec: number;
  readonly t: (key: MessageKey, params?: MessageParams) => string;
  readonly onSelect: (id: string) => void;
}

/** The open alerts, most severe then oldest first; rows are plain props (the container reads the store). */
export const AlertQueue = memo(function AlertQueue(props: AlertQueueProps) {
  const { t } = props;
  if (props.rows.length === 0) return <p className="muted alerts__empty">{t('alerts.none')}</p>;
  return (
    <table className="alerts__table" data-testid="alert-queue">
      <thead>
        <tr>
          <th>{t('alerts.col.severity')}</th>
          <th>{t('alerts.col.type')}</th>
          <th>{t('alerts.col.zone')}</th>
          <th>{t('alerts.col.age')}</th>
          <th>{t('alerts.col.status')}</th>
          <th>{t('alerts.col.next')}</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((a) => (
          <QueueRow key={a.id} alert={a} selected={a.id === props.selected} now={props.now} typeName={props.typeName} zoneName={props.zoneName} duration={props.duration} targetsOf={props.targetsOf} clockToleranceSec={props.clockToleranceSec} t={t} onSelect={props.onSelect} />
        ))}
      </tbody>
      {props.open > props.rows.length && (
        <tfoot>
          <tr>
            <td colSpan={6} className="muted">
              {t('alerts.more', { count: props.open - props.rows.length })}
            </td>
          </tr>
        </tfoot>
      )}
    </table>
  );
});

type RowProps = Omit<AlertQueueProps, 'rows' | 'open' | 'selected'> & { readonly alert: AlertView; readonly selected: boolean };

/**
 * One row, redrawn only when its alert, its selection or the second changes:
 * in a storm most of the queue stays as it was from frame to frame, and alert
 * views are immutable (an unchanged alert is the same object).
 */
const QueueRow = memo(function QueueRow(props: RowProps) {
  const { alert: a, t } = props;
  const due = progressDue(a);
  return (
    <tr
      data-alert={a.id}
      data-status={a.status}
      {...(due ? { 'data-progress-due': 'true' } : {})}
      className={`alerts__row sev-${a.severity}${props.selected ? ' is-selected' : ''}${a.status === 'escalated' || due ? ' is-escalated' : ''}`}
      onClick={() => props.onSelect(a.id)}
      aria-selected={props.selected}
    >
      <td>
        <span className={`sev-dot sev-${a.severity}`} /> {t(`alerts.severity.${a.severity}`)}
        {a.mode === 'DRILL' && <span className="badge alerts__drill">{t('alerts.drill')}</span>}
      </td>
      <td>
        {props.typeName(a.type)}
        {a.conflictOf !== undefined && <span className="badge alerts__flag-badge" data-flag="conflict">{t('alerts.conflictBadge')}</span>}
        {deviceClockOffset(a, props.clockToleranceSec) !== undefined && (
          <span className="badge alerts__flag-badge" data-flag="device-clock">
            {t('alerts.clockBadge')}
          </span>
        )}
      </td>
      <td>{props.zoneName(a.zone)}</td>
      <td className="alerts__age">{props.duration(props.now - a.raisedAt)}</td>
      <td className={`alerts__status st-${a.status}`}>{t(`alerts.status.${a.status}`)}</td>
      <NextStep alert={a} targets={props.targetsOf(a.severity, a.type)} now={props.now} duration={props.duration} t={t} />
    </tr>
  );
});

/** The step due next with its countdown, red once overdue (an acknowledged alarm still has a plan to start). */
function NextStep(props: { alert: AlertView; targets: ResolvedTargets | undefined; now: number; duration: (ms: number) => string; t: AlertQueueProps['t'] }) {
  const next = props.targets ? nextDue(countdowns(props.alert, props.targets, props.now)) : undefined;
  if (!next) return <td className="alerts__next" />;
  const time = props.duration(Math.abs(next.remainingMs));
  return (
    <td className={`alerts__next${next.overdue ? ' is-overdue' : ''}`} data-step={next.step} data-overdue={next.overdue}>
      {props.t(`alerts.step.${next.step}`)} · {next.overdue ? props.t('alerts.overdue', { time }) : props.t('alerts.due', { time })}
    </td>
  );
}

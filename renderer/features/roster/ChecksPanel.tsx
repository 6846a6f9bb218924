import { localize } from '../../../shared/i18n';
import type { DueState } from '../../../shared/roster/schedule';
import type { Roster } from '../../../shared/site/roster';
import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { nameOf } from './names';
import { formatCountdown } from '../../../shared/time/format';

/** Every check for every subject, worst first, with a live countdown. */
export function ChecksPanel(props: { roster: Roster; states: readonly DueState[]; now: number }) {
  const t = useT();
  const locale = useConsole((s) => s.settings.locale);
  const checkName = (id: string): string => {
    const c = props.roster.checks.find((x) => x.id === id);
    return c ? localize(c.name, locale) : id;
  };
  return (
    <section className="panel roster__checks">
      <h2 className="panel__title">{t('roster.checks')}</h2>
      {props.states.length === 0 && <p className="muted roster__pad">{t('roster.noChecks')}</p>}
      <table className="roster__table">
        <tbody>
          {props.states.map((s) => (
            <tr key={`${s.checkId}|${s.subject}`} className={`roster__check is-${s.stage}`} data-testid="check-row" data-check={s.checkId} data-subject={s.subject} data-stage={s.stage}>
              <td>{checkName(s.checkId)}</td>
              <td>{nameOf(props.roster, s.device ?? s.person, locale)}</td>
              <td className="roster__stage">
                {t(`roster.stage.${s.stage}`)}
                {s.failed !== undefined && <span className="muted"> · {t(`roster.result.${s.failed}`)}</span>}
              </td>
              <td className="roster__count">
                {s.stage === 'overdue' ? t('roster.overdueFor', { time: formatCountdown(props.now - s.overdueAt, locale) }) : t('roster.dueIn', { time: formatCountdown(s.dueAt - props.now, locale) })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Overdue checks with their escalation: the step due now, the ones done, and the acknowledgement. */
export function EscalationsPanel(props: { roster: Roster; states: readonly DueState[] }) {
  const t = useT();
  const ackEscalation = useConsole((s) => s.ackEscalation);
  const locale = useConsole((s) => s.settings.locale);
  const overdue = props.states.filter((s) => s.escalation !== undefined);
  return (
    <section className="panel roster__escalations">
      <h2 className="panel__title">{t('roster.escalations')}</h2>
      {overdue.length === 0 && <p className="muted roster__pad">{t('roster.noEscalations')}</p>}
      <ul className="roster__list">
        {overdue.map((s) => {
          const e = s.escalation;
          if (!e) return null;
          return (
            <li key={e.id} data-testid="escalation" data-check={s.checkId} data-subject={s.subject} className={e.acked ? 'is-acked' : 'is-open'}>
              <strong>{nameOf(props.roster, s.device ?? s.person, locale)}</strong> · {s.checkId}
              <ol className="roster__steps">
                {e.steps.map((step) => (
                  <li key={step.index} className={step.index === e.current && !e.acked ? 'is-current' : step.index < e.current ? 'is-done' : ''} data-step={step.index}>
                    {t('roster.escalationStep', {
                      n: step.index + 1,
                      kind: t(`roster.escalationKind.${step.kind}`),
                      target: nameOf(props.roster, step.target, locale),
                      method: t(`roster.method.${step.method}`),
                      route: step.route,
                    })}
                  </li>
                ))}
              </ol>
              {e.acked ? (
                <span className="muted">{t('roster.acked', { name: nameOf(props.roster, e.acked.by, locale) })}</span>
              ) : (
                <button type="button" className="button button--primary" data-testid="ack-escalation" onClick={() => void ackEscalation(e.id)}>
                  {t('roster.ack')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

import { useMemo, useState } from 'react';
import { orderedLadder, routeText } from '../../../shared/roster/schedule';
import { holds } from '../../../shared/access/roles';
import { alertList, isOpen, progressDue, type AlertView } from '../../../shared/state/alertsDomain';
import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { nameOf, QuickCall, useRoster } from '../roster';
import { useAlertNames } from './useAlertNames';
import './alerts.css';

/**
 * Alarms escalated to the supervisor role (not acknowledged in time) and
 * alarms re-alerted for want of progress, on every desk where a supervisor
 * is signed in, with the roster's supervisor on duty and the rungs of their
 * contact ladder to call. Nothing elsewhere, or when nothing is escalated.
 */
export function SupervisorBanner() {
  const supervisorHere = useConsole((s) => s.session?.people.some((p) => holds(p.role, 'supervisor')) ?? false);
  const alerts = useConsole((s) => s.siteState.alerts);
  const locale = useConsole((s) => s.settings.locale);
  const roster = useRoster();
  const site = useConsole((s) => s.bootstrap?.site);
  const names = useAlertNames(site, locale);
  const t = useT();
  const escalated = useMemo(() => alertList(alerts).filter((a) => isOpen(a) && ((a.status === 'escalated' && a.escalatedTo !== undefined) || progressDue(a))), [alerts]);
  if (!supervisorHere || escalated.length === 0) return null;
  return (
    <div className="supervisor-banner" role="alert" data-testid="supervisor-escalations" data-count={escalated.length}>
      <strong>{t('supervisor.title', { count: escalated.length })}</strong>
      <ul>
        {escalated.slice(0, 5).map((a) => (
          <li key={a.id} data-alert={a.id} data-reason={progressDue(a) ? 'progress' : 'acknowledge'}>
            <span className={`sev-dot sev-${a.severity}`} /> {names.typeName(a.type)} · {names.zoneName(a.zone)} —{' '}
            {progressDue(a) ? t('supervisor.noProgress') : t('supervisor.notAcknowledged')}
            <Ladder alert={a} roster={roster} locale={locale} why={`${names.typeName(a.type)} · ${names.zoneName(a.zone)}: ${progressDue(a) ? t('supervisor.noProgress') : t('supervisor.notAcknowledged')}`} />
          </li>
        ))}
        {escalated.length > 5 && <li className="muted">{t('supervisor.more', { count: escalated.length - 5 })}</li>}
      </ul>
    </div>
  );
}

function Ladder(props: { alert: AlertView; roster: ReturnType<typeof useRoster>; locale: Parameters<typeof nameOf>[2]; why: string }) {
  const t = useT();
  const [calling, setCalling] = useState(false);
  const person = props.alert.escalatedTo?.person;
  if (person === undefined) return <span className="muted"> · {t('supervisor.noneOnDuty')}</span>;
  const ladder = props.roster?.people.find((p) => p.id === person)?.ladder ?? [];
  return (
    <span className="supervisor-banner__ladder" data-person={person}>
      {' · '}
      {t('supervisor.call', { name: nameOf(props.roster, person, props.locale) })}{' '}
      {orderedLadder(ladder)
        .map((r) => `${t(`roster.method.${r.method}`)} ${routeText(r, props.locale)}`)
        .join(' → ')}{' '}
      {/* The call is logged as a contact attempt, with the escalation as its reason. */}
      <button type="button" className="button button--small" data-testid="supervisor-call" aria-expanded={calling} onClick={() => setCalling(!calling)}>
        {t('alerts.plan.call')}
      </button>
      {calling && <QuickCall contact={person} why={props.why} />}
    </span>
  );
}

import { localize } from '../../../shared/i18n';
import { orderedLadder, routeText } from '../../../shared/roster/schedule';
import type { ContactRoute, Roster } from '../../../shared/site/roster';
import type { RosterState } from '../../../shared/state/rosterDomain';
import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { formatTime } from '../../ui/format';
import { nameOf } from './names';
import { routesForDisplay } from './rosterView';

function Route(props: { route: ContactRoute }) {
  const t = useT();
  const locale = useConsole((s) => s.settings.locale);
  const r = props.route;
  return (
    <li className={`roster__route roster__route--${r.method}`} data-method={r.method}>
      <span className="roster__method">{t(`roster.method.${r.method}`)}</span> <span className="muted">{t(`roster.rank.${r.rank}`)}</span> <span className="roster__num">{routeText(r, locale)}</span>
    </li>
  );
}

/** People with their ladders, external contacts, and the comms devices; network down puts radio and satellite first. */
export function PeoplePanel(props: { roster: Roster; state: RosterState; down: boolean; onDuty: readonly string[] }) {
  const t = useT();
  const recordDeviceTest = useConsole((s) => s.recordDeviceTest);
  const locale = useConsole((s) => s.settings.locale);
  const tz = useConsole((s) => s.bootstrap?.site.timezone);
  return (
    <section className="panel roster__people">
      <h2 className="panel__title">{t('roster.people')}</h2>
      <ul className="roster__list">
        {props.roster.people.map((p) => (
          <li key={p.id} data-testid="person" data-person={p.id} className={props.onDuty.includes(p.id) ? 'is-on-duty' : ''}>
            <strong>{localize(p.name, locale)}</strong> <span className="muted">{p.role}</span>
            <ul className="roster__ladder">
              {routesForDisplay(orderedLadder(p.ladder), props.down).map((r) => (
                <Route key={`${r.rank}-${r.method}`} route={r} />
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <h2 className="panel__title">{t('roster.units')}</h2>
      <ul className="roster__list">
        {props.roster.units.map((u) => (
          <li key={u.id} data-testid="unit" data-unit={u.id}>
            <strong>{localize(u.name, locale)}</strong>
            <ul className="roster__ladder">
              {routesForDisplay(orderedLadder(u.ladder), props.down).map((r) => (
                <Route key={`${r.rank}-${r.method}`} route={r} />
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <h2 className="panel__title">{t('roster.equipment')}</h2>
      <ul className="roster__list">
        {props.roster.equipment.map((e) => {
          const test = props.state.tests[e.id];
          return (
            <li key={e.id} data-testid="device" data-device={e.id}>
              <strong>{e.label}</strong> <span className="muted">{t('roster.keeper', { name: nameOf(props.roster, e.keeper, locale) })}</span>{' '}
              {test?.lastPass !== undefined ? <span className="muted">{t('roster.lastTest', { date: formatTime(test.lastPass, locale, tz, true) })}</span> : e.lastTestAt ? <span className="muted">{t('roster.lastTest', { date: e.lastTestAt })}</span> : null}{' '}
              {e.simExpiry && <span className="muted">{t('roster.simExpiry', { date: e.simExpiry })}</span>}{' '}
              <button type="button" className="button button--small" onClick={() => void recordDeviceTest(e.id, 'pass')}>
                {t('roster.testPass')}
              </button>{' '}
              <button type="button" className="button button--small" onClick={() => void recordDeviceTest(e.id, 'fail')}>
                {t('roster.testFail')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

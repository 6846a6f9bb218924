import { localize } from '../../shared/i18n';
import { AlarmTone, AttentionCounts, DutyLevelBadge } from '../features/alerts';
import { ConnectionBadge } from '../features/connection';
import { IntegrityBadge } from '../features/journal';
import { OnDuty } from '../features/operator';
import { PeersBadge } from '../features/sitestate';
import { SessionStrip } from '../features/session';
import { LanguageSwitch } from '../features/settings';
import { useT } from '../i18n/useT';
import { Clock } from '../ui/Clock';
import type { Route } from './routes';
import { useConsole } from './StoreContext';

/** Site, station, connection, language and clock: the same strip on every view. */
export function TopBar(props: { route: Route; interactive: boolean }) {
  const site = useConsole((s) => s.bootstrap?.site);
  const locale = useConsole((s) => s.settings.locale);
  const station = useConsole((s) => s.bootstrap?.console.station);
  const t = useT();
  // A desk's own wall window leaves the sound to the desk; a wall station is a console of its own and sounds.
  const wallStationTone = props.route.view === 'wall' && station === 'wall';
  const stationKey = props.route.view === 'desk' ? 'station.desk' : props.route.view === 'wall' ? 'station.wall' : 'station.replay';
  return (
    <header className="topbar">
      <div className="topbar__title">
        <strong>{site ? localize(site.name, locale) : t('app.title')}</strong>
        <span className="topbar__station">{t(stationKey)}</span>
        {site?.demo && <span className="badge badge--demo">{t('site.demo')}</span>}
      </div>
      {props.interactive && (
        <nav className="topbar__nav">
          <a href="#/desk" className={props.route.view === 'desk' ? 'is-active' : undefined}>
            {t('nav.desk')}
          </a>
          <a href="#/wall/1" className={props.route.view === 'wall' ? 'is-active' : undefined}>
            {t('nav.wall')}
          </a>
          <a href="#/replay" className={props.route.view === 'replay' ? 'is-active' : undefined}>
            {t('nav.replay')}
          </a>
        </nav>
      )}
      <div className="topbar__right">
        <AttentionCounts link={props.interactive} />
        {props.interactive && props.route.view === 'desk' && <AlarmTone />}
        {wallStationTone && <AlarmTone controls={false} />}
        {props.interactive && <SessionStrip />}
        <OnDuty />
        <DutyLevelBadge interactive={props.interactive && props.route.view === 'desk'} />
        <IntegrityBadge compact />
        <PeersBadge />
        <ConnectionBadge />
        {props.interactive && <LanguageSwitch />}
        <Clock locale={locale} {...(site ? { timeZone: site.timezone } : {})} large={!props.interactive} />
      </div>
    </header>
  );
}

import { eventsOfZone } from '../../../shared/heatmap/counts';
import type { HeatEvent } from '../../../shared/heatmap/types';
import type { Zone } from '../../../shared/site/schema';
import { useLocalize, useT } from '../../i18n/useT';
import { useTimeContext } from '../../ui/useTimeContext';
import { formatInstant } from '../../../shared/time/format';

/** The small list a zone click opens: that zone's alerts in the window, newest first. */
export function ZoneEvents(props: { zone: Zone; events: readonly HeatEvent[]; onClose: () => void }) {
  const t = useT();
  const localize = useLocalize();
  const time = useTimeContext();
  const list = eventsOfZone(props.events, props.zone, 30);
  const name = localize(props.zone.name);
  return (
    <aside className="zoneevents" data-testid="zone-events" data-zone={props.zone.id} aria-label={t('floor.zoneEvents', { zone: name })}>
      <header>
        <strong>{t('floor.zoneEvents', { zone: name })}</strong>
        <button type="button" className="chip" onClick={props.onClose}>
          {t('floor.close')}
        </button>
      </header>
      {list.length === 0 ? (
        <p>{t('floor.zoneEventsNone')}</p>
      ) : (
        <ul>
          {list.map((e, i) => (
            <li key={`${e.at}-${i}`} className={`zoneevents__item is-${e.severity}`}>
              <span className={`sev sev--${e.severity}`}>{t(`heat.severity.${e.severity}` as const)}</span>{' '}
              {e.label ? <span>{e.label} </span> : null}
              <time dateTime={new Date(e.at).toISOString()}>{formatInstant(e.at, time, 'dayTime')}</time>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}

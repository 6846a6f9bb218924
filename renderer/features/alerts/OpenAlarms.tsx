import { useMemo } from 'react';
import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { openQueue } from './queue';
import { useAlertNames } from './useAlertNames';

const SHOWN = 8;

/**
 * The open alarms, most severe first, read-only: what a locked desk keeps
 * showing (the site state keeps updating through the lock: 'display' reads).
 */
export function OpenAlarms() {
  const t = useT();
  const alerts = useConsole((s) => s.siteState.alerts);
  const site = useConsole((s) => s.bootstrap?.site);
  const locale = useConsole((s) => s.settings.locale);
  const names = useAlertNames(site, locale);
  const queue = useMemo(() => openQueue(alerts, SHOWN), [alerts]);
  return (
    <section className="open-alarms" data-testid="open-alarms" aria-live="assertive">
      <h3>{queue.open > 0 ? t('session.lock.alarms', { count: queue.open }) : t('session.lock.noAlarms')}</h3>
      <ul>
        {queue.rows.map((a) => (
          <li key={a.id} data-alert={a.id} className={`sev-${a.severity}`}>
            <span className={`sev-dot sev-${a.severity}`} /> {names.typeName(a.type)} · {names.zoneName(a.zone)} · {names.time(a.raisedAt)} · {t(`alerts.status.${a.status}`)}
          </li>
        ))}
      </ul>
    </section>
  );
}

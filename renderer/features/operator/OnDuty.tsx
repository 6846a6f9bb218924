import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { actorName, formatTime } from '../../ui/format';

/** Who holds the desk according to the journal's last handover (交接班). */
export function OnDuty() {
  const t = useT();
  const onDuty = useConsole((s) => s.siteState.duty.onDuty);
  const site = useConsole((s) => s.bootstrap?.site);
  const locale = useConsole((s) => s.settings.locale);
  if (!onDuty) return null;
  return (
    <span className="onduty" data-testid="on-duty">
      {t('duty.onDuty', { name: actorName(site, onDuty.officer, locale), time: formatTime(onDuty.since, locale, site?.timezone, false) })}
    </span>
  );
}

import { onDuty } from '../../../shared/state/journalDomain';
import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { actorName, formatTime } from '../../ui/format';

/** Who is on duty: the people signed in at this console (the journal's operator.signedIn/signedOut). */
export function OnDuty() {
  const t = useT();
  const duty = useConsole((s) => s.siteState.duty);
  const consoleId = useConsole((s) => s.bootstrap?.console.id);
  const site = useConsole((s) => s.bootstrap?.site);
  const locale = useConsole((s) => s.settings.locale);
  const people = onDuty(duty, consoleId);
  const first = people[0];
  if (!first) return null;
  return (
    <span className="onduty" data-testid="on-duty">
      {t('duty.onDuty', { name: people.map((p) => actorName(site, p.account, locale)).join(' · '), time: formatTime(first.since, locale, site?.timezone, false) })}
    </span>
  );
}

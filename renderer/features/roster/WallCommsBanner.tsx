import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { nameOf } from './names';
import { useOverdueChecks } from './useOverdueChecks';
import { useRoster } from './useRoster';
import './roster.css';

/** A compact overdue banner for the wall: who has not answered a comms check in time. Nothing when all is well. */
export function WallCommsBanner() {
  const t = useT();
  const locale = useConsole((s) => s.settings.locale);
  const roster = useRoster();
  const overdue = useOverdueChecks();
  if (!roster || overdue.length === 0) return null;
  const names = [...new Set(overdue.map((s) => nameOf(roster, s.device ?? s.person, locale)))];
  return (
    <div className="wall-comms" role="alert" data-testid="wall-comms-banner" data-count={overdue.length}>
      {t('roster.wallBanner', { list: names.slice(0, 6).join('、') + (names.length > 6 ? ` +${names.length - 6}` : '') })}
    </div>
  );
}

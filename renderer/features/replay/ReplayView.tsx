import { useT } from '../../i18n/useT';

/**
 * Drill replay station. It replays a recorded journal; until the journal and
 * replay engine land (issues #3 and #7) it states plainly that nothing is open.
 */
export function ReplayView() {
  const t = useT();
  return (
    <main className="replay" data-testid="replay-view">
      <section className="panel replay__empty">
        <h2 className="panel__title">{t('replay.title')}</h2>
        <p>{t('replay.noJournal')}</p>
        <p className="muted">{t('replay.hint')}</p>
      </section>
    </main>
  );
}

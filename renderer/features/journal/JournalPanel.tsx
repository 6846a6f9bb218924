import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { JournalEntry, Mode } from '../../../shared/journal/entry';
import { kindLabels } from '../../../shared/journal/kinds';
import { localize } from '../../../shared/i18n';
import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { useCan } from '../session';
import { Composer } from './Composer';
import { EntryRow } from './EntryRow';
import { useSummaryContext } from './format';
import type { JournalFilter } from './filter';
import { IntegrityBadge } from './IntegrityBadge';
import { JournalTools } from './JournalTools';

const WINDOWS: readonly (number | undefined)[] = [1, 8, 24, 24 * 7, 24 * 30, undefined];

/** The duty journal at the desk: live log with filters and infinite scroll, composer, tools. */
export function JournalPanel() {
  const t = useT();
  const site = useConsole((s) => s.bootstrap?.site);
  const locale = useConsole((s) => s.settings.locale);
  const entries = useConsole((s) => s.journalEntries);
  const filter = useConsole((s) => s.journalFilter);
  const cursor = useConsole((s) => s.journalCursor);
  const loading = useConsole((s) => s.journalLoading);
  const error = useConsole((s) => s.journalError);
  const setFilter = useConsole((s) => s.setJournalFilter);
  const loadMore = useConsole((s) => s.loadMoreJournal);
  // What the person at the keyboard may do here, from the gate's table: observers read, operators write.
  const canRead = useCan('queryJournal');
  const canWrite = useCan('appendEntry');
  const [correcting, setCorrecting] = useState<JournalEntry | undefined>();
  const [text, setText] = useState(filter.text);
  const sentinel = useRef<HTMLLIElement>(null);

  const apply = useCallback((patch: Partial<JournalFilter>) => void setFilter({ ...filter, ...patch }, Date.now()), [filter, setFilter]);

  // First load when the panel opens.
  useEffect(() => {
    void setFilter(filter, Date.now());
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only on mount; later loads follow filter changes
  }, []);

  // Infinite scroll: load the next page when the end of the list comes into view.
  useEffect(() => {
    const node = sentinel.current;
    if (!node || cursor === null) return undefined;
    const observer = new IntersectionObserver((items) => {
      if (items.some((i) => i.isIntersecting) && !loading) void loadMore();
    });
    observer.observe(node);
    return () => observer.disconnect();
  }, [cursor, loading, loadMore]);

  const seqById = useMemo(() => new Map(entries.map((e) => [e.id, e.seq])), [entries]);
  const summary = useSummaryContext(site, locale);
  const labels = useMemo(() => ({ correct: t('journal.correct'), corrects: t('journal.corrects'), drill: t('journal.drill'), refers: t('journal.refers') }), [t]);

  return (
    <section className="journal" data-testid="journal-panel">
      <header className="journal__head">
        <h2 className="panel__title">{t('journal.title')}</h2>
        <IntegrityBadge />
      </header>
      <JournalTools />
      <form
        className="journal__filters"
        onSubmit={(e) => {
          e.preventDefault();
          apply({ text });
        }}
      >
        <select
          aria-label={t('journal.filter.window')}
          value={filter.windowHours ?? 'all'}
          onChange={(e) => apply({ windowHours: e.target.value === 'all' ? undefined : Number(e.target.value) })}
          name="window"
        >
          {WINDOWS.map((w) => (
            <option key={w ?? 'all'} value={w ?? 'all'}>
              {w === undefined ? t('journal.filter.allTime') : w < 48 ? t('journal.filter.hours', { n: w }) : t('journal.filter.days', { n: w / 24 })}
            </option>
          ))}
        </select>
        <select aria-label={t('journal.filter.kind')} value={filter.kinds[0] ?? ''} onChange={(e) => apply({ kinds: e.target.value ? [e.target.value] : [] })} name="kind">
          <option value="">{t('journal.filter.allKinds')}</option>
          {Object.entries(kindLabels).map(([kind, label]) => (
            <option key={kind} value={kind}>
              {localize(label, locale)}
            </option>
          ))}
        </select>
        <select aria-label={t('journal.filter.mode')} value={filter.mode ?? ''} onChange={(e) => apply({ mode: (e.target.value || undefined) as Mode | undefined })} name="mode">
          <option value="">{t('journal.filter.allModes')}</option>
          <option value="LIVE">{t('journal.live')}</option>
          <option value="DRILL">{t('journal.drill')}</option>
        </select>
        <input type="search" value={text} placeholder={t('journal.filter.search')} onChange={(e) => setText(e.target.value)} name="search" />
        <button type="submit" className="button">
          {t('journal.filter.apply')}
        </button>
      </form>
      {error && canRead && <div className="field__error" role="alert">{error}</div>}
      <ol className="journal__list" data-testid="journal-list">
        {entries.map((entry) => (
          <EntryRow key={entry.id} entry={entry} site={site} locale={locale} refSeq={entry.ref ? seqById.get(entry.ref) : undefined} labels={labels} {...(canWrite ? { onCorrect: setCorrecting } : {})} summary={summary} />
        ))}
        {entries.length === 0 && !loading && <li className="journal__empty">{t('journal.empty')}</li>}
        {cursor !== null && (
          <li ref={sentinel} className="journal__more">
            {t('journal.loadingMore')}
          </li>
        )}
      </ol>
      {canWrite && <Composer correcting={correcting} onDone={() => setCorrecting(undefined)} />}
    </section>
  );
}

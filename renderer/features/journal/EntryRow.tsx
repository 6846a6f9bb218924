import { memo } from 'react';
import type { Locale } from '../../../shared/i18n';
import type { JournalEntry } from '../../../shared/journal/entry';
import type { SummaryContext } from '../../../shared/journal/kinds';
import type { SiteView } from '../../../shared/site/view';
import { actorName, formatTime } from '../../ui/format';
import { entrySummary, kindLabel } from './format';

export interface EntryRowProps {
  readonly entry: JournalEntry;
  readonly site: SiteView | undefined;
  readonly locale: Locale;
  readonly refSeq: number | undefined;
  readonly labels: { readonly correct: string; readonly corrects: string; readonly drill: string; readonly refers?: string };
  readonly onCorrect?: (entry: JournalEntry) => void;
  /** Resolves the ids the entry names (useSummaryContext); without it, names come from the site alone. */
  readonly summary?: SummaryContext;
}

/** One journal entry: time, number, kind, who, what; never editable, only correctable. */
export const EntryRow = memo(function EntryRow({ entry, site, locale, refSeq, labels, onCorrect, summary }: EntryRowProps) {
  const system = entry.kind.startsWith('journal.');
  return (
    <li className={`entry entry--${entry.kind.replace(/\./g, '-')}${entry.mode === 'DRILL' ? ' entry--drill' : ''}`} data-seq={entry.seq} data-kind={entry.kind}>
      <span className="entry__time">{formatTime(entry.occurredAt, locale, site?.timezone, true)}</span>
      <span className="entry__seq">#{entry.seq}</span>
      <span className="entry__kind">
        {kindLabel(entry.kind, locale)}
        {entry.mode === 'DRILL' && <span className="badge badge--drill">{labels.drill}</span>}
      </span>
      <span className="entry__actor">{actorName(site, entry.actor, locale)}</span>
      <span className="entry__text">
        {entry.ref && (
          <span className="entry__ref">
            {(entry.kind === 'correction' ? labels.corrects : (labels.refers ?? '↳ #{seq}')).replace('{seq}', refSeq !== undefined ? String(refSeq) : entry.ref.slice(0, 8))}{' '}
          </span>
        )}
        {entrySummary(entry, site, locale, summary)}
      </span>
      <span>
        {!system && onCorrect && (
          <button type="button" className="button button--small entry__correct" onClick={() => onCorrect(entry)}>
            {labels.correct}
          </button>
        )}
      </span>
    </li>
  );
});

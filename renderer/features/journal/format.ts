import { localize, type Locale } from '../../../shared/i18n';
import { kindLabels } from '../../../shared/journal/kinds';
import type { JournalEntry } from '../../../shared/journal/entry';
import type { SiteView } from '../../../shared/site/view';
import { actorName } from '../../ui/format';

export function kindLabel(kind: string, locale: Locale): string {
  const label = kindLabels[kind];
  return label ? localize(label, locale) : kind;
}

/** One line of an entry for the list: the words that matter for each kind. */
export function entrySummary(entry: JournalEntry, site: SiteView | undefined, locale: Locale): string {
  const p = (entry.payload ?? {}) as Record<string, unknown>;
  const str = (v: unknown): string => (typeof v === 'string' ? v : '');
  switch (entry.kind) {
    case 'handover':
      return `${actorName(site, str(p.outgoing), locale)} → ${actorName(site, str(p.incoming), locale)}: ${str(p.summary)}`;
    case 'patrol':
      return `${str(p.route)} · ${str(p.text)}`;
    case 'journal.checkpoint':
      return `#${String(p.upToSeq ?? '')} ${str(p.headHash).slice(0, 16)}…`;
    case 'journal.segment':
      return p.previous ? str((p.previous as Record<string, unknown>).problem) : '';
    default:
      return str(p.text) || str(p.summary) || str(p.note);
  }
}

import { useMemo } from 'react';
import { localize, type Locale } from '../../../shared/i18n';
import { kindLabels, type SummaryContext } from '../../../shared/journal/kinds';
import type { JournalEntry } from '../../../shared/journal/entry';
import { entrySummary as summarize, summaryContext } from '../../../shared/journal/summary';
import { alertById } from '../../../shared/state/alertsDomain';
import type { SiteView } from '../../../shared/site/view';
import { useConsole } from '../../app/StoreContext';

export function kindLabel(kind: string, locale: Locale): string {
  const label = kindLabels[kind];
  return label ? localize(label, locale) : kind;
}

const contexts = new WeakMap<SiteView, Partial<Record<Locale, SummaryContext>>>();
const siteless: Partial<Record<Locale, SummaryContext>> = {};

/** Names from the site only (alert references stay ids): one context per site view and language. */
export function summaryContextFor(site: SiteView | undefined, locale: Locale): SummaryContext {
  let byLocale = site ? contexts.get(site) : siteless;
  if (!byLocale) {
    byLocale = {};
    if (site) contexts.set(site, byLocale);
  }
  return (byLocale[locale] ??= summaryContext({ site }, locale));
}

/**
 * The context for the journal's rows: one per site view and language, and a
 * new one only when an alert is raised (an alert's type and zone never change
 * afterwards), so the memoised rows do not all render again at every
 * acknowledgement or dispatch.
 */
export function useSummaryContext(site: SiteView | undefined, locale: Locale): SummaryContext {
  const alerts = useConsole((s) => s.siteState.alerts);
  const raised = alerts.raised;
  return useMemo(
    () =>
      summaryContext(
        {
          site,
          alert: (id) => {
            const a = alertById(alerts, id);
            return a ? { type: a.type, zone: a.zone } : undefined;
          },
        },
        locale,
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above: the alerts of a context change only by a raise
    [site, locale, raised],
  );
}

/** One line of an entry for the list, in the operator's language (the kind's registered summary). */
export function entrySummary(entry: JournalEntry, site: SiteView | undefined, locale: Locale, ctx?: SummaryContext): string {
  return summarize(entry, ctx ?? summaryContextFor(site, locale));
}

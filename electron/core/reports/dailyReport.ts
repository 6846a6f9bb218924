import { join } from 'node:path';
import type { DailyReport } from '../../../shared/contract';
import { localize, type Locale } from '../../../shared/i18n';
import type { JournalEntry } from '../../../shared/journal/entry';
import { isKind } from '../../../shared/journal/kinds';
import { isZeroReport, renderDailyReport, type DailyReportAnchor } from '../../../shared/reports/dailyReport';
import type { SiteFile } from '../../../shared/site/schema';
import { dayRange } from '../../../shared/time/zonedDay';
import { identityFile, readIdentity } from '../identity';
import type { JournalService } from '../journal/service';
import { keyFingerprint } from '../journal/signer';
import { writeFileAtomic } from '../support/atomicFile';
import { mkdirPrivate } from '../support/privateFiles';

/** The journal's head and latest signed checkpoint now, and the pinned key's fingerprint (identity file). */
export async function journalAnchor(journal: JournalService, dataDir: string): Promise<DailyReportAnchor> {
  const status = journal.status();
  // Newest first: the latest checkpoint written (the status's lastCheckpointSeq also counts a segment's start).
  const [cp] = (await journal.query({ kinds: ['journal.checkpoint'], limit: 1 })).entries;
  const key = readIdentity(identityFile(dataDir))?.journalKey;
  return {
    headSeq: status.headSeq,
    headHash: status.headHash,
    ...(cp && isKind(cp, 'journal.checkpoint') ? { checkpoint: { seq: cp.seq, upToSeq: cp.payload.upToSeq, headHash: cp.payload.headHash } } : {}),
    ...(key ? { keyFingerprint: keyFingerprint(key) } : {}),
  };
}

/**
 * Builds the daily duty report for a calendar day in the site's time zone
 * and writes it to <dataDir>/reports/daily-<date>-<locale>.html, where the
 * asset router serves it for viewing and printing (Chromium prints to PDF).
 */
export async function writeDailyReport(options: {
  journal: JournalService;
  site: SiteFile;
  consoleId: string;
  date: string;
  locale: Locale;
  dataDir: string;
  now: number;
}): Promise<DailyReport> {
  const { from, to } = dayRange(options.date, options.site.timezone);
  const entries: JournalEntry[] = [];
  // Newest-first pages of the day, reversed: the report reads in time order.
  let beforeSeq: number | undefined;
  for (;;) {
    const page = await options.journal.query({ from, to, limit: 500, ...(beforeSeq ? { beforeSeq } : {}) });
    entries.push(...page.entries);
    if (page.nextBeforeSeq === null) break;
    beforeSeq = page.nextBeforeSeq;
  }
  entries.reverse();
  const names: Record<string, string> = {};
  for (const p of options.site.roster.people) names[p.id] = localize(p.name, options.locale);
  const html = renderDailyReport(
    {
      siteName: localize(options.site.name, options.locale),
      date: options.date,
      timeZone: options.site.timezone,
      consoleId: options.consoleId,
      generatedAt: options.now,
      entries,
      names,
      source: { site: options.site },
      anchor: await journalAnchor(options.journal, options.dataDir),
    },
    options.locale,
  );
  const dir = join(options.dataDir, 'reports');
  mkdirPrivate(dir);
  const name = `daily-${options.date}-${options.locale}.html`;
  const file = join(dir, name);
  writeFileAtomic(file, html);
  return { date: options.date, url: `reports/${name}`, file, zeroReport: isZeroReport(entries), entries: entries.length };
}

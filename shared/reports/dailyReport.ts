import { translate, type Locale, type MessageKey } from '../i18n';
import { isKind, kindLabels } from '../journal/kinds';
import type { JournalEntry } from '../journal/entry';
import { localize } from '../i18n/locale';
import { formatInstant } from '../time/format';
import type { AlertRef } from '../journal/kinds';
import { entrySummary, summaryContext, type SummarySource } from '../journal/summary';

/** Kinds that count as incidents for the zero report; features add theirs. */
export const incidentKinds = new Set<string>(['alert.raised']);

/**
 * What anchors the day on paper: the journal's head and its latest signed
 * checkpoint when the report was made, and the fingerprint of the key that
 * signs it. A later rewrite, cut or older copy of the journal cannot match them.
 */
export interface DailyReportAnchor {
  readonly headSeq: number;
  readonly headHash: string;
  /** The latest journal.checkpoint entry: its own seq, and the entry and hash it signs. */
  readonly checkpoint?: { readonly seq: number; readonly upToSeq: number; readonly headHash: string };
  /** keyFingerprint of the console's pinned journal key. */
  readonly keyFingerprint?: string;
}

export interface DailyReportInput {
  readonly siteName: string;
  readonly date: string;
  readonly timeZone: string;
  readonly consoleId: string;
  readonly generatedAt: number;
  readonly entries: readonly JournalEntry[];
  readonly names: Readonly<Record<string, string>>;
  /** Names for the content column (alert types, zones, people); alerts raised that day are known from the entries. */
  readonly source?: SummarySource;
  readonly anchor?: DailyReportAnchor;
}

export function isZeroReport(entries: readonly JournalEntry[]): boolean {
  return !entries.some(
    (e) => e.mode === 'LIVE' && (incidentKinds.has(e.kind) || (isKind(e, 'patrol') && e.payload.finding === 'issue')),
  );
}

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function anchorSection(anchor: DailyReportAnchor, t: (key: MessageKey, params?: Record<string, string | number>) => string): string {
  const cp = anchor.checkpoint;
  return `<h2>${escape(t('report.anchor'))}</h2>
<div data-report-anchor="true" data-head-seq="${anchor.headSeq}"${cp ? ` data-checkpoint-seq="${cp.seq}"` : ''}>
<p class="meta">${escape(t('report.journalHead', { seq: anchor.headSeq }))}</p>
<p class="hash">${escape(t('report.headHash'))}: ${escape(anchor.headHash)}</p>
${
  cp
    ? `<p class="meta">${escape(t('report.checkpoint', { seq: cp.seq, upTo: cp.upToSeq }))}</p>
<p class="hash">${escape(t('report.checkpointHash'))}: ${escape(cp.headHash)}</p>`
    : `<p class="meta">${escape(t('report.noCheckpoint'))}</p>`
}
${anchor.keyFingerprint ? `<p class="hash">${escape(t('report.signingKey'))}: ${escape(anchor.keyFingerprint)}</p>` : ''}
<p class="meta">${escape(t('report.anchorNote'))}</p>
</div>`;
}

/**
 * The printable daily duty report (值班日报) as a self-contained HTML page:
 * who held the desk, incidents (or the zero report, 零报告), patrols,
 * notes, corrections, the journal range it covers with its hashes, and
 * the journal's head and latest signed checkpoint (the paper witness).
 */
export function renderDailyReport(input: DailyReportInput, locale: Locale): string {
  const t = (key: MessageKey, params?: Record<string, string | number>): string => translate(locale, key, params);
  const live = input.entries.filter((e) => e.mode === 'LIVE');
  const time = (ms: number): string =>
    formatInstant(ms, { locale, timeZone: input.timeZone }, 'minute');
  const who = (actor: string): string => input.names[actor] ?? actor;
  const rows = (kinds: readonly string[]): JournalEntry[] => live.filter((e) => kinds.includes(e.kind));
  const raised = new Map<string, AlertRef>();
  for (const e of input.entries) if (isKind(e, 'alert.raised')) raised.set(e.payload.alertId, { type: e.payload.type, zone: e.payload.zone });
  const ctx = summaryContext({ ...input.source, alert: (id) => raised.get(id) ?? input.source?.alert?.(id) }, locale);
  const line = (e: JournalEntry): string => {
    const text = entrySummary(e, ctx);
    return `<tr><td>${time(e.occurredAt)}</td><td>#${e.seq}</td><td>${escape(localize(kindLabels[e.kind] ?? e.kind, locale))}</td><td>${escape(who(e.actor))}</td><td>${escape(text)}</td></tr>`;
  };
  const table = (list: JournalEntry[]): string =>
    list.length === 0
      ? `<p class="none">${escape(t('report.none'))}</p>`
      : `<table><thead><tr><th>${escape(t('report.col.time'))}</th><th>#</th><th>${escape(t('report.col.kind'))}</th><th>${escape(t('report.col.actor'))}</th><th>${escape(t('report.col.text'))}</th></tr></thead><tbody>${list.map(line).join('')}</tbody></table>`;
  const handovers = rows(['handover']);
  const incidents = live.filter((e) => incidentKinds.has(e.kind) || (isKind(e, 'patrol') && e.payload.finding === 'issue'));
  const zero = incidents.length === 0;
  const first = input.entries[0];
  const last = input.entries[input.entries.length - 1];
  const drills = input.entries.length - live.length;
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><title>${escape(t('report.title'))} ${escape(input.date)}</title>
<style>
  body { font-family: 'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', system-ui, sans-serif; margin: 2rem; color: #111; }
  h1 { font-size: 20px; margin: 0 0 0.25rem; } h2 { font-size: 15px; margin: 1.5rem 0 0.5rem; border-bottom: 1px solid #999; }
  .meta { color: #444; font-size: 12px; } table { width: 100%; border-collapse: collapse; font-size: 12px; }
  th, td { border: 1px solid #bbb; padding: 3px 6px; text-align: left; vertical-align: top; }
  .zero { font-size: 16px; font-weight: 700; border: 2px solid #111; padding: 0.5rem 1rem; display: inline-block; }
  .none { color: #555; font-style: italic; } .hash { font-family: monospace; font-size: 10px; word-break: break-all; }
  @page { size: A4; margin: 15mm; } @media print { body { margin: 0; } }
</style></head><body>
<h1>${escape(t('report.title'))} · ${escape(input.siteName)}</h1>
<div class="meta">${escape(t('report.date'))}: ${escape(input.date)} (${escape(input.timeZone)}) · ${escape(t('report.generated'))}: ${escape(formatInstant(input.generatedAt, { locale, timeZone: input.timeZone }, 'dateTime'))} · ${escape(t('report.console'))}: ${escape(input.consoleId)}</div>
<h2>${escape(t('report.incidents'))}</h2>
${zero ? `<p class="zero" data-zero-report="true">${escape(t('report.zero'))}</p>` : table(incidents)}
<h2>${escape(t('report.handovers'))}</h2>
${table(handovers)}
<h2>${escape(t('report.patrols'))}</h2>
${table(rows(['patrol']))}
<h2>${escape(t('report.notes'))}</h2>
${table(rows(['note', 'correction']))}
<h2>${escape(t('report.integrity'))}</h2>
<p class="meta">${escape(t('report.range', { count: input.entries.length, first: first?.seq ?? '-', last: last?.seq ?? '-', drills }))}</p>
${last ? `<p class="hash">${escape(t('report.headHash'))}: ${escape(last.hash)}</p>` : ''}
${input.anchor ? anchorSection(input.anchor, t) : ''}
<p class="meta">${escape(t('report.signature'))}: ____________________ &nbsp;&nbsp; ${escape(t('report.reviewer'))}: ____________________</p>
</body></html>
`;
}

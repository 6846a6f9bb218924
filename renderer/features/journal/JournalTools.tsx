import { useState } from 'react';
import type { DailyReport, ExportResult } from '../../../shared/contract';
import { formatInstant, fromZonedInput, toZonedInput } from '../../../shared/time/format';
import { dateIn } from '../../../shared/time/zonedDay';
import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { errorText } from '../../ui/errorText';

/** Export a time range (JSONL + manifest), the printable daily report, and re-verification. */
export function JournalTools() {
  const t = useT();
  const exportJournal = useConsole((s) => s.exportJournal);
  const dailyReport = useConsole((s) => s.dailyReport);
  const verify = useConsole((s) => s.verifyJournal);
  const timeZone = useConsole((s) => s.bootstrap?.site.timezone ?? 'UTC');
  const locale = useConsole((s) => s.settings.locale);
  // The fields show and mean the site's wall time, whatever the PC's zone.
  const [from, setFrom] = useState(() => toZonedInput(Date.now() - 24 * 3_600_000, timeZone));
  // Empty "to" is "now" when the export runs: entries written since the page opened are not left out.
  const [to, setTo] = useState('');
  const [range, setRange] = useState<{ from: number; to: number } | undefined>();
  const [date, setDate] = useState(() => dateIn(Date.now(), timeZone));
  const [exported, setExported] = useState<ExportResult | undefined>();
  const [report, setReport] = useState<DailyReport | undefined>();
  const [error, setError] = useState<string | undefined>();

  const run = async (fn: () => Promise<void>): Promise<void> => {
    setError(undefined);
    try {
      await fn();
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <div className="journal-tools">
      <div className="journal-tools__row">
        <label className="field field--inline">
          {t('journal.export.from')} <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} name="exportFrom" />
        </label>
        <label className="field field--inline">
          {t('journal.export.to')} <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} name="exportTo" />
          {to === '' ? <span className="muted">{t('journal.export.now')}</span> : null}
        </label>
        <button type="button" className="button" data-testid="export-button" onClick={() =>
            void run(async () => {
              const fromMs = fromZonedInput(from, timeZone);
              const toMs = to === '' ? Date.now() : fromZonedInput(to, timeZone);
              if (fromMs === undefined || toMs === undefined) throw new Error(t('journal.export.badRange'));
              setExported(await exportJournal(fromMs, toMs));
              setRange({ from: fromMs, to: toMs });
            })
          }
        >
          {t('journal.export.button')}
        </button>
        <label className="field field--inline">
          {t('journal.report.date')} <input type="date" value={date} onChange={(e) => setDate(e.target.value)} name="reportDate" />
        </label>
        <button type="button" className="button" data-testid="report-button" onClick={() => void run(async () => setReport(await dailyReport(date)))}>
          {t('journal.report.button')}
        </button>
        <button type="button" className="button button--quiet" onClick={() => void run(verify)}>
          {t('journal.verify')}
        </button>
      </div>
      {error && <div className="field__error" role="alert">{error}</div>}
      {exported && (
        <div className="journal-tools__result" data-testid="export-result">
          {t('journal.export.done', { count: exported.entries, dir: exported.dir })}{' '}
          {range ? <span data-testid="export-range">{t('journal.export.range', { from: formatInstant(range.from, { locale, timeZone }, 'dateTime'), to: formatInstant(range.to, { locale, timeZone }, 'dateTime') })}</span> : null}{' '}
          <a href={exported.entriesUrl} download>
            entries.jsonl
          </a>{' '}
          ·{' '}
          <a href={exported.manifestUrl} download>
            manifest.json
          </a>
          <div className="hash">SHA-256 {exported.fileSha256}</div>
        </div>
      )}
      {report && <ReportViewer report={report} onClose={() => setReport(undefined)} />}
    </div>
  );
}

/** The report in a frame (it runs no scripts), printable: Chromium's print dialog saves it as PDF. */
function ReportViewer(props: { report: DailyReport; onClose: () => void }) {
  const t = useT();
  const [frame, setFrame] = useState<HTMLIFrameElement | null>(null);
  return (
    <div className="report-viewer" data-testid="report-viewer" data-zero={props.report.zeroReport}>
      <div className="report-viewer__bar">
        <span>{props.report.zeroReport ? t('journal.report.zero') : t('journal.report.entries', { count: props.report.entries })}</span>
        <button type="button" className="button" onClick={() => frame?.contentWindow?.print()}>
          {t('journal.report.print')}
        </button>
        <a className="button button--quiet" href={props.report.url} target="_blank" rel="noreferrer">
          {t('journal.report.open')}
        </a>
        <button type="button" className="button button--quiet" onClick={props.onClose}>
          {t('journal.composer.cancel')}
        </button>
      </div>
      <iframe ref={setFrame} title={t('report.title')} src={props.report.url} sandbox="allow-same-origin allow-modals" />
    </div>
  );
}

import { useState } from 'react';
import type { DrillReportResult } from '../../../shared/contract';
import { lines, parseCorrectiveActions } from '../../../shared/drill/evaluationForm';
import type { DrillRun } from '../../../shared/state/drillDomain';
import { useConsoleApi } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';

/**
 * Review of one finished drill: its after-action report (scored from the
 * journal, printable to PDF) and the evaluator's form, which records a
 * `drill.evaluation` entry; the report shows every evaluation entered.
 */
export function DrillReview(props: { run: DrillRun; replayId?: string }) {
  const t = useT();
  const api = useConsoleApi();
  const [report, setReport] = useState<DrillReportResult | undefined>();
  const [frame, setFrame] = useState<HTMLIFrameElement | null>(null);
  const [form, setForm] = useState(false);
  const [message, setMessage] = useState<string | undefined>();
  const [strengths, setStrengths] = useState('');
  const [improvements, setImprovements] = useState('');
  const [corrective, setCorrective] = useState('');
  const fail = (err: unknown): void => setMessage(err instanceof Error ? err.message : String(err));
  const openReport = (): void => {
    setMessage(undefined);
    api
      .drillReport({ startId: props.run.startId, ...(props.replayId ? { replayId: props.replayId } : {}) })
      .then(setReport)
      .catch(fail);
  };
  const save = (): void => {
    const parsed = parseCorrectiveActions(corrective);
    if (parsed.badLines.length > 0) {
      setMessage(parsed.badLines.map((line) => t('aar.form.badLine', { line })).join(' · '));
      return;
    }
    api
      .appendEntry({
        kind: 'drill.evaluation',
        ref: props.run.startId,
        mode: 'DRILL',
        payload: { strengths: lines(strengths), improvements: lines(improvements), correctiveActions: parsed.actions },
      })
      .then((entry) => {
        setMessage(t('aar.form.saved', { seq: entry.seq }));
        setForm(false);
        if (report) openReport();
      })
      .catch(fail);
  };
  return (
    <div className="drill-review" data-testid={`drill-review-${props.run.startId}`}>
      <div className="drill-review__bar">
        <button type="button" className="button" data-testid="drill-report" onClick={openReport}>
          {t('aar.open')}
        </button>
        <button type="button" className="button button--quiet" data-testid="drill-evaluate" onClick={() => setForm((v) => !v)}>
          {t('aar.evaluate')}
        </button>
        {report && (
          <>
            <span data-testid="drill-score">{t('aar.summary', { passed: report.passed, total: report.total })}</span>
            <button type="button" className="button" onClick={() => frame?.contentWindow?.print()}>
              {t('journal.report.print')}
            </button>
            <a className="button button--quiet" href={report.url} target="_blank" rel="noreferrer" data-testid="drill-report-link">
              {t('journal.report.open')}
            </a>
          </>
        )}
      </div>
      {message && (
        <div role="status" className="muted">
          {message}
        </div>
      )}
      {form && (
        <form
          className="drill-review__form"
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <label className="field">
            <span>{t('aar.form.strengths')}</span>
            <textarea name="strengths" rows={3} value={strengths} onChange={(e) => setStrengths(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('aar.form.improvements')}</span>
            <textarea name="improvements" rows={3} value={improvements} onChange={(e) => setImprovements(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('aar.form.corrective')}</span>
            <textarea name="corrective" rows={3} value={corrective} onChange={(e) => setCorrective(e.target.value)} />
          </label>
          <button type="submit" className="button button--primary" data-testid="drill-evaluation-save">
            {t('aar.form.save')}
          </button>
        </form>
      )}
      {report && <iframe className="drill-review__report" ref={setFrame} title={t('aar.title')} src={report.url} sandbox="allow-same-origin allow-modals" data-testid="drill-report-frame" />}
    </div>
  );
}

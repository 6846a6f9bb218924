import { useState } from 'react';
import type { DrillReportResult } from '../../../shared/contract';
import { lines, parseCorrectiveActions } from '../../../shared/drill/evaluationForm';
import type { DrillRun } from '../../../shared/state/drillDomain';
import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';

/**
 * Review of one finished drill: its after-action report (scored from the
 * journal, printable to PDF) and the evaluator's form, which records a
 * `drill.evaluation` entry; the report shows every evaluation entered.
 */
export function DrillReview(props: { run: DrillRun; replayId?: string }) {
  const t = useT();
  const drillReport = useConsole((s) => s.drillReport);
  const evaluateDrill = useConsole((s) => s.evaluateDrill);
  const error = useConsole((s) => s.drillsError);
  const [report, setReport] = useState<DrillReportResult | undefined>();
  const [frame, setFrame] = useState<HTMLIFrameElement | null>(null);
  const [form, setForm] = useState(false);
  const [message, setMessage] = useState<string | undefined>();
  const [strengths, setStrengths] = useState('');
  const [improvements, setImprovements] = useState('');
  const [corrective, setCorrective] = useState('');
  // Its own notices (saved, a bad line) here; a refusal by the core is the drills slice's last error.
  const [failed, setFailed] = useState(false);
  const openReport = (): void => {
    setMessage(undefined);
    void drillReport(props.run.startId, props.replayId).then((r) => {
      setFailed(r === undefined);
      if (r) setReport(r);
    });
  };
  const save = (): void => {
    const parsed = parseCorrectiveActions(corrective);
    if (parsed.badLines.length > 0) {
      setFailed(false);
      setMessage(parsed.badLines.map((line) => t('aar.form.badLine', { line })).join(' · '));
      return;
    }
    void evaluateDrill(props.run.startId, { strengths: lines(strengths), improvements: lines(improvements), correctiveActions: parsed.actions }).then((entry) => {
      setFailed(entry === undefined);
      if (!entry) return;
      setMessage(t('aar.form.saved', { seq: entry.seq }));
      setForm(false);
      if (report) openReport();
    });
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
      {(failed ? error : message) && (
        <div role="status" className="muted">
          {failed ? error : message}
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

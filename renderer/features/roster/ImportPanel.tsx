import { useState } from 'react';
import type { RosterImportResult } from '../../../shared/roster/contract';
import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';

/** CSV import (all or nothing, every problem listed), CSV export, and the printable roster. */
export function ImportPanel() {
  const t = useT();
  const importRosterCsv = useConsole((s) => s.importRosterCsv);
  const exportRosterCsv = useConsole((s) => s.exportRosterCsv);
  const printRoster = useConsole((s) => s.printRoster);
  const [result, setResult] = useState<RosterImportResult | undefined>();
  const [download, setDownload] = useState<string | undefined>();
  const [printUrl, setPrintUrl] = useState<string | undefined>();
  const [frame, setFrame] = useState<HTMLIFrameElement | null>(null);

  const onFile = async (file: File): Promise<void> => {
    const imported = await importRosterCsv(await file.text());
    if (imported) setResult(imported);
  };
  const onExport = async (): Promise<void> => {
    const csv = await exportRosterCsv();
    if (csv === undefined) return;
    if (download) URL.revokeObjectURL(download);
    setDownload(URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' })));
  };
  return (
    <section className="panel">
      <h2 className="panel__title">{t('roster.import')}</h2>
      <div className="roster__pad roster__row">
        <label className="field">
          {t('roster.importFile')}
          <input type="file" accept=".csv,text/csv" data-testid="roster-import" onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void onFile(file);
            e.target.value = '';
          }} />
        </label>
        <button type="button" className="button" data-testid="roster-export" onClick={() => void onExport()}>
          {t('roster.export')}
        </button>
        {download && (
          <a href={download} download="roster.csv" data-testid="roster-export-link">
            roster.csv
          </a>
        )}
        <button type="button" className="button" data-testid="roster-print" onClick={() => void printRoster().then((url) => url !== undefined && setPrintUrl(url))}>
          {t('roster.print')}
        </button>
        {printUrl && (
          <>
            <button type="button" className="button button--primary" onClick={() => frame?.contentWindow?.print()}>
              {t('journal.report.print')}
            </button>
            <a href={printUrl} target="_blank" rel="noreferrer" data-testid="roster-print-link">
              {t('roster.printReady')}
            </a>
          </>
        )}
      </div>
      {printUrl && <iframe ref={setFrame} className="roster__print" title={t('roster.printReady')} src={printUrl} sandbox="allow-same-origin allow-modals" />}
      {result?.imported === true && (
        <p role="status" className="roster__pad" data-testid="import-ok">
          {t('roster.imported', { rows: result.rows })}
        </p>
      )}
      {result?.imported === false && (
        <div className="roster__pad" role="alert" data-testid="import-failed">
          <strong>{t('roster.importFailed', { count: result.errors.length })}</strong>
          <ul>
            {result.errors.map((e, i) => (
              <li key={i} data-testid="import-error" data-line={e.line} data-field={e.field}>
                {t('roster.importLine', { line: e.line, field: e.field, message: e.message })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

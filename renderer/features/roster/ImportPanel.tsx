import { useState } from 'react';
import { localize } from '../../../shared/i18n';
import type { RosterImportPreview, RosterImportResult } from '../../../shared/roster/contract';
import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { decodeCsvBytes, type CsvEncoding } from './csvEncoding';
import { ImportPreview, ImportProblems } from './ImportPreview';

/**
 * CSV import: the file is read in whatever encoding the spreadsheet saved it
 * (a conversion is said), checked, and its changes shown before anything is
 * applied (all or nothing, every problem listed); CSV export; the printable roster.
 */
export function ImportPanel() {
  const t = useT();
  const locale = useConsole((s) => s.settings.locale);
  const previewRosterCsv = useConsole((s) => s.previewRosterCsv);
  const importRosterCsv = useConsole((s) => s.importRosterCsv);
  const exportRosterCsv = useConsole((s) => s.exportRosterCsv);
  const printRoster = useConsole((s) => s.printRoster);
  const [result, setResult] = useState<RosterImportResult | undefined>();
  const [pending, setPending] = useState<{ text: string; encoding: CsvEncoding; preview: RosterImportPreview } | undefined>();
  const [unreadable, setUnreadable] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [download, setDownload] = useState<string | undefined>();
  const [printUrl, setPrintUrl] = useState<string | undefined>();
  const [frame, setFrame] = useState<HTMLIFrameElement | null>(null);

  const onFile = async (file: File): Promise<void> => {
    setResult(undefined);
    setPending(undefined);
    const decoded = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()));
    setUnreadable(decoded.ok ? undefined : decoded.message);
    if (!decoded.ok) return;
    const preview = await previewRosterCsv(decoded.text);
    if (!preview) return;
    setPending({ text: decoded.text, encoding: decoded.encoding, preview });
  };
  const onApply = async (): Promise<void> => {
    if (!pending) return;
    setBusy(true);
    try {
      const imported = await importRosterCsv(pending.text);
      if (imported) {
        setResult(imported);
        setPending(undefined);
      }
    } finally {
      setBusy(false);
    }
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
      {unreadable !== undefined && (
        <p className="roster__pad field__error" role="alert" data-testid="import-unreadable">
          {t('roster.encoding.unreadable', { message: unreadable })}
        </p>
      )}
      {pending && (pending.encoding === 'gb18030' || pending.encoding.startsWith('utf-16')) && (
        <p className="roster__pad" role="status" data-testid="import-converted" data-encoding={pending.encoding}>
          {t('roster.encoding.converted', { encoding: pending.encoding === 'gb18030' ? 'GBK/GB18030' : 'UTF-16' })}
        </p>
      )}
      {pending && (
        <ImportPreview
          preview={pending.preview}
          name={(id) => {
            const name = pending.preview.ok ? pending.preview.names[id] : undefined;
            return name ? localize(name, locale) : id;
          }}
          busy={busy}
          t={t}
          onApply={() => void onApply()}
          onCancel={() => setPending(undefined)}
        />
      )}
      {result?.imported === true && (
        <p role="status" className="roster__pad" data-testid="import-ok">
          {t('roster.imported', { rows: result.rows })}
        </p>
      )}
      {result?.imported === false && <ImportProblems errors={result.errors} t={t} />}
    </section>
  );
}

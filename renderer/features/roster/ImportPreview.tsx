import type { RosterImportPreview } from '../../../shared/roster/contract';
import type { CsvRowError } from '../../../shared/roster/csv';
import type { MessageKey, MessageParams } from '../../../shared/i18n';

type T = (key: MessageKey, params?: MessageParams) => string;

/** Every problem of a roster file at once, by line and field (nothing was imported). */
export function ImportProblems(props: { errors: readonly CsvRowError[]; t: T }) {
  const { t } = props;
  return (
    <div className="roster__pad" role="alert" data-testid="import-failed">
      <strong>{t('roster.importFailed', { count: props.errors.length })}</strong>
      <ul>
        {props.errors.map((e, i) => (
          <li key={i} data-testid="import-error" data-line={e.line} data-field={e.field}>
            {t('roster.importLine', { line: e.line, field: e.field, message: e.message })}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** What an import would change, checked before anything is applied; every problem at once when it cannot be. */
export function ImportPreview(props: {
  preview: RosterImportPreview;
  name: (personId: string) => string;
  busy: boolean;
  t: T;
  onApply: () => void;
  onCancel: () => void;
}) {
  const { preview, t } = props;
  if (!preview.ok) return <ImportProblems errors={preview.errors} t={t} />;
  const list = (key: 'added' | 'removed' | 'changed', title: MessageKey) =>
    preview[key].length === 0 ? null : (
      <div data-testid={`preview-${key}`}>
        <strong>{t(title, { count: preview[key].length })}</strong>
        <ul>
          {preview[key].map((id) => (
            <li key={id} data-person={id}>
              {props.name(id)}
            </li>
          ))}
        </ul>
      </div>
    );
  return (
    <div className="roster__pad roster__preview" data-testid="import-preview">
      <strong>{t('roster.preview.title', { rows: preview.rows })}</strong>
      {list('added', 'roster.preview.added')}
      {list('removed', 'roster.preview.removed')}
      {list('changed', 'roster.preview.changed')}
      <p className="muted">{t('roster.preview.unchanged', { count: preview.unchanged })}</p>
      {preview.warnings.length > 0 && <p className="field__error">{t('roster.preview.warnings', { count: preview.warnings.length })}</p>}
      <div className="roster__row">
        <button type="button" className="button button--primary" data-testid="import-apply" disabled={props.busy} onClick={props.onApply}>
          {t('roster.preview.apply')}
        </button>
        <button type="button" className="button button--quiet" onClick={props.onCancel}>
          {t('roster.preview.cancel')}
        </button>
      </div>
    </div>
  );
}

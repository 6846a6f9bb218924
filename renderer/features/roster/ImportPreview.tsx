import type { RosterImportPreview } from '../../../shared/roster/contract';
import type { MessageKey, MessageParams } from '../../../shared/i18n';

/** What an import would change, checked before anything is applied; every problem at once when it cannot be. */
export function ImportPreview(props: {
  preview: RosterImportPreview;
  name: (personId: string) => string;
  busy: boolean;
  t: (key: MessageKey, params?: MessageParams) => string;
  onApply: () => void;
  onCancel: () => void;
}) {
  const { preview, t } = props;
  if (!preview.ok) {
    return (
      <div className="roster__pad" role="alert" data-testid="import-failed">
        <strong>{t('roster.importFailed', { count: preview.errors.length })}</strong>
        <ul>
          {preview.errors.map((e, i) => (
            <li key={i} data-testid="import-error" data-line={e.line} data-field={e.field}>
              {t('roster.importLine', { line: e.line, field: e.field, message: e.message })}
            </li>
          ))}
        </ul>
      </div>
    );
  }
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

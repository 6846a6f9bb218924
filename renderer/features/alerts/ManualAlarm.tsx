import { useState } from 'react';
import { localize, type Locale, type MessageKey, type MessageParams } from '../../../shared/i18n';
import type { SiteView } from '../../../shared/site/view';
import { severities, type Severity } from '../../../shared/domain/severity';

export interface ManualReport {
  readonly type: string;
  readonly zone: string;
  readonly severity?: Severity;
  readonly via: 'phone' | 'radio' | 'in-person';
  readonly reporter: string;
  readonly note?: string;
}

const VIA = ['phone', 'radio', 'in-person'] as const;

/** An alarm reported by phone, radio or in person, entered at the desk: the site's types and zones to choose from, who reported it. */
export function ManualAlarm(props: { site: SiteView; locale: Locale; onSubmit: (report: ManualReport) => void; onCancel: () => void; t: (key: MessageKey, params?: MessageParams) => string }) {
  const { site, locale, t } = props;
  const [type, setType] = useState('');
  const [zone, setZone] = useState('');
  const [severity, setSeverity] = useState<Severity | ''>('');
  const [via, setVia] = useState<ManualReport['via']>('phone');
  const [reporter, setReporter] = useState('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const submit = (): void => {
    if (!type) return setProblem(t('alerts.manual.needType'));
    if (!zone) return setProblem(t('alerts.manual.needZone'));
    if (!reporter.trim()) return setProblem(t('alerts.manual.needReporter'));
    setProblem(undefined);
    props.onSubmit({ type, zone, ...(severity ? { severity } : {}), via, reporter: reporter.trim(), ...(note.trim() ? { note: note.trim() } : {}) });
  };
  return (
    <form
      className="alerts__prompt alerts__close"
      data-testid="manual-alarm"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <strong>{t('alerts.manual.title')}</strong>
      <label>
        {t('alerts.col.type')}
        <select name="manual-type" value={type} onChange={(e) => setType(e.target.value)} autoFocus>
          <option value="">—</option>
          {site.alertTypes.map((x) => (
            <option key={x.code} value={x.code}>
              {localize(x.name, locale)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('alerts.col.zone')}
        <select name="manual-zone" value={zone} onChange={(e) => setZone(e.target.value)}>
          <option value="">—</option>
          {site.zones.map((z) => (
            <option key={z.id} value={z.id}>
              {localize(z.name, locale)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('alerts.col.severity')}
        <select name="manual-severity" value={severity} onChange={(e) => setSeverity(e.target.value as Severity | '')}>
          <option value="">{t('alerts.manual.severityOfType')}</option>
          {severities.map((s) => (
            <option key={s} value={s}>
              {t(`alerts.severity.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>{t('alerts.manual.via')}</legend>
        {VIA.map((v) => (
          <label key={v} className="alerts__close-code">
            <input type="radio" name="manual-via" value={v} checked={via === v} onChange={() => setVia(v)} /> {t(`alerts.manual.via.${v}`)}
          </label>
        ))}
      </fieldset>
      <label>
        {t('alerts.manual.reporter')}
        <input name="manual-reporter" value={reporter} onChange={(e) => setReporter(e.target.value)} />
      </label>
      <label>
        {t('alerts.close.commentOptional')}
        <textarea name="manual-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      {problem && (
        <div className="field__error" role="alert" data-testid="manual-alarm-problem">
          {problem}
        </div>
      )}
      <button type="submit" className="button button--primary">
        {t('alerts.manual.submit')}
      </button>
      <button type="button" className="button button--quiet" onClick={props.onCancel}>
        {t('alerts.prompt.cancel')}
      </button>
    </form>
  );
}

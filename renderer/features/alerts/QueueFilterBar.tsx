import { memo } from 'react';
import { severities, type Severity } from '../../../shared/domain/severity';
import type { MessageKey, MessageParams } from '../../../shared/i18n';
import type { AlertStatus } from '../../../shared/state/alertsDomain';
import { isFiltered, NO_FILTER, type QueueFilter } from './queue';

const OPEN_STATUSES: readonly AlertStatus[] = ['new', 'acknowledged', 'dispatched', 'escalated'];

export interface QueueFilterBarProps {
  readonly filter: QueueFilter;
  readonly zones: readonly { id: string; name: string }[];
  readonly types: readonly { code: string; name: string }[];
  /** Open alerts shown by the filter, and in all. */
  readonly shown: number;
  readonly total: number;
  readonly t: (key: MessageKey, params?: MessageParams) => string;
  readonly onChange: (filter: QueueFilter) => void;
}

/**
 * Narrows the open queue by severity, status, zone and type, and by words
 * (type, zone or id). What the filter hides is said in the count, so a
 * narrowed queue is never mistaken for a quiet site.
 */
export const QueueFilterBar = memo(function QueueFilterBar(props: QueueFilterBarProps) {
  const { filter: f, t, onChange } = props;
  const toggle = (s: Severity): void => onChange({ ...f, severities: f.severities.includes(s) ? f.severities.filter((x) => x !== s) : [...f.severities, s] });
  return (
    <div className="alerts__filter" data-testid="queue-filter" role="search">
      {severities.map((s) => (
        <button key={s} type="button" className={`button button--small sev-chip sev-${s}${f.severities.includes(s) ? ' is-on' : ''}`} aria-pressed={f.severities.includes(s)} data-severity={s} onClick={() => toggle(s)}>
          {t(`alerts.severity.${s}`)}
        </button>
      ))}
      <select aria-label={t('alerts.filter.status')} name="filter-status" value={f.status ?? ''} onChange={(e) => onChange({ ...f, status: (e.target.value || undefined) as AlertStatus | undefined })}>
        <option value="">{t('alerts.filter.anyStatus')}</option>
        {OPEN_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`alerts.status.${s}`)}
          </option>
        ))}
      </select>
      <select aria-label={t('alerts.filter.zone')} name="filter-zone" value={f.zone ?? ''} onChange={(e) => onChange({ ...f, zone: e.target.value || undefined })}>
        <option value="">{t('alerts.filter.anyZone')}</option>
        {props.zones.map((z) => (
          <option key={z.id} value={z.id}>
            {z.name}
          </option>
        ))}
      </select>
      <select aria-label={t('alerts.filter.type')} name="filter-type" value={f.type ?? ''} onChange={(e) => onChange({ ...f, type: e.target.value || undefined })}>
        <option value="">{t('alerts.filter.anyType')}</option>
        {props.types.map((x) => (
          <option key={x.code} value={x.code}>
            {x.name}
          </option>
        ))}
      </select>
      <input type="search" name="filter-text" placeholder={t('alerts.filter.search')} aria-label={t('alerts.filter.search')} value={f.text} maxLength={100} onChange={(e) => onChange({ ...f, text: e.target.value })} />
      {isFiltered(f) && (
        <>
          <span className="alerts__filter-count" data-testid="queue-filter-count" role="status">
            {t('alerts.filter.shown', { shown: props.shown, total: props.total })}
          </span>
          <button type="button" className="button button--small" data-testid="queue-filter-clear" onClick={() => onChange(NO_FILTER)}>
            {t('alerts.filter.clear')}
          </button>
        </>
      )}
    </div>
  );
});

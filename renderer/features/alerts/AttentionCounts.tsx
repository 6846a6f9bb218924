import { attentionCounts, TONE_SEVERITIES } from '../../../shared/alerts/attention';
import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import './alerts.css';

const SEVERITIES = [...TONE_SEVERITIES, 'blue'] as const;

/**
 * Unacknowledged alarms by severity, on every page's top bar: one pill per
 * severity that has any, the escalated ones flashing. At the desk it links
 * to the alarm queue. Nothing when nothing waits.
 */
export function AttentionCounts(props: { link: boolean }) {
  const counts = useConsole((s) => attentionCounts(s.siteState.alerts));
  const t = useT();
  const pills = SEVERITIES.filter((sev) => counts[sev] > 0);
  const body = (
    <>
      {pills.map((sev) => (
        <span key={sev} className={`attention__pill sev-${sev}`} data-severity={sev} data-count={counts[sev]} title={t('attention.count', { count: counts[sev], severity: t(`alerts.severity.${sev}`) })}>
          {counts[sev]}
        </span>
      ))}
      {counts.escalated > 0 && (
        <span className="attention__pill attention__pill--escalated" data-severity="escalated" data-count={counts.escalated} title={t('attention.escalated', { count: counts.escalated })}>
          ⬆ {counts.escalated}
        </span>
      )}
    </>
  );
  const common = { className: `attention${counts.total > 0 ? ' is-waiting' : ''}`, 'data-testid': 'attention-counts', 'data-total': counts.total, 'aria-label': t('attention.label', { count: counts.total }) };
  if (counts.total === 0) return <span {...common} />;
  return props.link ? (
    <a href="#/desk/alerts" {...common}>
      {body}
    </a>
  ) : (
    <span {...common}>{body}</span>
  );
}

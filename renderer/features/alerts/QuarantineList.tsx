import { memo } from 'react';
import type { MessageKey, MessageParams } from '../../../shared/i18n';
import type { QuarantinedAlert } from '../../../shared/state/alertsDomain';

/** Messages refused at ingest, newest first, with the reason and the raw message: nothing is dropped silently. */
export const QuarantineList = memo(function QuarantineList(props: {
  readonly items: readonly QuarantinedAlert[];
  readonly time: (ms: number) => string;
  readonly t: (key: MessageKey, params?: MessageParams) => string;
}) {
  const { t } = props;
  if (props.items.length === 0) return <p className="muted">{t('alerts.quarantineEmpty')}</p>;
  return (
    <ol className="alerts__quarantine" data-testid="quarantine-list">
      {[...props.items]
        .reverse()
        .slice(0, 100)
        .map((q) => (
          <li key={q.entryId} data-entry={q.entryId}>
            <div>
              {props.time(q.at)} · {q.source} · <strong className="alerts__reason">{q.reason}</strong>
            </div>
            <pre className="alerts__raw" title={t('alerts.raw')}>
              {q.raw.length > 2000 ? `${q.raw.slice(0, 2000)}…` : q.raw}
            </pre>
          </li>
        ))}
    </ol>
  );
});

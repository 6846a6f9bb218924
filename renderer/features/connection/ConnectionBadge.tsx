import { useConsole } from '../../app/StoreContext';
import { formatInstant } from '../../../shared/time/format';
import { useT } from '../../i18n/useT';
import { useTimeContext } from '../../ui/useTimeContext';

/** Whether this view still reaches the console core (always true in the desktop app). */
export function ConnectionBadge() {
  const connection = useConsole((s) => s.connection);
  const time = useTimeContext();
  const t = useT();
  const text =
    connection.status === 'connected'
      ? t('conn.connected')
      : connection.status === 'connecting'
        ? t('conn.connecting')
        : t('conn.offline', { time: formatInstant(connection.since, time, 'time') });
  return (
    <span className={`badge badge--${connection.status}`} data-testid="connection" title={connection.status === 'offline' ? connection.reason : undefined}>
      {text}
    </span>
  );
}

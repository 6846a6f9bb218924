import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';

/** Whether this view still reaches the console core (always true in the desktop app). */
export function ConnectionBadge() {
  const connection = useConsole((s) => s.connection);
  const locale = useConsole((s) => s.settings.locale);
  const t = useT();
  const text =
    connection.status === 'connected'
      ? t('conn.connected')
      : connection.status === 'connecting'
        ? t('conn.connecting')
        : t('conn.offline', { time: new Date(connection.since).toLocaleTimeString(locale, { hour12: false }) });
  return (
    <span className={`badge badge--${connection.status}`} data-testid="connection" title={connection.status === 'offline' ? connection.reason : undefined}>
      {text}
    </span>
  );
}

import { useEffect } from 'react';
import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';

/** Where local integrations post alerts, and the token they need (the desk's settings for the webhook). */
export function WebhookPanel() {
  const t = useT();
  const info = useConsole((s) => s.webhookInfo);
  const load = useConsole((s) => s.loadWebhookInfo);
  useEffect(() => {
    void load();
  }, [load]);
  if (!info) return null;
  const http = window.location.protocol === 'http:' || window.location.protocol === 'https:';
  // Host mode: the page's own server; the desktop app: its loopback listener, if it could listen.
  const url = http ? `${window.location.origin}${info.path}` : info.url;
  return (
    <div className="alerts__webhook" data-testid="webhook-info">
      {!info.enabled ? (
        <p className="muted">{t('alerts.webhookOff')}</p>
      ) : !url ? (
        <p className="muted">{t('alerts.webhookHostOnly')}</p>
      ) : (
        <>
          <code data-testid="webhook-url">{url}</code>
          <div>
            {t('alerts.token')}: <code data-testid="webhook-token">{info.token}</code>
          </div>
          <p className="muted">{t('alerts.webhookUsage')}</p>
        </>
      )}
    </div>
  );
}

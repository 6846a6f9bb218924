import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { alertById, type AlertsState } from '../../../shared/state/alertsDomain';
import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { useCan } from '../session';
import { useNow } from '../../ui/useNow';
import { AlertCharts } from './AlertCharts';
import type { DetailAction } from './AlertDetail';
import { AlertDetailPanel } from './AlertDetailPanel';
import { AlertPrompt } from './AlertPrompt';
import { AlertQueue } from './AlertQueue';
import type { PromptedAlertAction } from './alertsSlice';
import { useAlertsShownSignal } from './alertsShown';
import { keyAction, moveSelection, openQueue } from './queue';
import { QuarantineList } from './QuarantineList';
import { useAlertCharts } from './useAlertCharts';
import { useAlertNames } from './useAlertNames';
import { WebhookPanel } from './WebhookPanel';

/** The alerts at one frame: selection, keys and the one-line prompt here; the actions and their last error are the alerts slice's. */
export function AlertsWorkspace(props: { alerts: AlertsState }) {
  const { alerts } = props;
  const t = useT();
  const locale = useConsole((s) => s.settings.locale);
  const site = useConsole((s) => s.bootstrap?.site);
  // Replay, or a person at the keyboard who may not handle alerts (an observer, nobody, a locked desk): keys select, act on nothing.
  const canAct = useCan('acknowledgeAlert');
  const seesWebhook = useCan('webhookInfo');
  const readOnly = !canAct;
  const error = useConsole((s) => s.alertsError);
  const actOnAlert = useConsole((s) => s.actOnAlert);
  const actOnAlertWith = useConsole((s) => s.actOnAlertWith);
  useAlertsShownSignal(alerts);
  const now = useNow();
  const [selected, setSelected] = useState<string | undefined>();
  const [prompt, setPrompt] = useState<{ action: PromptedAlertAction; alertId: string } | undefined>();
  const [text, setText] = useState('');
  const rootRef = useRef<HTMLElement>(null);
  const names = useAlertNames(site, locale);
  const charts = useAlertCharts(alerts, now, names);
  const queue = useMemo(() => openQueue(alerts), [alerts]);
  const current = selected !== undefined ? alertById(alerts, selected) : undefined;

  const act = useCallback(
    (action: DetailAction, alertId: string | undefined) => {
      if (alertId === undefined) return;
      if (action === 'ack' || action === 'on-scene' || action === 'resolve' || action === 'false-alarm') {
        void actOnAlert(action, alertId);
        return;
      }
      setText('');
      setPrompt({ action, alertId });
    },
    [actOnAlert],
  );

  const submitPrompt = (): void => {
    if (!prompt) return;
    void actOnAlertWith(prompt.action, prompt.alertId, text.trim()).then((ok) => {
      if (!ok) return;
      setPrompt(undefined);
      rootRef.current?.focus();
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLElement>): void => {
    const target = e.target as HTMLElement;
    if (target.closest('input, textarea, select') || e.ctrlKey || e.metaKey || e.altKey) return;
    const action = keyAction(e.key);
    if (!action) return;
    e.preventDefault();
    if (action === 'up' || action === 'down') {
      setSelected(moveSelection(queue.rows, selected, action === 'up' ? -1 : 1));
      return;
    }
    const id = selected ?? queue.rows[0]?.id;
    if (selected === undefined && id !== undefined) setSelected(id);
    // Replay shows the past: keys select there but act on nothing (the read-only API would refuse anyway).
    if (!readOnly) act(action, id);
  };

  if (!site) return null;
  const latest = alerts.order[alerts.order.length - 1];
  return (
    <main className="alerts" data-testid="alerts-section" tabIndex={0} ref={rootRef} onKeyDown={onKeyDown}>
      <section className="panel alerts__queue">
        <h2 className="panel__title">
          {t('alerts.queue')} <span className="muted" data-testid="alert-open-count">{t('alerts.openCount', { count: queue.open })}</span>
          {latest !== undefined && <span className="muted alerts__latest" data-testid="alert-latest">{t('alerts.latest', { id: latest })}</span>}
        </h2>
        <p className="muted alerts__keys">{t('alerts.keys')}</p>
        <AlertQueue rows={queue.rows} open={queue.open} selected={selected} now={now} typeName={names.typeName} zoneName={names.zoneName} duration={names.duration} t={t} onSelect={setSelected} />
      </section>
      <section className="panel alerts__side">
        <h2 className="panel__title">{t('alerts.detail')}</h2>
        {error && (
          <div className="field__error" role="alert" data-testid="alert-error">
            {error}
          </div>
        )}
        {prompt && <AlertPrompt action={prompt.action} text={text} onText={setText} onSubmit={submitPrompt} onCancel={() => setPrompt(undefined)} t={t} />}
        <AlertDetailPanel alert={current} site={site} locale={locale} now={now} names={names} readOnly={readOnly} t={t} onAction={act} />
      </section>
      <section className="panel alerts__quarantine-panel">
        <h2 className="panel__title">
          {t('alerts.quarantine')} <span className="muted">{alerts.quarantine.length}</span>
        </h2>
        <QuarantineList items={alerts.quarantine} time={names.time} t={t} />
        {seesWebhook && (
          <>
            <h2 className="panel__title">{t('alerts.webhook')}</h2>
            <WebhookPanel />
          </>
        )}
      </section>
      <section className="panel alerts__charts-panel">
        <h2 className="panel__title">{t('alerts.charts')}</h2>
        <AlertCharts
          bySeverity={charts.bySeverity}
          byType={charts.byType}
          response={charts.response}
          typeName={names.typeName}
          severityName={(s) => (s === 'red' || s === 'orange' || s === 'yellow' || s === 'blue' ? t(`alerts.severity.${s}`) : s)}
          t={t}
        />
      </section>
    </main>
  );
}

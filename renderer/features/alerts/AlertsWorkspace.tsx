import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { alertById, type AlertsState } from '../../../shared/state/alertsDomain';
import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { useCan } from '../session';
import { useNow } from '../../ui/useNow';
import { CLOSE_UNDO_MS } from '../../../shared/alerts/closure';
import { wallAddress } from '../../../shared/wall/layouts';
import type { MessageKey } from '../../../shared/i18n';
import { AlertCharts } from './AlertCharts';
import { AlertClose, AlertUndo } from './AlertClose';
import { ClosedAlarms } from './ClosedAlarms';
import { recipients } from './recipients';
import { useRoster } from '../roster';
import { dutyAt } from '../../../shared/roster/shifts';
import { ManualAlarm } from './ManualAlarm';
import type { DetailAction } from './AlertDetail';
import { AlertDetailPanel } from './AlertDetailPanel';
import { AlertPrompt } from './AlertPrompt';
import { AlertQueue } from './AlertQueue';
import type { PromptedAlertAction } from './alertsSlice';
import { useAlertsShownSignal } from './alertsShown';
import { isFiltered, keyAction, matcher, moveSelection, NO_FILTER, openQueue, type QueueFilter } from './queue';
import { QueueFilterBar } from './QueueFilterBar';
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
  const closeAlert = useConsole((s) => s.closeAlert);
  const reopenAlert = useConsole((s) => s.reopenAlert);
  const tickAlertStep = useConsole((s) => s.tickAlertStep);
  const wallSpotlight = useConsole((s) => s.wallSpotlight);
  const raiseManualAlert = useConsole((s) => s.raiseManualAlert);
  const [manual, setManual] = useState(false);
  useAlertsShownSignal(alerts);
  const now = useNow();
  const [selected, setSelected] = useState<string | undefined>();
  const [prompt, setPrompt] = useState<{ action: PromptedAlertAction; alertId: string } | undefined>();
  const [text, setText] = useState('');
  const [closing, setClosing] = useState<{ alertId: string; prefer: 'resolved' | 'false-alarm' } | undefined>();
  const [undo, setUndo] = useState<string | undefined>();
  // Why a key did nothing (nothing selected, not acknowledged yet): said, never guessed around.
  const [hint, setHint] = useState<MessageKey | undefined>();
  const rootRef = useRef<HTMLElement>(null);
  const names = useAlertNames(site, locale);
  const charts = useAlertCharts(alerts, now, names);
  const [filter, setFilter] = useState<QueueFilter>(NO_FILTER);
  const [view, setView] = useState<'open' | 'closed'>('open');
  const roster = useRoster();
  // Who the roster has on shift, by the minute (the picker's first section).
  const minute = Math.floor(now / 60_000);
  const onDuty = useMemo(() => (roster && site ? dutyAt(roster, site.timezone, minute * 60_000).onDuty : []), [roster, site, minute]);
  const keep = useMemo(() => (isFiltered(filter) ? matcher(filter, names) : undefined), [filter, names]);
  const queue = useMemo(() => openQueue(alerts, undefined, keep), [alerts, keep]);
  const zones = useMemo(() => (site?.zones ?? []).map((z) => ({ id: z.id, name: names.zoneName(z.id) })), [site, names]);
  const types = useMemo(() => (site?.alertTypes ?? []).map((x) => ({ code: x.code, name: names.typeName(x.code) })), [site, names]);
  // Stable, so the queue's memoised rows redraw only when their alert changes.
  const select = useCallback((id: string) => {
    setSelected(id);
    setHint(undefined);
  }, []);
  // Stable, so the memoised charts (recharts is costly) redraw only when their throttled series change.
  const severityName = useCallback((s: string) => (s === 'red' || s === 'orange' || s === 'yellow' || s === 'blue' ? t(`alerts.severity.${s}`) : s), [t]);
  const current = selected !== undefined ? alertById(alerts, selected) : undefined;

  const act = useCallback(
    (action: DetailAction, alertId: string | undefined) => {
      if (alertId === undefined) return;
      setHint(undefined);
      if (action === 'ack' || action === 'on-scene') {
        void actOnAlert(action, alertId);
        return;
      }
      if (action === 'resolve' || action === 'false-alarm') {
        // Closing is never the first step: an alarm nobody acknowledged is acknowledged first.
        if (alertById(alerts, alertId)?.ackBy === undefined) {
          setHint('alerts.close.ackFirst');
          return;
        }
        setPrompt(undefined);
        setClosing({ alertId, prefer: action === 'resolve' ? 'resolved' : 'false-alarm' });
        return;
      }
      setClosing(undefined);
      setText('');
      setPrompt({ action, alertId });
    },
    [actOnAlert, alerts],
  );

  const submitClose = (code: string, note: string): void => {
    if (!closing) return;
    const { alertId } = closing;
    void closeAlert(alertId, code, note).then((ok) => {
      if (!ok) return;
      setClosing(undefined);
      setUndo(alertId);
      rootRef.current?.focus();
    });
  };

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
    // The closed-alarms view shows the record: no key acts on the open queue hidden behind it.
    if (view === 'closed') return;
    const action = keyAction(e.key);
    if (!action) return;
    e.preventDefault();
    if (action === 'up' || action === 'down') {
      setSelected(moveSelection(queue.rows, selected, action === 'up' ? -1 : 1));
      setHint(undefined);
      return;
    }
    // A key acts on the selected alarm only: with nothing selected it says so and does nothing.
    if (selected === undefined) {
      setHint('alerts.selectFirst');
      return;
    }
    // Replay shows the past: keys select there but act on nothing (the read-only API would refuse anyway).
    if (!readOnly) act(action, selected);
  };

  const nameOf = (alertId: string): string => {
    const a = alertById(alerts, alertId);
    return a ? [names.typeName(a.type), a.zone !== undefined ? names.zoneName(a.zone) : undefined].filter(Boolean).join(' · ') : alertId;
  };
  // The undo bar lasts as long as the core allows it (from the close's journal time).
  const undoClosure = undo !== undefined ? alertById(alerts, undo)?.closure : undefined;
  const undoLeft = undoClosure ? Math.ceil((undoClosure.at + CLOSE_UNDO_MS - now) / 1000) : 0;

  if (!site) return null;
  const latest = alerts.order[alerts.order.length - 1];
  return (
    <main className="alerts" data-testid="alerts-section" tabIndex={0} ref={rootRef} onKeyDown={onKeyDown}>
      <section className="panel alerts__queue">
        <h2 className="panel__title">
          {t('alerts.queue')} <span className="muted" data-testid="alert-open-count">{t('alerts.openCount', { count: queue.total })}</span>
          {latest !== undefined && <span className="muted alerts__latest" data-testid="alert-latest">{t('alerts.latest', { id: latest })}</span>}
          <span className="alerts__views" role="tablist">
            {(['open', 'closed'] as const).map((v) => (
              <button key={v} type="button" role="tab" className={`button button--small${view === v ? ' is-on' : ''}`} aria-selected={view === v} data-testid={`alerts-view-${v}`} onClick={() => setView(v)}>
                {t(`alerts.view.${v}`)}
              </button>
            ))}
          </span>
        </h2>
        <p className="muted alerts__keys">
          {t('alerts.keys')}
          {!readOnly && !manual && (
            <button type="button" className="button alerts__manual-open" data-testid="manual-alarm-open" onClick={() => setManual(true)}>
              {t('alerts.manual.open')}
            </button>
          )}
        </p>
        {manual && (
          <ManualAlarm
            site={site}
            locale={locale}
            t={t}
            onCancel={() => setManual(false)}
            onSubmit={(report) => {
              void raiseManualAlert(report).then((id) => {
                if (id === undefined) return;
                setManual(false);
                setSelected(id);
                rootRef.current?.focus();
              });
            }}
          />
        )}
        {view === 'closed' ? (
          <ClosedAlarms site={site} locale={locale} names={names} now={now} />
        ) : (
        <>
        <QueueFilterBar filter={filter} zones={zones} types={types} shown={queue.open} total={queue.total} t={t} onChange={setFilter} />
        {isFiltered(filter) && queue.rows.length === 0 && queue.total > 0 ? (
          <p className="muted alerts__empty" data-testid="queue-filter-empty">{t('alerts.filter.none', { total: queue.total })}</p>
        ) : (
        <AlertQueue rows={queue.rows} open={queue.open} selected={selected} now={now} typeName={names.typeName} zoneName={names.zoneName} duration={names.duration} clockToleranceSec={site.deviceClockToleranceSec} targetsOf={names.targetsOf} t={t} onSelect={select} />
        )}
        </>
        )}
      </section>
      <section className="panel alerts__side">
        <h2 className="panel__title">{t('alerts.detail')}</h2>
        {error && (
          <div className="field__error" role="alert" data-testid="alert-error">
            {error}
          </div>
        )}
        {hint && (
          <div className="field__error" role="alert" data-testid="alert-hint">
            {t(hint)}
          </div>
        )}
        {closing && (
          <AlertClose
            key={closing.alertId}
            alertName={nameOf(closing.alertId)}
            codes={site.closureCodes}
            prefer={closing.prefer}
            locale={locale}
            onSubmit={submitClose}
            onCancel={() => {
              setClosing(undefined);
              rootRef.current?.focus();
            }}
            t={t}
          />
        )}
        {undo !== undefined && undoLeft > 0 && !readOnly && (
          <AlertUndo
            alertName={nameOf(undo)}
            secondsLeft={undoLeft}
            onUndo={() => {
              void reopenAlert(undo).then((ok) => {
                if (ok) setUndo(undefined);
              });
            }}
            t={t}
          />
        )}
        {prompt && <AlertPrompt key={`${prompt.action}:${prompt.alertId}`} action={prompt.action} recipients={prompt.action === 'assign' || prompt.action === 'dispatch' || prompt.action === 'report' ? recipients(prompt.action, roster, onDuty, locale, t) : []} text={text} onText={setText} onSubmit={submitPrompt} onCancel={() => setPrompt(undefined)} t={t} />}
        <AlertDetailPanel alert={current} site={site} locale={locale} now={now} names={names} readOnly={readOnly} t={t} onAction={act}
          onStep={(alertId, step) => void tickAlertStep(alertId, step)}
          // A plan step's camera goes to the first wall's spotlight, as a click on the plan does.
          onCamera={(camera) => void wallSpotlight(wallAddress(1), camera)} />
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
          severityName={severityName}
          t={t}
        />
      </section>
    </main>
  );
}

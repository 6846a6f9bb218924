import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { countdowns, resolveTargets } from '../../../shared/alerts/targets';
import type { Severity } from '../../../shared/domain/severity';
import { localize } from '../../../shared/i18n';
import { alertById, type AlertsState } from '../../../shared/state/alertsDomain';
import { useConsole, useConsoleApi } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { actorName, formatTime } from '../journal/format';
import { AlertCharts } from './AlertCharts';
import { AlertDetail, type DetailAction } from './AlertDetail';
import { AlertQueue } from './AlertQueue';
import { perHour, responseTimes } from './charts';
import { keyAction, moveSelection, openQueue } from './queue';
import { QuarantineList } from './QuarantineList';
import { useNow } from '../../ui/useNow';
import { useFrameThrottled, useThrottled } from './useThrottled';
import { WebhookPanel } from './WebhookPanel';
import './alerts.css';

declare global {
  interface Window {
    /** Set by the alert benchmark: alert id → when it first reached the screen (epoch ms). */
    __alertSeen?: Record<string, number>;
  }
}

type Prompted = 'assign' | 'note' | 'report' | 'escalate' | 'dispatch';
const promptKeys = {
  assign: 'alerts.prompt.assign',
  note: 'alerts.prompt.note',
  report: 'alerts.prompt.report',
  escalate: 'alerts.prompt.escalate',
  dispatch: 'alerts.prompt.dispatch',
} as const;

/** Marks alerts the first time a committed frame shows them (for the storm benchmark's latency). */
function useSeenMarks(alerts: AlertsState): void {
  const marked = useRef(new Set<string>());
  useEffect(() => {
    const seen = window.__alertSeen;
    if (!seen) return;
    const at = Date.now();
    for (let i = alerts.order.length - 1; i >= 0; i--) {
      const id = alerts.order[i];
      if (id === undefined || marked.current.has(id)) break;
      marked.current.add(id);
      seen[id] = at;
    }
  }, [alerts]);
}

/**
 * Reads the alerts from the store and hands them on at most once per frame:
 * the store changes with every batch of a storm, and only this null-rendering
 * component re-renders that often.
 */
function AlertsFeed(props: { onFrame: (alerts: AlertsState) => void }) {
  const shown = useFrameThrottled(useConsole((s) => s.siteState.alerts));
  const { onFrame } = props;
  useEffect(() => onFrame(shown), [shown, onFrame]);
  return null;
}

/** The desk's alert workspace: queue and detail with keyboard handling, quarantine, charts, webhook. */
export function AlertsSection() {
  const [alerts, setAlerts] = useState<AlertsState | undefined>();
  return (
    <>
      <AlertsFeed onFrame={setAlerts} />
      {alerts && <AlertsWorkspace alerts={alerts} />}
    </>
  );
}

function AlertsWorkspace(props: { alerts: AlertsState }) {
  const { alerts } = props;
  const t = useT();
  const api = useConsoleApi();
  const locale = useConsole((s) => s.settings.locale);
  const site = useConsole((s) => s.bootstrap?.site);
  const readOnly = useConsole((s) => s.readOnly);
  useSeenMarks(alerts);
  const now = useNow();
  const [selected, setSelected] = useState<string | undefined>();
  const [prompt, setPrompt] = useState<{ action: Prompted; alertId: string } | undefined>();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const rootRef = useRef<HTMLElement>(null);

  const queue = useMemo(() => openQueue(alerts), [alerts]);
  const current = selected !== undefined ? alertById(alerts, selected) : undefined;
  const tz = site?.timezone;

  const typeName = useCallback(
    (code: string) => {
      const type = site?.alertTypes.find((x) => x.code === code);
      return type ? localize(type.name, locale) : code;
    },
    [site, locale],
  );
  const zoneName = useCallback(
    (id: string | undefined) => {
      if (id === undefined) return '—';
      const zone = site?.zones.find((z) => z.id === id);
      return zone ? localize(zone.name, locale) : id;
    },
    [site, locale],
  );
  const time = useCallback((ms: number) => formatTime(ms, locale, tz, false), [locale, tz]);

  const run = useCallback(
    (p: Promise<unknown>) => {
      p.then(
        () => setError(undefined),
        (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
      );
    },
    [],
  );

  const act = useCallback(
    (action: DetailAction, alertId: string | undefined) => {
      if (alertId === undefined || readOnly) return;
      switch (action) {
        case 'ack':
          return run(api.acknowledgeAlert({ alertId }));
        case 'on-scene':
          return run(api.onSceneAlert({ alertId }));
        case 'resolve':
          return run(api.resolveAlert({ alertId }));
        case 'false-alarm':
          return run(api.falseAlarm({ alertId }));
        default:
          setText('');
          setPrompt({ action, alertId });
      }
    },
    [api, readOnly, run],
  );

  const submitPrompt = (): void => {
    if (!prompt) return;
    const { action, alertId } = prompt;
    const value = text.trim();
    const done = (p: Promise<unknown>): void => {
      p.then(
        () => {
          setPrompt(undefined);
          setError(undefined);
          rootRef.current?.focus();
        },
        (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
      );
    };
    switch (action) {
      case 'assign':
        return done(api.assignAlert({ alertId, to: value }));
      case 'note':
        return done(api.noteAlert({ alertId, text: value }));
      case 'report':
        return done(api.reportAlert({ alertId, to: value }));
      case 'escalate':
        return done(api.escalateAlert({ alertId, reason: value }));
      case 'dispatch':
        return done(api.dispatchAlert({ alertId, ...(value ? { to: value } : {}) }));
    }
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
    act(action, id);
  };

  const targetsOf = useCallback(
    (severity: Severity, type?: string) =>
      site ? resolveTargets(site.responseTargets, severity, site.alertTypes.find((x) => x.code === type)) : undefined,
    [site],
  );
  const detailTargets = current ? targetsOf(current.severity, current.type) : undefined;
  const hourLabel = useCallback((hour: number) => formatTime(hour, locale, tz, false).slice(0, 5), [locale, tz]);
  // Charts move by the hour: recompute them when the fold changes, not every second.
  const hourNow = Math.floor(now / 3_600_000);
  const chartAlerts = useThrottled(alerts, 2000);
  const charts = useMemo(() => {
    const at = hourNow * 3_600_000;
    return {
      bySeverity: perHour(chartAlerts, 'severity', at, 12, hourLabel),
      byType: perHour(chartAlerts, 'type', at, 12, hourLabel),
      response: responseTimes(chartAlerts, (s) => targetsOf(s)?.acknowledgeSec ?? 0),
    };
  }, [chartAlerts, hourLabel, targetsOf, hourNow]);

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
        <AlertQueue rows={queue.rows} open={queue.open} selected={selected} now={now} typeName={typeName} zoneName={zoneName} t={t} onSelect={setSelected} />
      </section>
      <section className="panel alerts__side">
        <h2 className="panel__title">{t('alerts.detail')}</h2>
        {error && (
          <div className="field__error" role="alert" data-testid="alert-error">
            {error}
          </div>
        )}
        {prompt && (
          <form
            className="alerts__prompt"
            data-testid="alert-prompt"
            onSubmit={(e) => {
              e.preventDefault();
              submitPrompt();
            }}
          >
            <label>
              {t(promptKeys[prompt.action])}
              <input autoFocus name="alert-prompt" value={text} onChange={(e) => setText(e.target.value)} />
            </label>
            <button type="submit" className="button button--primary">
              {t('alerts.prompt.ok')}
            </button>
            <button type="button" className="button button--quiet" onClick={() => setPrompt(undefined)}>
              {t('alerts.prompt.cancel')}
            </button>
          </form>
        )}
        {current && detailTargets ? (
          <AlertDetail
            alert={current}
            countdowns={countdowns(current, detailTargets, now)}
            checklist={(site.alertTypes.find((x) => x.code === current.type)?.checklist ?? []).map((c) => localize(c, locale))}
            typeName={typeName(current.type)}
            zoneName={zoneName(current.zone)}
            floorName={current.floor !== undefined ? localize(site.floors.find((f) => f.id === current.floor)?.name ?? current.floor, locale) : '—'}
            cameraName={(id) => {
              const c = site.cameras.find((x) => x.id === id);
              return c ? localize(c.name, locale) : id;
            }}
            actorName={(a) => actorName(site, a, locale)}
            time={time}
            readOnly={readOnly}
            t={t}
            onAction={(action) => act(action, current.id)}
          />
        ) : (
          <p className="muted">{t('alerts.select')}</p>
        )}
      </section>
      <section className="panel alerts__quarantine-panel">
        <h2 className="panel__title">
          {t('alerts.quarantine')} <span className="muted">{alerts.quarantine.length}</span>
        </h2>
        <QuarantineList items={alerts.quarantine} time={time} t={t} />
        <h2 className="panel__title">{t('alerts.webhook')}</h2>
        <WebhookPanel />
      </section>
      <section className="panel alerts__charts-panel">
        <h2 className="panel__title">{t('alerts.charts')}</h2>
        <AlertCharts
          bySeverity={charts.bySeverity}
          byType={charts.byType}
          response={charts.response}
          typeName={typeName}
          severityName={(s) => (s === 'red' || s === 'orange' || s === 'yellow' || s === 'blue' ? t(`alerts.severity.${s}`) : s)}
          t={t}
        />
      </section>
    </main>
  );
}

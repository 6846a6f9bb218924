import { useEffect, useState } from 'react';
import { closureCode } from '../../../shared/alerts/closure';
import { kindLabels } from '../../../shared/journal/kinds';
import { localize, type Locale } from '../../../shared/i18n';
import { dutyAt } from '../../../shared/roster/shifts';
import { dateIn, dayRange } from '../../../shared/time/zonedDay';
import type { SiteView } from '../../../shared/site/view';
import type { AlertView } from '../../../shared/state/alertsDomain';
import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { actorName } from '../../ui/format';
import { useRoster } from '../roster';
import type { AlertNames } from './useAlertNames';

const HOUR = 3_600_000;

/** The window of "this shift": from the start of the running shift (the roster's), else the last 12 hours. */
function shiftWindow(roster: ReturnType<typeof useRoster>, timeZone: string, now: number): { from: number } {
  const running = roster ? dutyAt(roster, timeZone, now).now : [];
  // Without a shift, by the hour: the window must not move every second (each move is a journal read).
  const start = running.length > 0 ? Math.min(...running.map((s) => s.start)) : Math.floor(now / HOUR) * HOUR - 12 * HOUR;
  return { from: start };
}

/**
 * Alarms closed this shift or on any day, read from the journal (the site
 * state keeps only recent ones): when, how (closure code and comment), by
 * whom, and the handling history of the one opened. Refreshes as alarms close.
 */
export function ClosedAlarms(props: { site: SiteView; locale: Locale; names: AlertNames; now: number }) {
  const { site, locale, names } = props;
  const t = useT();
  const roster = useRoster();
  const load = useConsole((s) => s.closedAlarms);
  // Another close anywhere changes the fold's list of closed alarms: the shift view reloads on it.
  const lastClosed = useConsole((s) => s.siteState.alerts.closed.at(-1)?.closedAt ?? 0);
  const today = dateIn(props.now, site.timezone);
  const [day, setDay] = useState<string | undefined>();
  const [answer, setAnswer] = useState<{ alarms: readonly AlertView[]; truncated: boolean; withoutRaise: number } | 'failed' | undefined>();
  const [open, setOpen] = useState<string | undefined>();
  const shiftFrom = shiftWindow(roster, site.timezone, props.now).from;
  const reloadOn = day === undefined ? lastClosed : 0;
  useEffect(() => {
    let live = true;
    const range = day === undefined ? { from: shiftFrom, to: Date.now() + 60_000 } : dayRange(day, site.timezone);
    void load(range.from, range.to).then((r) => {
      if (live) setAnswer(r ?? 'failed');
    });
    return () => {
      live = false;
    };
  }, [load, day, site.timezone, shiftFrom, reloadOn]);

  const codeName = (code: string | undefined): string => {
    if (code === undefined) return '—';
    const c = closureCode(site.closureCodes, code);
    return c ? localize(c.label, locale) : code;
  };
  return (
    <div className="alerts__closed" data-testid="closed-alarms">
      <div className="alerts__filter">
        <button type="button" className={`button button--small${day === undefined ? ' is-on' : ''}`} aria-pressed={day === undefined} data-testid="closed-shift" onClick={() => setDay(undefined)}>
          {t('alerts.closed.shift', { since: names.dateTime(shiftFrom) })}
        </button>
        <label>
          {t('alerts.closed.day')}{' '}
          <input type="date" name="closed-day" max={today} value={day ?? ''} onChange={(e) => setDay(e.target.value || undefined)} />
        </label>
      </div>
      {answer === 'failed' && <p className="field__error" role="alert">{t('alerts.closed.failed')}</p>}
      {answer !== undefined && answer !== 'failed' && (
        <>
          {answer.alarms.length === 0 ? (
            <p className="muted" data-testid="closed-none">{t('alerts.closed.none')}</p>
          ) : (
            <table className="alerts__table" data-testid="closed-list">
              <thead>
                <tr>
                  <th>{t('alerts.closed.at')}</th>
                  <th>{t('alerts.col.type')}</th>
                  <th>{t('alerts.col.zone')}</th>
                  <th>{t('alerts.closed.code')}</th>
                  <th>{t('alerts.closed.by')}</th>
                </tr>
              </thead>
              <tbody>
                {answer.alarms.map((a) => (
                  <ClosedRow key={a.id} alarm={a} expanded={open === a.id} onToggle={() => setOpen(open === a.id ? undefined : a.id)} codeName={codeName} names={names} site={site} locale={locale} />
                ))}
              </tbody>
            </table>
          )}
          {answer.truncated && <p className="muted">{t('alerts.closed.truncated', { count: answer.alarms.length })}</p>}
          {answer.withoutRaise > 0 && <p className="muted">{t('alerts.closed.withoutRaise', { count: answer.withoutRaise })}</p>}
        </>
      )}
    </div>
  );
}

function ClosedRow(props: { alarm: AlertView; expanded: boolean; onToggle: () => void; codeName: (code: string | undefined) => string; names: AlertNames; site: SiteView; locale: Locale }) {
  const { alarm: a, names, site, locale } = props;
  const t = useT();
  const c = a.closure;
  return (
    <>
      <tr className={`alerts__row sev-${a.severity}${props.expanded ? ' is-selected' : ''}`} data-alert={a.id} data-code={c?.code ?? ''} onClick={props.onToggle} aria-expanded={props.expanded}>
        <td>{c ? names.dateTime(c.at) : '—'}</td>
        <td>
          <span className={`sev-dot sev-${a.severity}`} /> {names.typeName(a.type)}
          {a.mode === 'DRILL' && <span className="badge alerts__drill">{t('alerts.drill')}</span>}
        </td>
        <td>{names.zoneName(a.zone)}</td>
        <td className={`alerts__status st-${a.status}`}>
          {props.codeName(c?.code)}
          {c?.note !== undefined && <span className="muted"> — {c.note}</span>}
        </td>
        <td>{c ? actorName(site, c.by, locale) : '—'}</td>
      </tr>
      {props.expanded && (
        <tr className="alerts__closed-history">
          <td colSpan={5}>
            <ol className="alerts__history" data-testid="closed-history">
              {a.history.map((h, i) => (
                <li key={i} data-kind={h.kind} className={h.noop ? 'muted' : ''}>
                  {names.dateTime(h.at)} · {kindLabels[h.kind] ? localize(kindLabels[h.kind] ?? h.kind, locale) : h.kind} · {actorName(site, h.by, locale)}
                  {h.code !== undefined && ` · ${t('alerts.closedWith', { code: props.codeName(h.code) })}`}
                  {h.detail !== undefined && ` · ${h.detail}`}
                </li>
              ))}
            </ol>
          </td>
        </tr>
      )}
    </>
  );
}

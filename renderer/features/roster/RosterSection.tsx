import { useMemo } from 'react';
import { localize } from '../../../shared/i18n';
import { dueStates, scheduleContext } from '../../../shared/roster/schedule';
import { rosterWarnings, siteLastTest, type RosterWarning, type ShiftSlot } from '../../../shared/roster/shifts';
import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { useCan } from '../session';
import { formatTime } from '../../ui/format';
import { AttemptForm } from './AttemptForm';
import { ChecksPanel, EscalationsPanel } from './ChecksPanel';
import { ImportPanel } from './ImportPanel';
import { nameOf } from './names';
import { PeoplePanel } from './PeoplePanel';
import { RollCallPanel } from './RollCallPanel';
import { networkDown, sortDue } from './rosterView';
import { useNow } from '../../ui/useNow';
import { useOnline, useRoster } from './useRoster';
import './roster.css';

/**
 * The roster desk (#/desk/roster): who is on duty now and next, warnings,
 * comms checks with countdowns, escalations to acknowledge, attempt logging,
 * roll call, every person's contact ladder, import/export and the paper copy.
 * Everything shown is computed from the journal fold and the roster.
 */
export function RosterSection() {
  const t = useT();
  const locale = useConsole((s) => s.settings.locale);
  const tz = useConsole((s) => s.bootstrap?.site.timezone) ?? 'UTC';
  const state = useConsole((s) => s.siteState.roster);
  const connection = useConsole((s) => s.connection);
  const journal = useConsole((s) => s.journalStatus);
  const online = useOnline();
  const roster = useRoster();
  // Logging calls and roll calls is an operator's work (methodRequirement); the schedule is shown to all.
  const canWork = useCan('logAttempt');
  const now = useNow();
  const error = useConsole((s) => s.rosterError);
  const clearError = useConsole((s) => s.clearRosterError);
  const down = networkDown(connection, online, journal);

  const view = useMemo(() => {
    if (!roster) return undefined;
    const ctx = scheduleContext(roster, tz, now);
    const states = sortDue(dueStates(state, roster, tz, now));
    const warnings = rosterWarnings(roster, tz, now, (d) => {
      const pass = state.tests[d.id]?.lastPass;
      const site = siteLastTest(d, tz);
      return pass === undefined ? site : site === undefined ? pass : Math.max(pass, site);
    });
    return { duty: ctx.duty, states, warnings };
  }, [roster, state, tz, now]);

  if (!roster || !view) return null;
  const slotLine = (s: ShiftSlot): string =>
    `${t('roster.shiftLine', { shift: localize(s.shift.name, locale), from: formatTime(s.start, locale, tz, false), to: formatTime(s.end, locale, tz, false), crew: s.crew ?? '—' })}: ${
      s.people.length ? s.people.map((id) => nameOf(roster, id, locale)).join(', ') : t('roster.nobody')
    }`;
  const warningText = (w: RosterWarning): string => {
    switch (w.kind) {
      case 'long-shift':
        return t('roster.warn.long-shift', { shift: w.shift, hours: w.hours, max: w.max });
      case 'uncovered':
        return t('roster.warn.uncovered', { shift: w.shift, date: w.date });
      case 'untested':
        return w.lastTest === undefined ? t('roster.warn.untestedNever', { device: nameOf(roster, w.device, locale) }) : t('roster.warn.untested', { device: nameOf(roster, w.device, locale) });
      case 'sim-expiry':
        return t('roster.warn.sim-expiry', { device: nameOf(roster, w.device, locale), expiry: w.expiry, days: w.days });
    }
  };

  return (
    <main className={down ? 'roster is-offline' : 'roster'} data-testid="roster-section" data-network={down ? 'down' : 'up'}>
      {down && (
        <div className="roster__offline" role="alert" data-testid="roster-offline">
          {t('roster.offline')}
        </div>
      )}
      {error && (
        <div className="field__error roster__error" role="alert" onClick={clearError}>
          {error}
        </div>
      )}
      <section className="panel roster__duty" data-testid="roster-duty">
        <h2 className="panel__title">{t('roster.onDutyNow')}</h2>
        <ul className="roster__list">
          {view.duty.now.map((s) => (
            <li key={`${s.date}-${s.shift.id}`} data-testid="duty-now">
              {slotLine(s)}
            </li>
          ))}
        </ul>
        <h2 className="panel__title">{t('roster.onDutyNext')}</h2>
        <p className="roster__pad" data-testid="duty-next">
          {view.duty.next ? slotLine(view.duty.next) : '—'}
        </p>
        <h2 className="panel__title">{t('roster.warnings')}</h2>
        <ul className="roster__list" data-testid="roster-warnings">
          {view.warnings.length === 0 && <li className="muted">{t('roster.noWarnings')}</li>}
          {view.warnings.map((w, i) => (
            <li key={i} data-kind={w.kind}>
              {warningText(w)}
            </li>
          ))}
        </ul>
      </section>
      <EscalationsPanel roster={roster} states={view.states} />
      <ChecksPanel roster={roster} states={view.states} now={now} />
      {canWork && <RollCallPanel roster={roster} onDuty={view.duty.onDuty} />}
      {canWork && <AttemptForm roster={roster} />}
      <PeoplePanel roster={roster} state={state} down={down} onDuty={view.duty.onDuty} />
      <ImportPanel />
    </main>
  );
}

import { useEffect, useMemo, useState } from 'react';
import type { Roster } from '../../../shared/site/roster';
import type { RollCall } from '../../../shared/state/rosterDomain';
import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { nameOf } from './names';
import { nextToCall, resultForKey } from './rosterView';

/**
 * Roll call (点名): one action walks everyone on duty on a channel. Keys 1–4
 * record each answer as it comes; ending it journals the summary (anyone not
 * reached counts as no answer).
 */
export function RollCallPanel(props: { roster: Roster; onDuty: readonly string[] }) {
  const t = useT();
  const startRollCall = useConsole((s) => s.startRollCall);
  const answerRollCall = useConsole((s) => s.answerRollCall);
  const endRollCall = useConsole((s) => s.endRollCall);
  const rollcall = useConsole((s) => s.siteState.roster.rollcall);
  const last = useConsole((s) => s.siteState.roster.rollcalls.at(-1));
  const channels = useMemo(() => {
    const set = new Set<string>();
    for (const p of props.roster.people) if (props.onDuty.includes(p.id)) for (const r of p.ladder) if (r.method === 'radio') set.add(r.channel);
    return [...set].sort();
  }, [props.roster, props.onDuty]);
  const [channel, setChannel] = useState('');
  const chosen = channel || channels[0] || '';
  const calling = rollcall ? nextToCall(rollcall) : undefined;

  useEffect(() => {
    if (!rollcall || !calling) return;
    const onKey = (e: globalThis.KeyboardEvent): void => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT')) return;
      const result = resultForKey(e.key);
      if (!result) return;
      e.preventDefault();
      void answerRollCall(calling, result);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [answerRollCall, rollcall, calling]);

  return (
    <section className="panel roster__rollcall" data-testid="rollcall">
      <h2 className="panel__title">{t('roster.rollcall')}</h2>
      <div className="roster__pad">
        {!rollcall && (
          <div className="roster__row">
            <select name="rollcall-channel" value={chosen} onChange={(e) => setChannel(e.target.value)}>
              {channels.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
            <button type="button" className="button button--primary" data-testid="rollcall-start" disabled={!chosen} onClick={() => void startRollCall(chosen)}>
              {t('roster.rollcallStart', { channel: chosen })}
            </button>
          </div>
        )}
        {rollcall && <ActiveRollCall rollcall={rollcall} calling={calling} roster={props.roster} onEnd={() => void endRollCall()} />}
        {!rollcall && last?.summary && (
          <p data-testid="rollcall-summary">
            {t('roster.rollcallSummary', { channel: last.channel, ...last.summary, notCalled: last.summary.notCalled ?? 0 })}
          </p>
        )}
        {!rollcall && channels.length === 0 && <p className="muted">{t('roster.rollcallNone', { channel: '—' })}</p>}
      </div>
    </section>
  );
}

/** The roll call under way: whom to call now and the answers so far. */
function ActiveRollCall(p: { rollcall: RollCall; calling: string | undefined; roster: Roster; onEnd: () => void }) {
  const t = useT();
  const locale = useConsole((s) => s.settings.locale);
  const person = p.calling ? p.roster.people.find((x) => x.id === p.calling) : undefined;
  const radio = person?.ladder.find((r) => r.method === 'radio' && r.channel === p.rollcall.channel);
  const done = Object.keys(p.rollcall.answers).length;
  return (
    <div>
      <div className="muted">{t('roster.rollcallProgress', { done, total: p.rollcall.people.length })}</div>
      {p.calling && (
        <p className="roster__calling" data-testid="rollcall-calling" data-person={p.calling}>
          {t('roster.rollcallCalling', { name: nameOf(p.roster, p.calling, locale), callSign: radio?.method === 'radio' ? radio.callSign : '' })}
        </p>
      )}
      <ol className="roster__answers">
        {p.rollcall.people.map((id) => (
          <li key={id} data-person={id} data-answer={p.rollcall.answers[id] ?? ''}>
            {nameOf(p.roster, id, locale)}: {p.rollcall.answers[id] ? t(`roster.result.${p.rollcall.answers[id]}`) : '…'}
          </li>
        ))}
      </ol>
      <button type="button" className="button" data-testid="rollcall-end" onClick={p.onEnd}>
        {t('roster.rollcallEnd')}
      </button>
    </div>
  );
}

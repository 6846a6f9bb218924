import { useState } from 'react';
import { attemptResults, type AttemptResult } from '../../../shared/roster/kinds';
import { orderedLadder, routeText } from '../../../shared/roster/schedule';
import type { ContactRoute } from '../../../shared/site/roster';
import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { useCan } from '../session';
import { nameOf } from './names';
import { useRoster } from './useRoster';
import './roster.css';

/** The channel or number a rung dials, as a contact attempt records it. */
function dialled(route: ContactRoute): { channel: string } | { number: string } | Record<string, never> {
  switch (route.method) {
    case 'radio':
      return { channel: [route.channel, route.talkgroup].filter(Boolean).join(' ') };
    case 'satphone':
    case 'mobile':
    case 'landline':
      return { number: route.number };
    case 'runner':
      return {};
  }
}

/**
 * Calling one roster person or unit from where the need arose (a plan step,
 * an escalation): their contact ladder in rank order, the rung tried, and the
 * result in one press, logged as a contact attempt with why it was made. A
 * person not on the roster is said so, never guessed.
 */
export function QuickCall(props: { contact: string; why: string; onLogged?: (seq: number) => void }) {
  const t = useT();
  const roster = useRoster();
  const locale = useConsole((s) => s.settings.locale);
  const logAttempt = useConsole((s) => s.logAttempt);
  const canLog = useCan('logAttempt');
  const [rung, setRung] = useState(0);
  const [logged, setLogged] = useState<number | undefined>();
  const who = roster?.people.find((p) => p.id === props.contact) ?? roster?.units.find((u) => u.id === props.contact);
  if (!roster || !who) return <span className="muted quickcall" data-testid="quick-call" data-contact={props.contact}>{t('quickCall.unknown', { id: props.contact })}</span>;
  const ladder = orderedLadder(who.ladder);
  const route = ladder[rung] ?? ladder[0];
  const record = (result: AttemptResult): void => {
    if (!route) return;
    void logAttempt({ to: props.contact, method: route.method, result, ...dialled(route), message: props.why.slice(0, 2000) }).then((entry) => {
      if (!entry) return;
      setLogged(entry.seq);
      props.onLogged?.(entry.seq);
      // No answer: the next rung is offered, as the ladder says.
      if (result !== 'answered' && result !== 'relayed' && rung + 1 < ladder.length) setRung(rung + 1);
    });
  };
  return (
    <span className="quickcall" data-testid="quick-call" data-contact={props.contact}>
      <span className="quickcall__who">{t('quickCall.call', { name: nameOf(roster, props.contact, locale) })}</span>
      <select aria-label={t('quickCall.rung')} value={rung} onChange={(e) => setRung(Number(e.target.value))} data-testid="quick-call-rung">
        {ladder.map((r, i) => (
          <option key={i} value={i}>
            {t(`roster.method.${r.method}`)} {routeText(r, locale)}
          </option>
        ))}
      </select>
      {canLog &&
        attemptResults.map((result) => (
          <button key={result} type="button" className="button button--small" data-result={result} onClick={() => record(result)}>
            {t(`roster.result.${result}`)}
          </button>
        ))}
      {logged !== undefined && (
        <span className="muted" data-testid="quick-call-logged">
          {t('roster.logged', { seq: logged })}
        </span>
      )}
    </span>
  );
}

import { useState, type KeyboardEvent } from 'react';
import { attemptResults, commsMethods, type AttemptResult, type CommsMethod } from '../../../shared/roster/kinds';
import type { Roster } from '../../../shared/site/roster';
import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { nameOf } from './names';
import { resultForKey } from './rosterView';

/**
 * Logs one contact attempt (ICS-309 row). The result is one key: 1 answered,
 * 2 no answer, 3 bad signal, 4 relayed — pressed anywhere in the form except
 * while typing in a text field.
 */
export function AttemptForm(props: { roster: Roster }) {
  const t = useT();
  const logAttempt = useConsole((s) => s.logAttempt);
  const locale = useConsole((s) => s.settings.locale);
  const [to, setTo] = useState(props.roster.people[0]?.id ?? '');
  const [method, setMethod] = useState<CommsMethod>('radio');
  const [channel, setChannel] = useState('');
  const [message, setMessage] = useState('');
  const [status, setStatus] = useState<string | undefined>();

  const record = (result: AttemptResult): void => {
    const isNumber = method === 'satphone' || method === 'mobile' || method === 'landline';
    void logAttempt({
      to,
      method,
      result,
      ...(channel.trim() ? (isNumber ? { number: channel.trim() } : { channel: channel.trim() }) : {}),
      ...(message.trim() ? { message: message.trim() } : {}),
    }).then((entry) => {
      if (!entry) return;
      setStatus(t('roster.logged', { seq: entry.seq }));
      setMessage('');
    });
  };
  const onKey = (e: KeyboardEvent<HTMLFormElement>): void => {
    const target = e.target as HTMLElement;
    if (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA') return;
    const result = resultForKey(e.key);
    if (result) {
      e.preventDefault();
      record(result);
    }
  };
  return (
    <section className="panel">
      <h2 className="panel__title">{t('roster.log')}</h2>
      <form className="roster__form" data-testid="attempt-form" onKeyDown={onKey} onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          {t('roster.to')}
          <select name="to" value={to} onChange={(e) => setTo(e.target.value)}>
            {[...props.roster.people, ...props.roster.units].map((p) => (
              <option key={p.id} value={p.id}>
                {nameOf(props.roster, p.id, locale)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t('roster.method')}
          <select name="method" value={method} onChange={(e) => setMethod(e.target.value as CommsMethod)}>
            {commsMethods.map((m) => (
              <option key={m} value={m}>
                {t(`roster.method.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t('roster.channelOrNumber')}
          <input name="channel" value={channel} onChange={(e) => setChannel(e.target.value)} maxLength={32} />
        </label>
        <label className="field">
          {t('roster.message')}
          <input name="message" value={message} onChange={(e) => setMessage(e.target.value)} maxLength={2000} />
        </label>
        <div className="field">
          {t('roster.resultKeys')}
          <div className="roster__keys">
            {attemptResults.map((r, i) => (
              <button key={r} type="button" className="button" data-result={r} onClick={() => record(r)}>
                {i + 1} {t(`roster.result.${r}`)}
              </button>
            ))}
          </div>
        </div>
        {status && (
          <div role="status" className="muted">
            {status}
          </div>
        )}
      </form>
    </section>
  );
}

import { useState } from 'react';
import { onDuty } from '../../../shared/state/journalDomain';
import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { actorName, formatTime } from '../../ui/format';
import { failureOf, fieldText, formText } from './failureText';
import { Field, FormError } from './Field';

/**
 * Signs a person in by password: the first at the desk, the second of two, or
 * the incoming officer at a locked desk. When the core asks for a reason
 * (outside one's shift), a reason field appears and the same sign-in is sent
 * again with it. A pending handover to the chosen person can be accepted here.
 */
export function SignInForm(props: { onDone?: () => void; onCancel?: () => void }) {
  const t = useT();
  const session = useConsole((s) => s.session);
  const failure = useConsole((s) => failureOf(s.sessionFailure, 'signIn'));
  const signIn = useConsole((s) => s.signIn);
  const duty = useConsole((s) => s.siteState.duty);
  const site = useConsole((s) => s.bootstrap?.site);
  const locale = useConsole((s) => s.settings.locale);
  const [accountId, setAccountId] = useState('');
  const [password, setPassword] = useState('');
  const [reason, setReason] = useState('');
  const [acceptHandover, setAcceptHandover] = useState(true);
  const [busy, setBusy] = useState(false);
  if (!session) return null;

  const here = new Set(session.people.map((p) => p.accountId));
  const choices = session.accounts.filter((a) => !a.disabled && !here.has(a.id));
  const chosen = session.accounts.find((a) => a.id === accountId);
  const reasonAsked = failure?.issues[0]?.path === 'reason' || reason !== '';
  // The newest handover waits for its incoming officer until they sign in after it.
  const h = duty.lastHandover;
  const handover = h && h.incoming === accountId && !onDuty(duty).some((p) => p.account === h.incoming && p.since >= h.at) ? h : undefined;

  const submit = async (): Promise<void> => {
    if (busy || accountId === '') return;
    setBusy(true);
    const ok = await signIn({
      accountId,
      password,
      ...(reasonAsked && reason.trim() !== '' ? { reason: reason.trim() } : {}),
      ...(handover && acceptHandover ? { handover: handover.id } : {}),
    });
    setBusy(false);
    if (!ok) return;
    setPassword('');
    setReason('');
    props.onDone?.();
  };

  return (
    <form
      className="session-form"
      data-testid="sign-in-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Field label={t('session.field.account')}>
        <select name="account" value={accountId} onChange={(e) => setAccountId(e.target.value)} autoFocus>
          <option value="">{t('session.field.chooseAccount')}</option>
          {choices.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} · {t(`session.role.${a.role}`)}
            </option>
          ))}
        </select>
      </Field>
      {chosen && chosen.lockedOutUntil !== null && <p className="muted">{t('session.signIn.lockedOut', { time: formatTime(chosen.lockedOutUntil, locale, site?.timezone, false) })}</p>}
      <Field label={t('session.field.password')} error={fieldText(failure, 'password', t)}>
        <input type="password" name="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </Field>
      {handover && (
        <label className="field field--check" data-testid="accept-handover">
          <input type="checkbox" name="handover" checked={acceptHandover} onChange={(e) => setAcceptHandover(e.target.checked)} />
          <span>{t('session.signIn.handover', { name: actorName(site, handover.outgoing, locale), time: formatTime(handover.at, locale, site?.timezone, true) })}</span>
        </label>
      )}
      {reasonAsked && (
        <Field label={t('session.field.reason')} error={reason.trim() === '' ? undefined : fieldText(failure, 'reason', t)}>
          <p className="muted">{t('session.signIn.reasonAsked')}</p>
          <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
        </Field>
      )}
      <FormError text={failure?.issues[0]?.path === 'reason' ? undefined : formText(failure, t)} />
      <div className="session-form__buttons">
        <button type="submit" className="button button--primary" data-testid="sign-in-submit" disabled={busy || accountId === ''}>
          {t('session.signIn.submit')}
        </button>
        {props.onCancel && (
          <button type="button" className="button button--quiet" onClick={props.onCancel}>
            {t('session.strip.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

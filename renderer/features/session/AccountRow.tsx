import { useState } from 'react';
import type { AccountView } from '../../../shared/access/session';
import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { formatTime } from '../../ui/format';
import { failureOf, fieldText } from './failureText';
import { Field } from './Field';

type Action = 'reset' | 'disable' | 'lift';

/**
 * One account and what the person at the keyboard may do to it: a new
 * password or PIN, disabling or enabling (administrators), lifting a lockout
 * (supervisors). Each asks for a reason, which the journal keeps.
 */
export function AccountRow(props: { account: AccountView; canManage: boolean; canLift: boolean }) {
  const { account: a } = props;
  const t = useT();
  const site = useConsole((s) => s.bootstrap?.site);
  const locale = useConsole((s) => s.settings.locale);
  const failure = useConsole((s) => failureOf(s.sessionFailure, 'accounts'));
  const reset = useConsole((s) => s.resetAccount);
  const setDisabled = useConsole((s) => s.setAccountDisabled);
  const lift = useConsole((s) => s.liftLockout);
  const [action, setAction] = useState<Action | undefined>();
  const [reason, setReason] = useState('');
  const [password, setPassword] = useState('');
  const [pin, setPin] = useState('');
  const status = a.disabled
    ? t('session.accounts.status.disabled')
    : a.lockedOutUntil !== null
      ? t('session.accounts.status.lockedOut', { time: formatTime(a.lockedOutUntil, locale, site?.timezone, false) })
      : t('session.accounts.status.active');

  const submit = async (): Promise<void> => {
    const r = reason.trim();
    const ok =
      action === 'reset'
        ? await reset({ id: a.id, reason: r, ...(password ? { password } : {}), ...(pin ? { pin } : {}) })
        : action === 'disable'
          ? await setDisabled(a.id, !a.disabled, r)
          : action === 'lift'
            ? await lift(a.id, r)
            : false;
    if (!ok) return;
    setAction(undefined);
    setReason('');
    setPassword('');
    setPin('');
  };

  return (
    <li className="accounts__row" data-testid="account-row" data-account={a.id}>
      <span className="accounts__who">
        <strong>{a.name}</strong> <span className="muted">{t(`session.role.${a.role}`)}</span> · <span data-testid="account-status">{status}</span>
      </span>
      <span className="accounts__actions">
        {props.canManage && (
          <button type="button" className="button button--quiet" onClick={() => setAction('reset')}>
            {t('session.accounts.reset')}
          </button>
        )}
        {props.canManage && (
          <button type="button" className="button button--quiet" data-testid="account-disable" onClick={() => setAction('disable')}>
            {a.disabled ? t('session.accounts.enable') : t('session.accounts.disable')}
          </button>
        )}
        {props.canLift && a.lockedOutUntil !== null && (
          <button type="button" className="button button--quiet" data-testid="account-lift" onClick={() => setAction('lift')}>
            {t('session.accounts.lift')}
          </button>
        )}
      </span>
      {action && (
        <form
          className="session-form accounts__form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          {action === 'reset' && (
            <>
              <p className="muted">{t('session.accounts.resetHint')}</p>
              <Field label={t('session.field.password')} error={fieldText(failure, 'password', t)}>
                <input type="password" name="reset-password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
              </Field>
              <Field label={t('session.field.pin')} error={fieldText(failure, 'pin', t)}>
                <input type="password" inputMode="numeric" name="reset-pin" value={pin} onChange={(e) => setPin(e.target.value)} autoComplete="off" />
              </Field>
            </>
          )}
          <Field label={t('session.field.reason')} error={fieldText(failure, 'reason', t)}>
            <input name="account-reason" value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
          </Field>
          <div className="session-form__buttons">
            <button type="submit" className="button button--primary" data-testid="account-confirm">
              {t('session.accounts.confirm')}
            </button>
            <button type="button" className="button button--quiet" onClick={() => setAction(undefined)}>
              {t('session.strip.cancel')}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}

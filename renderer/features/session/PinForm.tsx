import { useState } from 'react';
import type { SignedInPerson } from '../../../shared/access/session';
import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { failureOf, formText } from './failureText';
import { Field, FormError } from './Field';

/**
 * A signed-in person's PIN: unlocks the desk and/or gives them the keyboard
 * (usePin). With several people, the one typing picks themself first.
 */
export function PinForm(props: { people: readonly SignedInPerson[]; initial?: string; label: string; submit: string; onDone?: () => void; onCancel?: () => void }) {
  const t = useT();
  const failure = useConsole((s) => failureOf(s.sessionFailure, 'pin'));
  const givePin = useConsole((s) => s.usePin);
  const [accountId, setAccountId] = useState(props.initial ?? props.people[0]?.accountId ?? '');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="session-form"
      data-testid="pin-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (busy || accountId === '') return;
        setBusy(true);
        void givePin(accountId, pin).then((ok) => {
          setBusy(false);
          setPin('');
          if (ok) props.onDone?.();
        });
      }}
    >
      {props.people.length > 1 && (
        <Field label={t('session.lock.who')}>
          <select name="pin-account" value={accountId} onChange={(e) => setAccountId(e.target.value)}>
            {props.people.map((p) => (
              <option key={p.accountId} value={p.accountId}>
                {p.name}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field label={props.label}>
        <input type="password" inputMode="numeric" name="pin" value={pin} onChange={(e) => setPin(e.target.value)} autoFocus autoComplete="off" />
      </Field>
      <FormError text={formText(failure, t)} />
      <div className="session-form__buttons">
        <button type="submit" className="button button--primary" data-testid="pin-submit" disabled={busy}>
          {props.submit}
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

import { useState } from 'react';
import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { failureOf, fieldText, formText } from './failureText';
import { Field, FormError } from './Field';

/** A fresh install: the first administrator (id, name, password, PIN), who is then signed in. */
export function SetupForm() {
  const t = useT();
  const failure = useConsole((s) => failureOf(s.sessionFailure, 'setup'));
  const setup = useConsole((s) => s.setupFirstAdministrator);
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="session-form"
      data-testid="setup-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (busy) return;
        setBusy(true);
        void setup({ id: id.trim(), name: name.trim(), password, pin }).finally(() => setBusy(false));
      }}
    >
      <h2 className="panel__title">{t('session.setup.title')}</h2>
      <p className="muted">{t('session.setup.intro')}</p>
      <Field label={t('session.field.id')} error={fieldText(failure, 'id', t)}>
        <input name="id" value={id} onChange={(e) => setId(e.target.value)} autoFocus autoComplete="username" />
      </Field>
      <Field label={t('session.field.name')} error={fieldText(failure, 'name', t)}>
        <input name="name" value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label={t('session.field.password')} error={fieldText(failure, 'password', t)}>
        <input type="password" name="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" placeholder={t('session.rule.password')} />
      </Field>
      <Field label={t('session.field.pin')} error={fieldText(failure, 'pin', t)}>
        <input type="password" inputMode="numeric" name="pin" value={pin} onChange={(e) => setPin(e.target.value)} autoComplete="off" placeholder={t('session.rule.pin')} />
      </Field>
      <FormError text={formText(failure, t)} />
      <button type="submit" className="button button--primary" data-testid="setup-submit" disabled={busy}>
        {t('session.setup.submit')}
      </button>
    </form>
  );
}

import { useState } from 'react';
import { accessRoles, type AccessRole } from '../../../shared/access/roles';
import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { failureOf, fieldText, formText } from './failureText';
import { Field, FormError } from './Field';

/** An administrator enrols an account: id (the roster person id where there is one), name, role, first password and PIN. */
export function EnrolAccountForm() {
  const t = useT();
  const failure = useConsole((s) => failureOf(s.sessionFailure, 'accounts'));
  const enrol = useConsole((s) => s.enrolAccount);
  const people = useConsole((s) => s.bootstrap?.site.roster.people ?? []);
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<AccessRole>('operator');
  const [password, setPassword] = useState('');
  const [pin, setPin] = useState('');
  const [done, setDone] = useState<string | undefined>();
  return (
    <form
      className="session-form accounts__enrol"
      data-testid="enrol-account"
      onSubmit={(e) => {
        e.preventDefault();
        setDone(undefined);
        void enrol({ id: id.trim(), name: name.trim(), role, password, pin }).then((ok) => {
          if (!ok) return;
          setDone(name.trim());
          setId('');
          setName('');
          setPassword('');
          setPin('');
        });
      }}
    >
      <h3>{t('session.accounts.enrol')}</h3>
      <Field label={t('session.field.id')} error={fieldText(failure, 'id', t)}>
        <input name="enrol-id" list="roster-ids" value={id} onChange={(e) => setId(e.target.value)} />
        <datalist id="roster-ids">
          {people.map((p) => (
            <option key={p.id} value={p.id} />
          ))}
        </datalist>
      </Field>
      <Field label={t('session.field.name')} error={fieldText(failure, 'name', t)}>
        <input name="enrol-name" value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label={t('session.field.role')}>
        <select name="enrol-role" value={role} onChange={(e) => setRole(e.target.value as AccessRole)}>
          {accessRoles.map((r) => (
            <option key={r} value={r}>
              {t(`session.role.${r}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('session.field.password')} error={fieldText(failure, 'password', t)}>
        <input type="password" name="enrol-password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" placeholder={t('session.rule.password')} />
      </Field>
      <Field label={t('session.field.pin')} error={fieldText(failure, 'pin', t)}>
        <input type="password" inputMode="numeric" name="enrol-pin" value={pin} onChange={(e) => setPin(e.target.value)} autoComplete="off" placeholder={t('session.rule.pin')} />
      </Field>
      <FormError text={failure && failure.issues.length === 0 ? formText(failure, t) : undefined} />
      {done && <p className="muted">{t('session.accounts.enrolled', { name: done })}</p>}
      <button type="submit" className="button button--primary" data-testid="enrol-account-submit">
        {t('session.accounts.enrolSubmit')}
      </button>
    </form>
  );
}

import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { failureOf, formText } from './failureText';
import { FormError } from './Field';
import { AccountRow } from './AccountRow';
import { EnrolAccountForm } from './EnrolAccountForm';
import { useCan } from './useCan';

/** The desk's accounts section: administrators enrol and manage accounts; supervisors lift lockouts. */
export function AccountsSection() {
  const t = useT();
  const accounts = useConsole((s) => s.session?.accounts ?? []);
  const failure = useConsole((s) => failureOf(s.sessionFailure, 'accounts'));
  const canEnrol = useCan('enrolAccount');
  const canManage = useCan('setAccountDisabled');
  const canLift = useCan('liftLockout');
  if (!canManage && !canLift) {
    return (
      <main className="accounts">
        <p className="muted">{t('session.accounts.none')}</p>
      </main>
    );
  }
  return (
    <main className="accounts" data-testid="accounts-section">
      <section className="panel">
        <h2 className="panel__title">{t('session.accounts.title')}</h2>
        <FormError text={failure && failure.issues.length === 0 ? formText(failure, t) : undefined} />
        <ul className="accounts__list">
          {accounts.map((a) => (
            <AccountRow key={a.id} account={a} canManage={canManage} canLift={canLift} />
          ))}
        </ul>
      </section>
      {canEnrol && (
        <section className="panel">
          <EnrolAccountForm />
        </section>
      )}
    </main>
  );
}

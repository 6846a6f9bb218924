import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import './session.css';
import { ApprovalDialog } from './ApprovalDialog';
import { LockOverlay } from './LockOverlay';
import { SetupForm } from './SetupForm';
import { SignInForm } from './SignInForm';
import { useActivityReport } from './useActivityReport';

/**
 * What stands between a person and the desk: the first administrator's set-up
 * on a fresh install, the sign-in while nobody is signed in, the lock, and
 * the approval dialog. Each is an overlay over the live desk, which keeps
 * showing the site underneath. A wall station (a display) never shows any.
 */
export function SessionGate() {
  const t = useT();
  const session = useConsole((s) => s.session);
  const signedIn = session !== undefined && session.people.length > 0;
  useActivityReport(signedIn && !session.locked);
  if (!session || session.station === 'wall') return null;
  if (session.setupNeeded) {
    return (
      <div className="session-overlay" data-testid="setup-overlay">
        <div className="session-card">
          <SetupForm />
        </div>
      </div>
    );
  }
  if (!signedIn) {
    return (
      <div className="session-overlay" data-testid="sign-in-overlay">
        <div className="session-card">
          <h2 className="panel__title">{t('session.signIn.title')}</h2>
          <p className="muted">{t('session.signIn.intro')}</p>
          <SignInForm />
        </div>
      </div>
    );
  }
  if (session.locked) return <LockOverlay />;
  return <ApprovalDialog />;
}

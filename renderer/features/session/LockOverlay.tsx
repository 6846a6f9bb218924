import { useState } from 'react';
import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { OpenAlarms } from '../alerts';
import { PinForm } from './PinForm';
import { SignInForm } from './SignInForm';

/**
 * Over a locked desk: the desk stays rendered underneath (cameras, alarm
 * pop-ups keep updating), this panel blocks input and repeats the open
 * alarms. A PIN of someone signed in unlocks; the incoming officer may sign
 * in with a password instead.
 */
export function LockOverlay() {
  const t = useT();
  const people = useConsole((s) => s.session?.people ?? []);
  const owner = useConsole((s) => s.session?.owner ?? undefined);
  const [incoming, setIncoming] = useState(false);
  return (
    <div className="session-overlay session-overlay--lock" data-testid="lock-overlay">
      <div className="session-card" role="dialog" aria-modal="true" aria-labelledby="lock-title">
        <h2 className="panel__title" id="lock-title">
          {t('session.lock.title')}
        </h2>
        <p className="muted">{t('session.lock.intro')}</p>
        {incoming ? (
          <>
            <SignInForm onDone={() => setIncoming(false)} />
            <button type="button" className="button button--quiet" onClick={() => setIncoming(false)}>
              {t('session.lock.back')}
            </button>
          </>
        ) : (
          <>
            <PinForm people={people} {...(owner ? { initial: owner } : {})} label={t('session.field.pin')} submit={t('session.lock.unlock')} />
            <button type="button" className="button button--quiet" data-testid="lock-incoming" onClick={() => setIncoming(true)}>
              {t('session.lock.incoming')}
            </button>
          </>
        )}
        <OpenAlarms />
      </div>
    </div>
  );
}

import { useState } from 'react';
import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { MAX_PEOPLE_AT_DESK } from './limits';
import { PinForm } from './PinForm';
import { SignInForm } from './SignInForm';

type Open = { kind: 'take'; accountId: string } | { kind: 'add' } | undefined;

/**
 * The top bar's session strip: who is signed in here (up to two), who has the
 * keyboard, taking it by PIN, adding a second person, signing out, locking.
 */
export function SessionStrip() {
  const t = useT();
  const session = useConsole((s) => s.session);
  const signOut = useConsole((s) => s.signOut);
  const lock = useConsole((s) => s.lockSession);
  const [open, setOpen] = useState<Open>();
  if (!session || session.station === 'wall' || session.people.length === 0) return null;
  const taking = open?.kind === 'take' ? session.people.find((p) => p.accountId === open.accountId) : undefined;
  return (
    <div className="session-strip" data-testid="session-strip" aria-label={t('session.strip.label')}>
      {session.people.map((p) => {
        const owner = p.accountId === session.owner;
        return (
          <span key={p.accountId} className={owner ? 'session-person is-owner' : 'session-person'} data-testid="session-person" data-account={p.accountId} data-owner={owner}>
            <strong>{p.name}</strong> <span className="muted">{t(`session.role.${p.role}`)}</span>
            {owner && <span className="badge session-person__keyboard">{t('session.strip.keyboard')}</span>}
            {!owner && !session.locked && (
              <button type="button" className="button button--quiet" data-testid="take-keyboard" onClick={() => setOpen({ kind: 'take', accountId: p.accountId })}>
                {t('session.strip.take')}
              </button>
            )}
            {!session.locked && (
              <button type="button" className="button button--quiet" data-testid="sign-out" aria-label={t('session.strip.signOutWho', { name: p.name })} onClick={() => void signOut(p.accountId)}>
                {t('session.strip.signOut')}
              </button>
            )}
          </span>
        );
      })}
      {!session.locked && session.people.length < MAX_PEOPLE_AT_DESK && (
        <button type="button" className="button button--quiet" data-testid="add-person" onClick={() => setOpen({ kind: 'add' })}>
          {t('session.strip.add')}
        </button>
      )}
      {!session.locked && (
        <button type="button" className="button" data-testid="lock-now" onClick={() => void lock()}>
          {t('session.strip.lock')}
        </button>
      )}
      {open && (
        <div className="session-popover" role="dialog">
          {taking && <PinForm people={[taking]} label={t('session.pin.take', { name: taking.name })} submit={t('session.strip.take')} onDone={() => setOpen(undefined)} onCancel={() => setOpen(undefined)} />}
          {open.kind === 'add' && <SignInForm onDone={() => setOpen(undefined)} onCancel={() => setOpen(undefined)} />}
        </div>
      )}
    </div>
  );
}

import { useState } from 'react';
import { holds } from '../../../shared/access/roles';
import type { MessageKey } from '../../../shared/i18n';
import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { failureOf, formText } from './failureText';
import { Field, FormError } from './Field';

const actionKeys: Readonly<Record<string, MessageKey>> = {
  wallLiftMask: 'session.approve.method.wallLiftMask',
  editSitePlan: 'session.approve.method.editSitePlan',
  importRosterCsv: 'session.approve.method.importRosterCsv',
  startNewJournalSegment: 'session.approve.method.startNewJournalSegment',
  enrollConsole: 'session.approve.method.enrollConsole',
  setDutyLevel: 'session.approve.method.setDutyLevel',
};

/**
 * Four eyes (四眼原则): the core refused an action for want of a supervisor;
 * one picks themself and types their PIN here, and the action is made again
 * (features/session/approvingApi.ts). The entry then names both.
 */
export function ApprovalDialog() {
  const t = useT();
  const request = useConsole((s) => s.approvalRequest);
  const accounts = useConsole((s) => s.session?.accounts ?? []);
  const failure = useConsole((s) => failureOf(s.sessionFailure, 'approve'));
  const approve = useConsole((s) => s.approve);
  const cancel = useConsole((s) => s.cancelApproval);
  const supervisors = accounts.filter((a) => !a.disabled && holds(a.role, 'supervisor'));
  const [accountId, setAccountId] = useState('');
  const [pin, setPin] = useState('');
  if (!request) return null;
  const chosen = accountId || supervisors[0]?.id || '';
  return (
    <div className="session-overlay session-overlay--approve" data-testid="approval-dialog">
      <form
        className="session-card session-form"
        role="dialog"
        aria-modal="true"
        onSubmit={(e) => {
          e.preventDefault();
          void approve(chosen, pin).then(() => setPin(''));
        }}
      >
        <h2 className="panel__title">{t('session.approve.title')}</h2>
        <p>{t('session.approve.intro', { action: t(actionKeys[request.method] ?? 'session.approve.method.other') })}</p>
        <Field label={t('session.approve.who')}>
          <select name="approver" value={chosen} onChange={(e) => setAccountId(e.target.value)}>
            {supervisors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} · {t(`session.role.${a.role}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('session.field.pin')}>
          <input type="password" inputMode="numeric" name="approver-pin" value={pin} onChange={(e) => setPin(e.target.value)} autoFocus autoComplete="off" />
        </Field>
        <FormError text={formText(failure, t)} />
        <div className="session-form__buttons">
          <button type="submit" className="button button--primary" data-testid="approve-submit">
            {t('session.approve.submit')}
          </button>
          <button type="button" className="button button--quiet" onClick={cancel}>
            {t('session.approve.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}

import { useState } from 'react';
import type { DutyLevel as Level } from '../../../shared/alerts/schema';
import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { useCan } from '../session';

/** The site's duty level (一级/二级/三级勤务) on every view; at the desk it can be changed, with a reason, as a journal entry. */
export function DutyLevelBadge(props: { interactive: boolean }) {
  const level = useConsole((s) => s.siteState.alerts.dutyLevel);
  const readOnly = !useCan('setDutyLevel');
  const error = useConsole((s) => s.dutyLevelError);
  const setDutyLevel = useConsole((s) => s.setDutyLevel);
  const t = useT();
  const [editing, setEditing] = useState<Level | undefined>();
  const [reason, setReason] = useState('');
  const submit = (): void => {
    if (editing === undefined) return;
    void setDutyLevel(editing, reason).then((ok) => {
      if (!ok) return;
      setEditing(undefined);
      setReason('');
    });
  };
  return (
    <span className={`badge duty-level duty-level--${level}`} data-testid="duty-level" data-level={level}>
      {t(`duty.level.${level}`)}
      {props.interactive && !readOnly && (
        <select
          aria-label={t('duty.change')}
          value=""
          onChange={(e) => {
            const next = Number(e.target.value);
            if (next === 1 || next === 2 || next === 3) setEditing(next);
          }}
        >
          <option value="">{t('duty.change')}</option>
          {([1, 2, 3] as const)
            .filter((l) => l !== level)
            .map((l) => (
              <option key={l} value={l}>
                {t(`duty.level.${l}`)}
              </option>
            ))}
        </select>
      )}
      {editing !== undefined && (
        <form
          className="duty-level__form"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <input autoFocus name="duty-reason" placeholder={t('duty.reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
          <button type="submit" className="button">
            {t(`duty.level.${editing}`)}
          </button>
          <button type="button" className="button button--quiet" onClick={() => setEditing(undefined)}>
            {t('alerts.prompt.cancel')}
          </button>
          {error && <span className="field__error">{error}</span>}
        </form>
      )}
    </span>
  );
}

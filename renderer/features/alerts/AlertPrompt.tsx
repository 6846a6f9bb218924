import type { MessageKey, MessageParams } from '../../../shared/i18n';
import { useState } from 'react';
import type { PromptedAlertAction } from './alertsSlice';
import type { Recipient, RecipientSection } from './recipients';

const sectionKeys = {
  duty: 'alerts.pick.duty',
  groups: 'alerts.pick.groups',
  external: 'alerts.pick.external',
  everyone: 'alerts.pick.everyone',
} as const satisfies Record<RecipientSection, MessageKey>;
/** The picker's value for "someone not listed": the free-text field then says who. */
const OTHER = '\u0000other';

const promptKeys = {
  assign: 'alerts.prompt.assign',
  note: 'alerts.prompt.note',
  report: 'alerts.prompt.report',
  escalate: 'alerts.prompt.escalate',
  dispatch: 'alerts.prompt.dispatch',
} as const satisfies Record<PromptedAlertAction, MessageKey>;

/**
 * The one line an alert action needs (a person, a note, a reason). Who an
 * alarm goes to (assign, dispatch, report) is chosen from the roster's people
 * on duty, the working groups and the external contacts, with "other" as
 * free text; a note or a reason is typed.
 */
export function AlertPrompt(props: {
  action: PromptedAlertAction;
  /** Who the action can go to; empty for a note or an escalation (typed). */
  recipients: readonly Recipient[];
  text: string;
  onText: (text: string) => void;
  onSubmit: () => void;
  onCancel: () => void;
  t: (key: MessageKey, params?: MessageParams) => string;
}) {
  const { t } = props;
  const picks = props.recipients.length > 0;
  const [other, setOther] = useState(!picks);
  const sections = (Object.keys(sectionKeys) as RecipientSection[]).filter((k) => props.recipients.some((r) => r.section === k));
  return (
    <form
      className="alerts__prompt"
      data-testid="alert-prompt"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      <label>
        {t(promptKeys[props.action])}
        {picks && (
          <select
            autoFocus
            name="alert-prompt-pick"
            value={other ? OTHER : props.text}
            onChange={(e) => {
              const v = e.target.value;
              setOther(v === OTHER);
              props.onText(v === OTHER ? '' : v);
            }}
          >
            {/* Dispatch may name nobody (the plan starts); assign and report must say who. */}
            <option value="">{props.action === 'dispatch' ? t('alerts.pick.nobody') : t('alerts.pick.choose')}</option>
            {sections.map((section) => (
              <optgroup key={section} label={t(sectionKeys[section])}>
                {props.recipients
                  .filter((r) => r.section === section)
                  .map((r) => (
                    <option key={`${section}:${r.id}`} value={r.id}>
                      {r.name}
                    </option>
                  ))}
              </optgroup>
            ))}
            <option value={OTHER}>{t('alerts.pick.other')}</option>
          </select>
        )}
        {other && <input autoFocus name="alert-prompt" placeholder={picks ? t('alerts.pick.otherHint') : undefined} value={props.text} onChange={(e) => props.onText(e.target.value)} />}
      </label>
      <button type="submit" className="button button--primary">
        {t('alerts.prompt.ok')}
      </button>
      <button type="button" className="button button--quiet" onClick={props.onCancel}>
        {t('alerts.prompt.cancel')}
      </button>
    </form>
  );
}

import type { MessageKey, MessageParams } from '../../../shared/i18n';
import type { PromptedAlertAction } from './alertsSlice';

const promptKeys = {
  assign: 'alerts.prompt.assign',
  note: 'alerts.prompt.note',
  report: 'alerts.prompt.report',
  escalate: 'alerts.prompt.escalate',
  dispatch: 'alerts.prompt.dispatch',
} as const satisfies Record<PromptedAlertAction, MessageKey>;

/** The one line an alert action needs (a person, a note, a reason). */
export function AlertPrompt(props: {
  action: PromptedAlertAction;
  text: string;
  onText: (text: string) => void;
  onSubmit: () => void;
  onCancel: () => void;
  t: (key: MessageKey, params?: MessageParams) => string;
}) {
  const { t } = props;
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
        <input autoFocus name="alert-prompt" value={props.text} onChange={(e) => props.onText(e.target.value)} />
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

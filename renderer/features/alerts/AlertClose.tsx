import { useState } from 'react';
import type { ClosureCode } from '../../../shared/alerts/closure';
import { localize, type Locale, type MessageKey, type MessageParams } from '../../../shared/i18n';

/**
 * Closing an alarm: the operator picks one of the site's closure codes (none
 * is chosen for them: R and F only put the resolving or the false-alarm codes
 * first) and writes the comment the code may require. Digits pick a code.
 */
export function AlertClose(props: {
  alertName: string;
  codes: readonly ClosureCode[];
  /** Which codes come first: the key or button that opened the form. */
  prefer: 'resolved' | 'false-alarm';
  locale: Locale;
  onSubmit: (code: string, note: string) => void;
  onCancel: () => void;
  t: (key: MessageKey, params?: MessageParams) => string;
}) {
  const { t } = props;
  const [code, setCode] = useState<string | undefined>();
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const codes = [...props.codes.filter((c) => c.closes === props.prefer), ...props.codes.filter((c) => c.closes !== props.prefer)];
  const chosen = codes.find((c) => c.code === code);
  const submit = (): void => {
    if (!chosen) return setProblem(t('alerts.close.needCode'));
    if (chosen.commentRequired && !note.trim()) return setProblem(t('alerts.close.needComment', { code: localize(chosen.label, props.locale) }));
    setProblem(undefined);
    props.onSubmit(chosen.code, note);
  };
  return (
    <form
      className="alerts__prompt alerts__close"
      data-testid="alert-close"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          props.onCancel();
          return;
        }
        // 1-9 pick a code, except while writing the comment.
        if ((e.target as HTMLElement).closest('textarea')) return;
        const n = Number(e.key);
        const pick = Number.isInteger(n) && n >= 1 ? codes[n - 1] : undefined;
        if (pick) {
          e.preventDefault();
          setCode(pick.code);
        }
      }}
    >
      <fieldset>
        <legend>{t('alerts.close.title', { name: props.alertName })}</legend>
        {codes.map((c, i) => (
          <label key={c.code} className="alerts__close-code">
            <input type="radio" name="closure-code" value={c.code} checked={code === c.code} onChange={() => setCode(c.code)} autoFocus={i === 0} />
            <kbd>{i + 1}</kbd> {localize(c.label, props.locale)}
            <span className="muted"> · {t(c.closes === 'false-alarm' ? 'alerts.close.countsFalse' : 'alerts.close.countsResolved')}</span>
            {c.commentRequired && <span className="muted"> · {t('alerts.close.commentRequired')}</span>}
          </label>
        ))}
      </fieldset>
      <label>
        {t(chosen?.commentRequired ? 'alerts.close.comment' : 'alerts.close.commentOptional')}
        <textarea name="closure-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      {problem && (
        <div className="field__error" role="alert" data-testid="alert-close-problem">
          {problem}
        </div>
      )}
      <button type="submit" className="button button--primary">
        {t('alerts.close.submit')}
      </button>
      <button type="button" className="button button--quiet" onClick={props.onCancel}>
        {t('alerts.prompt.cancel')}
      </button>
    </form>
  );
}

/** After a close: the way back, for as long as the console allows it. */
export function AlertUndo(props: { alertName: string; secondsLeft: number; onUndo: () => void; t: (key: MessageKey, params?: MessageParams) => string }) {
  return (
    <div className="alerts__undo" role="status" data-testid="alert-undo">
      {props.t('alerts.close.closed', { name: props.alertName })}{' '}
      <button type="button" className="button" onClick={props.onUndo}>
        {props.t('alerts.close.undo', { seconds: props.secondsLeft })}
      </button>
    </div>
  );
}

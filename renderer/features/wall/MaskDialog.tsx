import { useState } from 'react';
import { useT } from '../../i18n/useT';

/**
 * Asks the reason for lifting a privacy mask. `refusal` is the core's answer
 * to the last lift (shown once this dialog has submitted, so an older refusal
 * does not greet a new dialog).
 */
export function MaskDialog(props: { title: string; refusal: string | undefined; onCancel: () => void; onConfirm: (reason: string) => void }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const submit = (): void => {
    const trimmed = reason.trim();
    setMissing(!trimmed);
    if (!trimmed) return;
    setSubmitted(true);
    props.onConfirm(trimmed);
  };
  const error = missing ? t('wall.mask.reasonRequired') : submitted && props.refusal !== undefined ? t('wall.error', { message: props.refusal }) : undefined;
  return (
    <div className="maskdialog" role="dialog" aria-label={props.title} data-testid="mask-dialog" onDoubleClick={(e) => e.stopPropagation()}>
      <strong>{props.title}</strong>
      <label>
        {t('wall.mask.reason')}
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} data-testid="mask-reason" rows={2} maxLength={500} />
      </label>
      {error && <div className="maskdialog__error" role="alert">{error}</div>}
      <div className="maskdialog__buttons">
        <button type="button" onClick={props.onCancel}>
          {t('wall.cancel')}
        </button>
        <button type="button" data-testid="mask-confirm" onClick={submit}>
          {t('wall.mask.confirm')}
        </button>
      </div>
    </div>
  );
}

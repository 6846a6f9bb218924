import { useConsole } from '../../app/StoreContext';
import { useLocalize, useT } from '../../i18n/useT';

/** Who works this console: every entry made here records them as its actor. */
export function OperatorSelect() {
  const t = useT();
  const localize = useLocalize();
  const people = useConsole((s) => s.bootstrap?.site.roster.people);
  const operator = useConsole((s) => s.settings.operator);
  const setOperator = useConsole((s) => s.setOperator);
  return (
    <label className={`operator${operator ? '' : ' operator--missing'}`} data-testid="operator">
      <span className="operator__label">{t('operator.label')}</span>
      <select value={operator ?? ''} onChange={(e) => void setOperator(e.target.value === '' ? null : e.target.value)} name="operator">
        <option value="">{t('operator.none')}</option>
        {(people ?? []).map((p) => (
          <option key={p.id} value={p.id}>
            {localize(p.name)}
          </option>
        ))}
      </select>
    </label>
  );
}

import { useState } from 'react';
import type { LocalizedText } from '../../../shared/i18n';
import { zoneKinds, type Zone } from '../../../shared/site/schema';
import { useT } from '../../i18n/useT';

export interface ZoneDraft {
  readonly id: string;
  readonly name: LocalizedText;
  readonly kind: Zone['kind'];
}

/** Drawing a zone: corners clicked on the plan, closed by a double-click, then named and saved. */
export function ZoneFieldset(props: { active: boolean; closed: boolean; busy: boolean; onStart: () => void; onSave: (zone: ZoneDraft) => void }) {
  const t = useT();
  const [form, setForm] = useState({ id: '', en: '', zh: '', kind: 'other' as Zone['kind'] });
  return (
    <fieldset>
      <legend>{t('plans.drawZone')}</legend>
      <button type="button" className="button" data-testid="plans-draw" onClick={props.onStart}>
        {t('plans.drawZone')}
      </button>
      {props.active ? <small>{t('plans.drawHint')}</small> : null}
      {props.active && props.closed ? (
        <>
          <input aria-label={t('plans.zoneId')} placeholder={t('plans.zoneId')} value={form.id} onChange={(e) => setForm({ ...form, id: e.currentTarget.value })} />
          <input aria-label={t('plans.zoneNameEn')} placeholder={t('plans.zoneNameEn')} value={form.en} onChange={(e) => setForm({ ...form, en: e.currentTarget.value })} />
          <input aria-label={t('plans.zoneNameZh')} placeholder={t('plans.zoneNameZh')} value={form.zh} onChange={(e) => setForm({ ...form, zh: e.currentTarget.value })} />
          <select aria-label={t('plans.zoneKind')} value={form.kind} onChange={(e) => setForm({ ...form, kind: e.currentTarget.value as Zone['kind'] })}>
            {zoneKinds.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button"
            disabled={props.busy}
            onClick={() =>
              props.onSave({
                id: form.id.trim(),
                name: { ...(form.en.trim() ? { en: form.en.trim() } : {}), ...(form.zh.trim() ? { 'zh-CN': form.zh.trim() } : {}) },
                kind: form.kind,
              })
            }
          >
            {t('plans.saveZone')}
          </button>
        </>
      ) : null}
    </fieldset>
  );
}

import type { SiteView } from '../../../shared/site/view';
import { useLocalize, useT } from '../../i18n/useT';
import type { CameraDraft } from './usePlanDraft';

/** Placing a camera: picked from the list (or dropped on the plan), clicked into position, aimed, saved. */
export function CameraFieldset(props: {
  cameras: SiteView['cameras'];
  floorId: string;
  active: boolean;
  draft: CameraDraft;
  busy: boolean;
  onPick: (draft: CameraDraft) => void;
  onDraft: (draft: CameraDraft) => void;
  onSave: () => void;
}) {
  const t = useT();
  const localize = useLocalize();
  const { draft } = props;
  const placed = props.cameras.find((c) => c.id === draft.id);
  return (
    <fieldset>
      <legend>{t('plans.placeCamera')}</legend>
      <small>{t('plans.placeHint')}</small>
      <ul className="camlist" data-testid="plans-cameras">
        {props.cameras.map((c) => (
          <li
            key={c.id}
            draggable
            data-camera={c.id}
            className={c.id === draft.id ? 'camlist__item is-selected' : 'camlist__item'}
            onDragStart={(e) => e.dataTransfer.setData('text/x-camera', c.id)}
            onClick={() => props.onPick({ id: c.id, heading: String(c.heading), fov: String(c.fov), position: c.floor === props.floorId ? c.position : undefined })}
          >
            {localize(c.name)}
          </li>
        ))}
      </ul>
      {props.active && placed ? (
        <>
          <input aria-label={t('plans.heading')} placeholder={t('plans.heading')} value={draft.heading} onChange={(e) => props.onDraft({ ...draft, heading: e.currentTarget.value })} />
          <input aria-label={t('plans.fov')} placeholder={t('plans.fov')} value={draft.fov} onChange={(e) => props.onDraft({ ...draft, fov: e.currentTarget.value })} />
          <button type="button" className="button" disabled={props.busy || !draft.position} onClick={props.onSave}>
            {t('plans.saveCamera')}
          </button>
        </>
      ) : null}
    </fieldset>
  );
}

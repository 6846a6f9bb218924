import { useState } from 'react';
import type { PlanEdit } from '../../../shared/plans/edit';
import { useT } from '../../i18n/useT';
import { fileBase64 } from './planGeometry';

/** Imports a plan image for the floor shown, or for a new floor when an id is typed. */
export function ImportFieldset(props: { floorId: string; busy: boolean; onSave: (edit: PlanEdit, after?: () => void) => Promise<void>; onNewFloor: (id: string) => void }) {
  const t = useT();
  const [newFloor, setNewFloor] = useState({ id: '', en: '', level: '' });
  const onImport = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    const isNew = newFloor.id.trim() !== '';
    const edit: PlanEdit = {
      op: 'import-plan',
      floor: isNew ? newFloor.id.trim() : props.floorId,
      fileName: file.name,
      dataBase64: await fileBase64(file),
      ...(isNew && newFloor.en.trim() ? { name: { en: newFloor.en.trim() } } : {}),
      ...(isNew && newFloor.level.trim() !== '' ? { level: Number(newFloor.level) } : {}),
    };
    await props.onSave(edit, () => {
      if (isNew) props.onNewFloor(newFloor.id.trim());
    });
  };
  return (
    <fieldset>
      <legend>{t('plans.import')}</legend>
      <input placeholder={t('plans.newFloorId')} aria-label={t('plans.newFloorId')} value={newFloor.id} onChange={(e) => setNewFloor({ ...newFloor, id: e.currentTarget.value })} />
      <input placeholder={t('plans.newFloorName')} aria-label={t('plans.newFloorName')} value={newFloor.en} onChange={(e) => setNewFloor({ ...newFloor, en: e.currentTarget.value })} />
      <input placeholder={t('plans.newFloorLevel')} aria-label={t('plans.newFloorLevel')} type="number" value={newFloor.level} onChange={(e) => setNewFloor({ ...newFloor, level: e.currentTarget.value })} />
      <input type="file" accept=".svg,.png,image/svg+xml,image/png" data-testid="plans-import" disabled={props.busy} onChange={(e) => void onImport(e.currentTarget.files?.[0])} />
    </fieldset>
  );
}

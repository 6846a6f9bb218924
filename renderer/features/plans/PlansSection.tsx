import { useState } from 'react';
import '../heatmap';
import type { PlanEdit } from '../../../shared/plans/edit';
import { viewWedge } from '../../../shared/site/geometry';
import { useConsole } from '../../app/StoreContext';
import { useLocalize, useT } from '../../i18n/useT';
import { CalibrateFieldset } from './CalibrateFieldset';
import { CameraFieldset } from './CameraFieldset';
import { ImportFieldset } from './ImportFieldset';
import { PlanCanvas } from './PlanCanvas';
import { toPixels } from './planGeometry';
import { usePlanDraft, type PlanMode } from './usePlanDraft';
import { ZoneFieldset } from './ZoneFieldset';

/**
 * The desk's Plans section: import a plan image, calibrate its scale by two
 * points and a known distance, draw and name zones, place cameras. Every
 * change goes to the core (the plans slice), which validates and saves the
 * site file; the new site arrives back through onSiteChanged.
 */
export function PlansSection() {
  const t = useT();
  const localize = useLocalize();
  const site = useConsole((s) => s.bootstrap?.site);
  const refusal = useConsole((s) => s.plansError);
  const editSitePlan = useConsole((s) => s.editSitePlan);
  const clearRefusal = useConsole((s) => s.clearPlansError);
  const floors = [...(site?.floors ?? [])].sort((a, b) => b.level - a.level);
  const [floorId, setFloorId] = useState<string | undefined>(undefined);
  // Same default as the floor plan panel: the lowest storey.
  const floor = floors.find((f) => f.id === floorId) ?? floors[floors.length - 1];
  const unit = floor ? Math.max(floor.widthM, floor.heightM) / 100 : 1;
  const draft = usePlanDraft(unit);
  const [saved, setSaved] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  if (!site || !floor) return null;

  const reset = (next: PlanMode, keepStatus = false): void => {
    draft.start(next);
    if (keepStatus) return;
    setSaved(undefined);
    clearRefusal();
  };
  const save = async (edit: PlanEdit, after?: () => void): Promise<void> => {
    setBusy(true);
    const what = await editSitePlan(edit);
    setSaved(what);
    if (what !== undefined) after?.();
    setBusy(false);
  };

  const { camera } = draft;
  const placed = site.cameras.find((c) => c.id === camera.id);
  const draftCamera = placed && camera.position ? viewWedge(camera.position, Number(camera.heading) || 0, Number(camera.fov) || 1, placed.range) : undefined;
  const status = refusal !== undefined ? { ok: false, text: t('plans.refused', { message: refusal }) } : saved !== undefined ? { ok: true, text: `${t('plans.saved')}: ${saved}` } : undefined;

  return (
    <main className="plans" data-testid="plans-section">
      <section className="plans__canvas">
        <div className="tabs" role="tablist" aria-label={t('site.floors')}>
          {floors.map((f) => (
            <button key={f.id} type="button" role="tab" aria-selected={f.id === floor.id} className={f.id === floor.id ? 'tab is-active' : 'tab'} onClick={() => setFloorId(f.id)}>
              {localize(f.name)}
            </button>
          ))}
        </div>
        <PlanCanvas site={site} floor={floor} mode={draft.mode} points={draft.points} draftCamera={draftCamera} unit={unit} onClick={draft.onClick} onDoubleClick={draft.onDoubleClick} onDrop={draft.onDrop} />
      </section>

      <aside className="plans__tools">
        <h2 className="panel__title">{t('plans.title')}</h2>
        <div className="muted" data-testid="plans-scale">
          {t('plans.scaleNow', { mpp: floor.plan.metresPerPixel.toPrecision(4), width: floor.widthM.toFixed(1), height: floor.heightM.toFixed(1) })}
        </div>
        <ImportFieldset floorId={floor.id} busy={busy} onSave={save} onNewFloor={setFloorId} />
        <CalibrateFieldset
          active={draft.mode === 'calibrate'}
          points={draft.points}
          busy={busy}
          onStart={() => reset('calibrate')}
          onApply={(a, b, distanceM) => {
            const mpp = floor.plan.metresPerPixel;
            void save({ op: 'calibrate', floor: floor.id, a: toPixels(a, mpp), b: toPixels(b, mpp), distanceM }, () => reset('idle', true));
          }}
        />
        <ZoneFieldset
          active={draft.mode === 'zone'}
          closed={draft.closed}
          busy={busy}
          onStart={() => reset('zone')}
          onSave={(zone) => void save({ op: 'zone', zone: { ...zone, floor: floor.id, polygon: draft.points } }, () => reset('idle', true))}
        />
        <CameraFieldset
          cameras={site.cameras}
          floorId={floor.id}
          active={draft.mode === 'camera'}
          draft={camera}
          busy={busy}
          onPick={draft.placeCamera}
          onDraft={draft.setCamera}
          onSave={() => {
            if (!camera.position) return;
            void save({ op: 'camera', camera: camera.id, floor: floor.id, position: camera.position, heading: Number(camera.heading), fov: Number(camera.fov) });
          }}
        />
        {draft.mode !== 'idle' ? (
          <button type="button" className="button" onClick={() => reset('idle')}>
            {t('plans.cancel')}
          </button>
        ) : null}
        {status ? (
          <div className={status.ok ? 'plans__status' : 'plans__status is-error'} role={status.ok ? 'status' : 'alert'} data-testid="plans-status">
            {status.text}
          </div>
        ) : null}
      </aside>
    </main>
  );
}

import { useState, type DragEvent, type MouseEvent } from 'react';
import '../heatmap/heatmap.css';
import type { Point } from '../../../shared/domain/ids';
import type { PlanEdit } from '../../../shared/plans/edit';
import { zoneKinds, type Zone } from '../../../shared/site/schema';
import { viewWedge } from '../../../shared/site/geometry';
import { useConsole, useConsoleApi } from '../../app/StoreContext';
import { useLocalize, useT } from '../../i18n/useT';
import { zoneFill } from '../floorplan/zoneStyle';
import { addCorner, fileBase64, svgPoint, toPixels } from './planGeometry';

type Mode = 'idle' | 'calibrate' | 'zone' | 'camera';

/**
 * The desk's Plans section: import a plan image, calibrate its scale by two
 * points and a known distance, draw and name zones, place cameras. Every
 * change goes to the core, which validates and saves the site file; the new
 * site arrives back through onSiteChanged.
 */
export function PlansSection() {
  const t = useT();
  const localize = useLocalize();
  const api = useConsoleApi();
  const site = useConsole((s) => s.bootstrap?.site);
  const floors = [...(site?.floors ?? [])].sort((a, b) => b.level - a.level);
  const [floorId, setFloorId] = useState<string | undefined>(undefined);
  // Same default as the floor plan panel: the lowest storey.
  const floor = floors.find((f) => f.id === floorId) ?? floors[floors.length - 1];
  const [mode, setMode] = useState<Mode>('idle');
  const [points, setPoints] = useState<Point[]>([]);
  const [closed, setClosed] = useState(false);
  const [distance, setDistance] = useState('');
  const [zoneForm, setZoneForm] = useState({ id: '', en: '', zh: '', kind: 'other' as Zone['kind'] });
  const [camera, setCamera] = useState({ id: '', heading: '0', fov: '60', position: undefined as Point | undefined });
  const [newFloor, setNewFloor] = useState({ id: '', en: '', level: '' });
  const [status, setStatus] = useState<{ ok: boolean; text: string } | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  if (!site || !floor) return null;
  const unit = Math.max(floor.widthM, floor.heightM) / 100;

  const reset = (next: Mode, keepStatus = false) => {
    setMode(next);
    setPoints([]);
    setClosed(false);
    if (!keepStatus) setStatus(undefined);
  };

  const save = async (edit: PlanEdit, after?: () => void) => {
    setBusy(true);
    try {
      const result = await api.editSitePlan(edit);
      setStatus({ ok: true, text: `${t('plans.saved')}: ${result.what}` });
      after?.();
    } catch (err) {
      setStatus({ ok: false, text: t('plans.refused', { message: describe(err) }) });
    } finally {
      setBusy(false);
    }
  };

  const onPlanClick = (e: MouseEvent<SVGSVGElement>) => {
    const p = svgPoint(e.currentTarget, e.clientX, e.clientY);
    if (!p) return;
    if (mode === 'calibrate') setPoints((prev) => (prev.length >= 2 ? [p] : [...prev, p]));
    else if (mode === 'zone' && !closed) setPoints((prev) => addCorner(prev, p, unit * 0.3));
    else if (mode === 'camera') setCamera((c) => ({ ...c, position: p }));
  };
  const onDrop = (e: DragEvent<SVGSVGElement>) => {
    e.preventDefault();
    const id = e.dataTransfer.getData('text/x-camera');
    const p = svgPoint(e.currentTarget, e.clientX, e.clientY);
    if (!id || !p) return;
    setMode('camera');
    setCamera((c) => ({ ...c, id, position: p }));
  };

  const onImport = async (file: File | undefined) => {
    if (!file) return;
    const isNew = newFloor.id.trim() !== '';
    const edit: PlanEdit = {
      op: 'import-plan',
      floor: isNew ? newFloor.id.trim() : floor.id,
      fileName: file.name,
      dataBase64: await fileBase64(file),
      ...(isNew && newFloor.en.trim() ? { name: { en: newFloor.en.trim() } } : {}),
      ...(isNew && newFloor.level.trim() !== '' ? { level: Number(newFloor.level) } : {}),
    };
    await save(edit, () => {
      if (isNew) setFloorId(newFloor.id.trim());
    });
  };

  const cameras = site.cameras;
  const placed = cameras.find((c) => c.id === camera.id);
  const draftCamera = placed && camera.position ? viewWedge(camera.position, Number(camera.heading) || 0, Number(camera.fov) || 1, placed.range) : undefined;

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
        <svg
          viewBox={`0 0 ${floor.widthM} ${floor.heightM}`}
          preserveAspectRatio="xMidYMid meet"
          data-testid="plans-svg"
          data-mode={mode}
          onClick={onPlanClick}
          onDoubleClick={() => mode === 'zone' && points.length >= 3 && setClosed(true)}
          onDragOver={(e) => e.preventDefault()}
          onDrop={onDrop}
          style={{ height: 'calc(100% - 2.5rem)' }}
        >
          <image href={floor.imageUrl} x={0} y={0} width={floor.widthM} height={floor.heightM} preserveAspectRatio="none" />
          {site.zones
            .filter((z) => z.floor === floor.id)
            .map((z) => (
              <polygon key={z.id} data-zone={z.id} points={z.polygon.map((p) => p.join(',')).join(' ')} fill={zoneFill(z.kind)} fillOpacity={0.12} stroke={zoneFill(z.kind)} strokeWidth={unit * 0.2} />
            ))}
          {cameras
            .filter((c) => c.floor === floor.id)
            .map((c) => (
              <circle key={c.id} data-camera-icon={c.id} cx={c.position[0]} cy={c.position[1]} r={unit * 0.8} className="floorplan__dot" />
            ))}
          {points.length >= 2 && mode === 'zone' ? (
            <polygon className="plans__draft" points={points.map((p) => p.join(',')).join(' ')} strokeWidth={unit * 0.25} data-testid="zone-draft" />
          ) : null}
          {points.length === 2 && mode === 'calibrate' ? (
            <line x1={points[0]?.[0]} y1={points[0]?.[1]} x2={points[1]?.[0]} y2={points[1]?.[1]} stroke="#facc15" strokeWidth={unit * 0.3} />
          ) : null}
          {points.map((p, i) => (
            <circle key={i} className="plans__mark" cx={p[0]} cy={p[1]} r={unit * 0.6} />
          ))}
          {draftCamera ? <polygon points={draftCamera.map((p) => p.join(',')).join(' ')} className="floorplan__fov" /> : null}
        </svg>
      </section>

      <aside className="plans__tools">
        <h2 className="panel__title">{t('plans.title')}</h2>
        <div className="muted" data-testid="plans-scale">
          {t('plans.scaleNow', { mpp: floor.plan.metresPerPixel.toPrecision(4), width: floor.widthM.toFixed(1), height: floor.heightM.toFixed(1) })}
        </div>

        <fieldset>
          <legend>{t('plans.import')}</legend>
          <input placeholder={t('plans.newFloorId')} aria-label={t('plans.newFloorId')} value={newFloor.id} onChange={(e) => setNewFloor({ ...newFloor, id: e.currentTarget.value })} />
          <input placeholder={t('plans.newFloorName')} aria-label={t('plans.newFloorName')} value={newFloor.en} onChange={(e) => setNewFloor({ ...newFloor, en: e.currentTarget.value })} />
          <input placeholder={t('plans.newFloorLevel')} aria-label={t('plans.newFloorLevel')} type="number" value={newFloor.level} onChange={(e) => setNewFloor({ ...newFloor, level: e.currentTarget.value })} />
          <input type="file" accept=".svg,.png,image/svg+xml,image/png" data-testid="plans-import" disabled={busy} onChange={(e) => void onImport(e.currentTarget.files?.[0])} />
        </fieldset>

        <fieldset>
          <legend>{t('plans.calibrate')}</legend>
          <button type="button" className="button" data-testid="plans-calibrate" onClick={() => reset('calibrate')}>
            {t('plans.calibrate')}
          </button>
          {mode === 'calibrate' ? (
            <>
              <small>{t('plans.calibrateHint')}</small>
              <input aria-label={t('plans.distance')} placeholder={t('plans.distance')} value={distance} onChange={(e) => setDistance(e.currentTarget.value)} inputMode="decimal" />
              <button
                type="button"
                className="button"
                disabled={busy || points.length !== 2}
                onClick={() => {
                  const [a, b] = points;
                  if (!a || !b) return;
                  const mpp = floor.plan.metresPerPixel;
                  void save({ op: 'calibrate', floor: floor.id, a: toPixels(a, mpp), b: toPixels(b, mpp), distanceM: Number(distance) }, () => reset('idle', true));
                }}
              >
                {t('plans.applyScale')}
              </button>
            </>
          ) : null}
        </fieldset>

        <fieldset>
          <legend>{t('plans.drawZone')}</legend>
          <button type="button" className="button" data-testid="plans-draw" onClick={() => reset('zone')}>
            {t('plans.drawZone')}
          </button>
          {mode === 'zone' ? <small>{t('plans.drawHint')}</small> : null}
          {mode === 'zone' && closed ? (
            <>
              <input aria-label={t('plans.zoneId')} placeholder={t('plans.zoneId')} value={zoneForm.id} onChange={(e) => setZoneForm({ ...zoneForm, id: e.currentTarget.value })} />
              <input aria-label={t('plans.zoneNameEn')} placeholder={t('plans.zoneNameEn')} value={zoneForm.en} onChange={(e) => setZoneForm({ ...zoneForm, en: e.currentTarget.value })} />
              <input aria-label={t('plans.zoneNameZh')} placeholder={t('plans.zoneNameZh')} value={zoneForm.zh} onChange={(e) => setZoneForm({ ...zoneForm, zh: e.currentTarget.value })} />
              <select aria-label={t('plans.zoneKind')} value={zoneForm.kind} onChange={(e) => setZoneForm({ ...zoneForm, kind: e.currentTarget.value as Zone['kind'] })}>
                {zoneKinds.map((k) => (
                  <option key={k} value={k}>
                    {k}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={() =>
                  void save(
                    {
                      op: 'zone',
                      zone: {
                        id: zoneForm.id.trim(),
                        name: { ...(zoneForm.en.trim() ? { en: zoneForm.en.trim() } : {}), ...(zoneForm.zh.trim() ? { 'zh-CN': zoneForm.zh.trim() } : {}) },
                        floor: floor.id,
                        kind: zoneForm.kind,
                        polygon: points,
                      },
                    },
                    () => reset('idle', true),
                  )
                }
              >
                {t('plans.saveZone')}
              </button>
            </>
          ) : null}
        </fieldset>

        <fieldset>
          <legend>{t('plans.placeCamera')}</legend>
          <small>{t('plans.placeHint')}</small>
          <ul className="camlist" data-testid="plans-cameras">
            {cameras.map((c) => (
              <li
                key={c.id}
                draggable
                data-camera={c.id}
                className={c.id === camera.id ? 'camlist__item is-selected' : 'camlist__item'}
                onDragStart={(e) => e.dataTransfer.setData('text/x-camera', c.id)}
                onClick={() => {
                  setMode('camera');
                  setCamera({ id: c.id, heading: String(c.heading), fov: String(c.fov), position: c.floor === floor.id ? c.position : undefined });
                }}
              >
                {localize(c.name)}
              </li>
            ))}
          </ul>
          {mode === 'camera' && placed ? (
            <>
              <input aria-label={t('plans.heading')} placeholder={t('plans.heading')} value={camera.heading} onChange={(e) => setCamera({ ...camera, heading: e.currentTarget.value })} />
              <input aria-label={t('plans.fov')} placeholder={t('plans.fov')} value={camera.fov} onChange={(e) => setCamera({ ...camera, fov: e.currentTarget.value })} />
              <button
                type="button"
                className="button"
                disabled={busy || !camera.position}
                onClick={() => {
                  if (!camera.position) return;
                  void save({ op: 'camera', camera: camera.id, floor: floor.id, position: camera.position, heading: Number(camera.heading), fov: Number(camera.fov) });
                }}
              >
                {t('plans.saveCamera')}
              </button>
            </>
          ) : null}
        </fieldset>

        {mode !== 'idle' ? (
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

/** The core's refusal: its message plus the fields it names. */
function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const issues = (err as Error & { issues?: readonly { path: string; message: string }[] }).issues ?? [];
  const fields = issues.map((i) => `${i.path}: ${i.message}`);
  return fields.length > 0 && !fields.every((f) => err.message.includes(f)) ? `${err.message} (${fields.join('; ')})` : err.message;
}

import { useState } from 'react';
import { wallAddress } from '../../../shared/wall/layouts';
import { useConsole } from '../../app/StoreContext';
import { useLocalize, useT } from '../../i18n/useT';
import { FloorPlanPanel, useAlertHeat, usePlanAlarms } from '../floorplan';
import { CAMERA_DRAG_TYPE } from '../video';
import { DeskWall } from '../wall';

/** Operations: floor plan and camera list (drag a camera onto a wall tile) beside the desk's view of a wall. */
export function OperationsSection() {
  const site = useConsole((s) => s.bootstrap?.site);
  const [selected, setSelected] = useState<string | undefined>();
  const heat = useAlertHeat();
  const alarms = usePlanAlarms(site);
  const wallSpotlight = useConsole((s) => s.wallSpotlight);
  // The wall slice's last error, shown here only while it is this panel's spotlight that failed.
  const [failed, setFailed] = useState(false);
  const error = useConsole((s) => (failed ? s.wallError?.message : undefined));
  const t = useT();
  const localize = useLocalize();
  if (!site) return null;
  return (
    <main className="desk">
      <section className="panel desk__plan">
        <FloorPlanPanel
          site={site}
          events={heat}
          alarms={alarms}
          selectedCamera={selected}
          onCameraDragStart={(camera, e) => {
            e.dataTransfer.setData(CAMERA_DRAG_TYPE, camera.id);
            e.dataTransfer.effectAllowed = 'copy';
          }}
          onCameraClick={(c) => {
            // Clicking a camera on the plan spotlights it on the first wall (a journal entry every wall folds).
            setSelected(c.id);
            void wallSpotlight(wallAddress(1), c.id).then((ok) => setFailed(!ok));
          }}
        />
      </section>
      <section className="panel desk__cameras">
        <h2 className="panel__title">
          {t('site.cameras')} <span className="muted">{site.cameras.length}</span>
        </h2>
        {error && (
          <div className="field__error" role="alert">
            {error}
          </div>
        )}
        <ul className="camlist">
          {site.cameras.map((camera) => (
            <li key={camera.id}>
              <button
                type="button"
                draggable
                data-camera={camera.id}
                onDragStart={(e) => {
                  e.dataTransfer.setData(CAMERA_DRAG_TYPE, camera.id);
                  e.dataTransfer.effectAllowed = 'copy';
                }}
                className={camera.id === selected ? 'camlist__item is-selected' : 'camlist__item'}
                onClick={() => setSelected(camera.id)}
              >
                {localize(camera.name)}
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section className="panel desk__video">
        <DeskWall site={site} />
      </section>
    </main>
  );
}

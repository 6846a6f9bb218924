import { useState } from 'react';
import { useConsole } from '../../app/StoreContext';
import { useLocalize, useT } from '../../i18n/useT';
import { FloorPlanPanel } from '../floorplan/FloorPlanPanel';
import { useAlertHeat } from '../floorplan/useAlertHeat';
import { VideoGrid } from '../video/VideoGrid';

/** Operations: floor plan and camera list beside a 4×4 monitor of sub streams. */
export function OperationsSection() {
  const site = useConsole((s) => s.bootstrap?.site);
  const [selected, setSelected] = useState<string | undefined>();
  const heat = useAlertHeat();
  const t = useT();
  const localize = useLocalize();
  if (!site) return null;
  return (
    <main className="desk">
      <section className="panel desk__plan">
        <FloorPlanPanel site={site} events={heat} selectedCamera={selected} onCameraClick={(c) => setSelected(c.id)} />
      </section>
      <section className="panel desk__cameras">
        <h2 className="panel__title">
          {t('site.cameras')} <span className="muted">{site.cameras.length}</span>
        </h2>
        <ul className="camlist">
          {site.cameras.map((camera) => (
            <li key={camera.id}>
              <button type="button" className={camera.id === selected ? 'camlist__item is-selected' : 'camlist__item'} onClick={() => setSelected(camera.id)}>
                {localize(camera.name)}
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section className="panel desk__video">
        <VideoGrid cameras={site.cameras} columns={4} stream="sub" onActivate={setSelected} />
      </section>
    </main>
  );
}

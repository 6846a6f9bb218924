import type { SiteView } from '../../../shared/site/view';
import { wallAddress } from '../../../shared/wall/layouts';
import { useConsole } from '../../app/StoreContext';
import { FloorPlanPanel, useAlertHeat, usePlanAlarms } from '../floorplan';
import { useWallModel } from './useWall';
import { WallStage } from './WallStage';
import './wall.css';
import { WallCommsBanner } from '../roster';

/**
 * The monitoring wall: read-only, unattended, addressed `wall-<monitor>` so the
 * desk can push cameras to it. What it shows is the journal's projection, so
 * every window and browser on the same route shows the same wall.
 */
export function WallView(props: { monitor: number }) {
  const site = useConsole((s) => s.bootstrap?.site);
  const heat = useAlertHeat();
  const alarms = usePlanAlarms(site);
  if (!site) return null;
  return (
    <main className="wall" data-testid="wall-view" data-monitor={props.monitor} data-wall={wallAddress(props.monitor)}>
      <section className="wall__video">
        <WallScreenView site={site} address={wallAddress(props.monitor)} />
      </section>
      <aside className="wall__side">
        <WallCommsBanner />
        <FloorPlanPanel site={site} events={heat} alarms={alarms} large />
      </aside>
    </main>
  );
}

function WallScreenView(props: { site: SiteView; address: string }) {
  const { model, liftedFor } = useWallModel(props.address, props.site);
  return <WallStage site={props.site} model={model} liftedFor={liftedFor} />;
}

import { useConsole } from '../../app/StoreContext';
import { FloorPlanPanel } from '../floorplan/FloorPlanPanel';
import { VideoGrid } from '../video/VideoGrid';
import { WallCommsBanner } from '../roster/WallCommsBanner';

/**
 * The monitoring wall: read-only, unattended. Sixteen camera tiles and the
 * floor plan, sized to be read across the room; no control needs a keyboard.
 */
export function WallView(props: { monitor: number }) {
  const site = useConsole((s) => s.bootstrap?.site);
  if (!site) return null;
  return (
    <main className="wall" data-testid="wall-view" data-monitor={props.monitor}>
      <section className="wall__video">
        <VideoGrid cameras={site.cameras} columns={4} stream="sub" />
      </section>
      <aside className="wall__side">
        <WallCommsBanner />
        <FloorPlanPanel site={site} large />
      </aside>
    </main>
  );
}

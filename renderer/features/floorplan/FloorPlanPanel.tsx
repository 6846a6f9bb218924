import { useState } from 'react';
import type { CameraView, SiteView } from '../../../shared/site/view';
import { FloorPlan } from './FloorPlan';
import { FloorTabs } from './FloorTabs';

/** Floor tabs over the selected floor's plan. */
export function FloorPlanPanel(props: {
  site: SiteView;
  large?: boolean;
  selectedCamera?: string | undefined;
  onCameraClick?: (camera: CameraView) => void;
}) {
  const ordered = [...props.site.floors].sort((a, b) => a.level - b.level);
  const [floorId, setFloorId] = useState(ordered[0]?.id ?? '');
  const floor = props.site.floors.find((f) => f.id === floorId) ?? ordered[0];
  if (!floor) return null;
  return (
    <div className="floorpanel">
      <FloorTabs floors={props.site.floors} current={floor.id} onSelect={setFloorId} />
      <div className="floorpanel__plan">
        <FloorPlan
          site={props.site}
          floor={floor}
          large={props.large ?? false}
          selectedCamera={props.selectedCamera}
          {...(props.onCameraClick ? { onCameraClick: props.onCameraClick } : {})}
        />
      </div>
    </div>
  );
}

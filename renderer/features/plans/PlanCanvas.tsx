import type { DragEvent, MouseEvent } from 'react';
import type { Point } from '../../../shared/domain/ids';
import type { SiteView } from '../../../shared/site/view';
import { zoneFill } from '../floorplan';
import type { PlanMode } from './usePlanDraft';

type Floor = SiteView['floors'][number];

/** The floor being edited: its image, zones and cameras, and the draft (calibration line, zone corners, camera wedge). */
export function PlanCanvas(props: {
  site: SiteView;
  floor: Floor;
  mode: PlanMode;
  points: readonly Point[];
  draftCamera: readonly Point[] | undefined;
  unit: number;
  onClick: (e: MouseEvent<SVGSVGElement>) => void;
  onDoubleClick: () => void;
  onDrop: (e: DragEvent<SVGSVGElement>) => void;
}) {
  const { site, floor, mode, points, unit } = props;
  return (
    <svg
      viewBox={`0 0 ${floor.widthM} ${floor.heightM}`}
      preserveAspectRatio="xMidYMid meet"
      data-testid="plans-svg"
      data-mode={mode}
      onClick={props.onClick}
      onDoubleClick={props.onDoubleClick}
      onDragOver={(e) => e.preventDefault()}
      onDrop={props.onDrop}
      style={{ height: 'calc(100% - 2.5rem)' }}
    >
      <image href={floor.imageUrl} x={0} y={0} width={floor.widthM} height={floor.heightM} preserveAspectRatio="none" />
      {site.zones
        .filter((z) => z.floor === floor.id)
        .map((z) => (
          <polygon key={z.id} data-zone={z.id} points={z.polygon.map((p) => p.join(',')).join(' ')} fill={zoneFill(z.kind)} fillOpacity={0.12} stroke={zoneFill(z.kind)} strokeWidth={unit * 0.2} />
        ))}
      {site.cameras
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
      {props.draftCamera ? <polygon points={props.draftCamera.map((p) => p.join(',')).join(' ')} className="floorplan__fov" /> : null}
    </svg>
  );
}

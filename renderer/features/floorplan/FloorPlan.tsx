import { niceScaleLength, polygonCentroid, viewWedge } from '../../../shared/site/geometry';
import type { CameraView, FloorView, SiteView } from '../../../shared/site/view';
import { useLocalize, useT } from '../../i18n/useT';
import { zoneFill } from './zoneStyle';

export interface FloorPlanProps {
  readonly site: SiteView;
  readonly floor: FloorView;
  readonly selectedCamera?: string | undefined;
  readonly onCameraClick?: (camera: CameraView) => void;
  /** Larger labels and icons for the wall, readable across the room. */
  readonly large?: boolean;
}

/**
 * A floor drawn in plan metres: the plan image, zones, cameras with their
 * field of view, sensors, and a scale bar. The SVG viewBox is the floor's
 * metric extent, so everything placed in metres lands where it belongs.
 */
export function FloorPlan({ site, floor, selectedCamera, onCameraClick, large = false }: FloorPlanProps) {
  const localize = useLocalize();
  const t = useT();
  const zones = site.zones.filter((z) => z.floor === floor.id);
  const cameras = site.cameras.filter((c) => c.floor === floor.id);
  const sensors = site.sensors.filter((s) => s.floor === floor.id);
  const unit = Math.max(floor.widthM, floor.heightM) / 100; // 1 % of the plan, in metres
  const scale = niceScaleLength(floor.widthM / 5);
  const font = unit * (large ? 2.4 : 1.8);

  return (
    <svg
      className="floorplan"
      viewBox={`0 0 ${floor.widthM} ${floor.heightM}`}
      preserveAspectRatio="xMidYMid meet"
      role="img"
      aria-label={localize(floor.name)}
      data-floor={floor.id}
    >
      <image href={floor.imageUrl} x={0} y={0} width={floor.widthM} height={floor.heightM} preserveAspectRatio="none" />
      <g className="floorplan__zones">
        {zones.map((zone) => {
          const [cx, cy] = polygonCentroid(zone.polygon);
          return (
            <g key={zone.id} data-zone={zone.id}>
              <polygon
                points={zone.polygon.map((p) => p.join(',')).join(' ')}
                fill={zoneFill(zone.kind)}
                fillOpacity={0.16}
                stroke={zoneFill(zone.kind)}
                strokeWidth={unit * 0.25}
              />
              <text x={cx} y={cy} fontSize={font} textAnchor="middle" className="floorplan__label">
                {localize(zone.name)}
              </text>
            </g>
          );
        })}
      </g>
      <g className="floorplan__cameras">
        {cameras.map((camera) => {
          const wedge = viewWedge(camera.position, camera.heading, camera.fov, Math.min(camera.range, unit * 12));
          const selected = camera.id === selectedCamera;
          return (
            <g
              key={camera.id}
              data-camera-icon={camera.id}
              className={`floorplan__camera${selected ? ' is-selected' : ''}`}
              onClick={() => onCameraClick?.(camera)}
            >
              <title>{localize(camera.name)}</title>
              <polygon points={wedge.map((p) => p.join(',')).join(' ')} className="floorplan__fov" />
              <circle cx={camera.position[0]} cy={camera.position[1]} r={unit * (large ? 1.3 : 1)} className="floorplan__dot" />
            </g>
          );
        })}
      </g>
      <g className="floorplan__sensors">
        {sensors.map((sensor) =>
          sensor.to ? (
            <line
              key={sensor.id}
              x1={sensor.position[0]}
              y1={sensor.position[1]}
              x2={sensor.to[0]}
              y2={sensor.to[1]}
              className="floorplan__sensor-line"
              strokeWidth={unit * 0.4}
            >
              <title>{localize(sensor.name)}</title>
            </line>
          ) : (
            <rect
              key={sensor.id}
              x={sensor.position[0] - unit * 0.6}
              y={sensor.position[1] - unit * 0.6}
              width={unit * 1.2}
              height={unit * 1.2}
              className="floorplan__sensor"
            >
              <title>{localize(sensor.name)}</title>
            </rect>
          ),
        )}
      </g>
      <g className="floorplan__scale" transform={`translate(${unit * 3}, ${floor.heightM - unit * 3})`}>
        <line x1={0} y1={0} x2={scale} y2={0} strokeWidth={unit * 0.4} />
        <text x={scale / 2} y={-unit} fontSize={font} textAnchor="middle">
          {t('site.scale', { metres: scale })}
        </text>
      </g>
    </svg>
  );
}

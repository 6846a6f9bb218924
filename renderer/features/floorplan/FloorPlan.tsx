import { niceScaleLength, viewWedge } from '../../../shared/site/geometry';
import type { HeatEvent } from '../../../shared/heatmap/types';
import type { PlanAlarm } from '../../../shared/alerts/planAlarms';
import type { Zone } from '../../../shared/site/schema';
import type { DragEvent } from 'react';
import type { CameraView, FloorView, SiteView } from '../../../shared/site/view';
import { useLocalize, useT } from '../../i18n/useT';
import { HeatLayer } from '../heatmap';
import { AlarmsLayer, SensorsLayer, ZonesLayer } from './FloorPlanLayers';

export interface FloorPlanProps {
  readonly site: SiteView;
  readonly floor: FloorView;
  readonly selectedCamera?: string | undefined;
  readonly onCameraClick?: (camera: CameraView) => void;
  /** Set where cameras can be dragged off the plan (onto a wall tile): fills the drag's data. */
  readonly onCameraDragStart?: (camera: CameraView, e: DragEvent) => void;
  /** Larger labels and icons for the wall, readable across the room. */
  readonly large?: boolean;
  /** This floor's events inside the heat map window; absent = no heat layer. */
  readonly heatEvents?: readonly HeatEvent[] | undefined;
  readonly heatRadiusM?: number | undefined;
  /** Alerts per zone id in the window: zones are coloured and labelled by it. */
  readonly zoneCounts?: ReadonlyMap<string, number> | undefined;
  readonly selectedZone?: string | undefined;
  readonly onZoneClick?: ((zone: Zone) => void) | undefined;
  /** This floor's open red and orange alarms: their zones flash and an icon marks each. */
  readonly alarms?: readonly PlanAlarm[] | undefined;
  /** The alarm the plan turned to: highlighted above the others. */
  readonly focusAlarm?: string | undefined;
}

/**
 * A floor drawn in plan metres: the plan image, zones, cameras with their
 * field of view, sensors, and a scale bar. The SVG viewBox is the floor's
 * metric extent, so everything placed in metres lands where it belongs.
 */
export function FloorPlan({
  site,
  floor,
  selectedCamera,
  onCameraClick,
  onCameraDragStart,
  large = false,
  heatEvents,
  heatRadiusM,
  zoneCounts,
  selectedZone,
  onZoneClick,
  alarms,
  focusAlarm,
}: FloorPlanProps) {
  const localize = useLocalize();
  const t = useT();
  const zones = site.zones.filter((z) => z.floor === floor.id);
  const cameras = site.cameras.filter((c) => c.floor === floor.id);
  const sensors = site.sensors.filter((s) => s.floor === floor.id);
  const unit = Math.max(floor.widthM, floor.heightM) / 100; // 1 % of the plan, in metres
  const scale = niceScaleLength(floor.widthM / 5);
  const font = unit * (large ? 2.4 : 1.8);
  const alarmZones = new Map<string, PlanAlarm>();
  // The first alarm of a zone (in priority order) colours it.
  for (const a of alarms ?? []) if (a.zone !== undefined && !alarmZones.has(a.zone)) alarmZones.set(a.zone, a);

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
      {heatEvents ? (
        <HeatLayer widthM={floor.widthM} heightM={floor.heightM} events={heatEvents} {...(heatRadiusM ? { radiusM: heatRadiusM } : {})} />
      ) : null}
      <g className="floorplan__wedges" pointerEvents="none">
        {cameras.map((camera) => (
          <g key={camera.id} data-camera-fov={camera.id} className={`floorplan__camera${camera.id === selectedCamera ? ' is-selected' : ''}`}>
            <polygon
              points={viewWedge(camera.position, camera.heading, camera.fov, camera.range).map((p) => p.join(',')).join(' ')}
              className="floorplan__fov"
            />
          </g>
        ))}
      </g>
      <ZonesLayer zones={zones} unit={unit} font={font} large={large} zoneCounts={zoneCounts} selectedZone={selectedZone} onZoneClick={onZoneClick} alarmZones={alarmZones} />
      <g className="floorplan__cameras">
        {cameras.map((camera) => {
          const selected = camera.id === selectedCamera;
          return (
            <g
              key={camera.id}
              data-camera-icon={camera.id}
              className={`floorplan__camera${selected ? ' is-selected' : ''}`}
              onClick={(e) => {
                // A camera inside a zone: the camera click is the one meant.
                e.stopPropagation();
                onCameraClick?.(camera);
              }}
            >
              <title>{localize(camera.name)}</title>
              <circle cx={camera.position[0]} cy={camera.position[1]} r={unit * (large ? 1.3 : 1)} className="floorplan__dot" />
              {onCameraDragStart && (
                // SVG elements cannot start an HTML drag; a small HTML handle over the dot can.
                <foreignObject x={camera.position[0] - unit * 1.5} y={camera.position[1] - unit * 1.5} width={unit * 3} height={unit * 3}>
                  <div className="floorplan__drag" draggable data-camera-drag={camera.id} onDragStart={(e) => onCameraDragStart(camera, e)} />
                </foreignObject>
              )}
            </g>
          );
        })}
      </g>
      <SensorsLayer sensors={sensors} unit={unit} />
      {alarms && alarms.length > 0 ? <AlarmsLayer alarms={alarms} unit={unit * (large ? 1.3 : 1)} focus={focusAlarm} /> : null}
      <g className="floorplan__scale" transform={`translate(${unit * 3}, ${floor.heightM - unit * 3})`}>
        <line x1={0} y1={0} x2={scale} y2={0} strokeWidth={unit * 0.4} />
        <text x={scale / 2} y={-unit} fontSize={font} textAnchor="middle">
          {t('site.scale', { metres: scale })}
        </text>
      </g>
    </svg>
  );
}

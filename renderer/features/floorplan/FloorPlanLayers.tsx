import type { PlanAlarm } from '../../../shared/alerts/planAlarms';
import { polygonCentroid } from '../../../shared/site/geometry';
import type { Zone } from '../../../shared/site/schema';
import type { SiteView } from '../../../shared/site/view';
import { useLocalize } from '../../i18n/useT';
import { countBand, zoneFill } from './zoneStyle';

/** The floor's zones, coloured and labelled by their alert count in the heat window. */
export function ZonesLayer(props: {
  zones: readonly Zone[];
  unit: number;
  font: number;
  large: boolean;
  zoneCounts: ReadonlyMap<string, number> | undefined;
  selectedZone: string | undefined;
  onZoneClick: ((zone: Zone) => void) | undefined;
  /** Zones with an open red or orange alarm: outlined in its colour, flashing while unacknowledged. */
  alarmZones?: ReadonlyMap<string, PlanAlarm>;
}) {
  const { zones, unit, font, large, zoneCounts, selectedZone, onZoneClick, alarmZones } = props;
  const localize = useLocalize();
  return (
  <g className="floorplan__zones">
    {zones.map((zone) => {
      const [cx, cy] = polygonCentroid(zone.polygon);
      const count = zoneCounts?.get(zone.id) ?? 0;
      const band = countBand(count);
      const colour = band?.colour ?? zoneFill(zone.kind);
      const alarm = alarmZones?.get(zone.id);
      const alarmClass = alarm ? ` is-alarm sev-${alarm.severity}${alarm.awaitingAck ? ' is-flashing' : ''}` : '';
      return (
        <g
          key={zone.id}
          data-zone={zone.id}
          data-count={count}
          {...(alarm ? { 'data-alarm': alarm.alertId, 'data-alarm-state': alarm.awaitingAck ? 'awaiting' : 'acknowledged' } : {})}
          className={`floorplan__zone${zone.id === selectedZone ? ' is-selected' : ''}${onZoneClick ? ' is-clickable' : ''}${alarmClass}`}
          onClick={() => onZoneClick?.(zone)}
        >
          <polygon
            points={zone.polygon.map((p) => p.join(',')).join(' ')}
            fill={colour}
            fillOpacity={band ? 0.22 : 0.12}
            stroke={colour}
            strokeWidth={unit * (zone.id === selectedZone ? 0.6 : 0.25)}
          />
          <text x={cx} y={cy} fontSize={font} textAnchor="middle" className="floorplan__label">
            {localize(zone.name)}
          </text>
          {count > 0 ? (
            <text
              x={cx}
              y={cy + font * 1.3}
              fontSize={font * (large ? 1.6 : 1.2)}
              textAnchor="middle"
              className="floorplan__count"
              data-zone-count={count}
            >
              {count}
            </text>
          ) : null}
        </g>
      );
    })}
  </g>
  );
}

/** An icon at each open red or orange alarm's place: a ring that pulses while it waits, the focused one larger. */
export function AlarmsLayer(props: { alarms: readonly PlanAlarm[]; unit: number; focus: string | undefined }) {
  const { alarms, unit, focus } = props;
  return (
    <g className="floorplan__alarms" pointerEvents="none">
      {alarms.map((a) => (
        <g
          key={a.alertId}
          data-alarm-icon={a.alertId}
          className={`floorplan__alarm sev-${a.severity}${a.awaitingAck ? ' is-flashing' : ''}${a.alertId === focus ? ' is-focus' : ''}`}
        >
          <circle cx={a.x} cy={a.y} r={unit * (a.alertId === focus ? 3 : 2)} className="floorplan__alarm-ring" strokeWidth={unit * 0.5} />
          <circle cx={a.x} cy={a.y} r={unit * 0.8} className="floorplan__alarm-dot" />
        </g>
      ))}
    </g>
  );
}

/** The floor's sensors: a line for a fence or beam, a square for a point sensor. */
export function SensorsLayer(props: { sensors: SiteView['sensors']; unit: number }) {
  const { sensors, unit } = props;
  const localize = useLocalize();
  return (
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
  );
}

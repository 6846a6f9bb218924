import { useMemo, useState, type DragEvent } from 'react';
import { planFocus, type PlanAlarm } from '../../../shared/alerts/planAlarms';
import { activeCountsByFloor, zoneCounts } from '../../../shared/heatmap/counts';
import { buildTimeIndex, eventsInWindow, playbackSpan, type TimeIndex } from '../../../shared/heatmap/timeWindow';
import type { HeatEvent } from '../../../shared/heatmap/types';
import type { Zone } from '../../../shared/site/schema';
import type { CameraView, SiteView } from '../../../shared/site/view';
import { HeatLegend, TimeWindow, useHeatTimeline } from '../heatmap';
import { useNow } from '../../ui/useNow';
import { FloorPlan } from './FloorPlan';
import { FloorTabs } from './FloorTabs';
import { ZoneEvents } from './ZoneEvents';

const NO_EVENTS: readonly HeatEvent[] = [];

export interface FloorPlanPanelProps {
  site: SiteView;
  large?: boolean;
  selectedCamera?: string | undefined;
  onCameraClick?: (camera: CameraView) => void;
  /** Cameras can be dragged off the plan (onto a wall tile) when set. */
  onCameraDragStart?: (camera: CameraView, e: DragEvent) => void;
  /** Events for the heat map, zone counts and floor-tab counts (any order, all floors). */
  events?: readonly HeatEvent[];
  /** Fixed "now" (replay); live consoles leave it out and the window follows the clock. */
  now?: number;
  onZoneClick?: (zoneId: string) => void;
  heatRadiusM?: number;
  /** Open red and orange alarms (usePlanAlarms): their zones flash, and the plan turns to a new one's floor. */
  alarms?: readonly PlanAlarm[];
}

const NO_ALARMS: readonly PlanAlarm[] = [];

/**
 * Floor tabs (with active-alert counts) over the selected floor's plan, its
 * heat map and zone counts for the chosen time window, the legend, and the
 * window controls (desk only: the wall always shows the live window).
 * When an alarm that waits for acknowledgement becomes the first in line,
 * the plan switches to its floor once (the operator may then look elsewhere).
 */
export function FloorPlanPanel(props: FloorPlanPanelProps) {
  const ordered = [...props.site.floors].sort((a, b) => a.level - b.level);
  const [floorId, setFloorId] = useState(ordered[0]?.id ?? '');
  const [zoneId, setZoneId] = useState<string | undefined>(undefined);
  const events = props.events ?? NO_EVENTS;
  const alarms = props.alarms ?? NO_ALARMS;
  const focus = planFocus(alarms);
  const focusId = focus?.alertId;
  const focusFloor = focus?.floor;
  // Turn once per alarm (adjusting state while rendering, as React advises), not on every render while it waits.
  const [turnedFor, setTurnedFor] = useState<string | undefined>(undefined);
  if (focusId !== turnedFor) {
    setTurnedFor(focusId);
    if (focusFloor !== undefined && focusFloor !== floorId) setFloorId(focusFloor);
  }
  const now = useNow(5_000, props.now, events);
  const timeline = useHeatTimeline(now);

  // One time index per floor: a window query is then two binary searches on that floor's events.
  const byFloor = useMemo(() => indexByFloor(events), [events]);
  const active = useMemo(() => activeCountsByFloor(events), [events]);
  const floor = props.site.floors.find((f) => f.id === floorId) ?? ordered[0];
  const index = floor ? byFloor.get(floor.id) : undefined;
  const windowed = useMemo(
    () => (index ? eventsInWindow(index, timeline.end, timeline.durationMs) : NO_EVENTS),
    [index, timeline.end, timeline.durationMs],
  );
  const floorZones = useMemo(() => props.site.zones.filter((z) => z.floor === floor?.id), [props.site.zones, floor?.id]);
  const counts = useMemo(() => zoneCounts(windowed, floorZones), [windowed, floorZones]);
  const span = useMemo(() => playbackSpan(index ?? EMPTY_INDEX, now), [index, now]);
  if (!floor) return null;
  const zone = floorZones.find((z) => z.id === zoneId);
  const floorAlarms = alarms.filter((a) => a.floor === floor.id);
  const large = props.large ?? false;

  const onZone = (z: Zone) => {
    setZoneId(z.id === zoneId ? undefined : z.id);
    props.onZoneClick?.(z.id);
  };

  return (
    <div className={`floorpanel${large ? ' is-large' : ''}`}>
      <FloorTabs
        floors={props.site.floors}
        current={floor.id}
        activeCounts={active}
        alarmFloors={new Set(alarms.filter((a) => a.awaitingAck).map((a) => a.floor))}
        onSelect={(id) => {
          setFloorId(id);
          setZoneId(undefined);
        }}
      />
      <div className="floorpanel__plan">
        <FloorPlan
          site={props.site}
          floor={floor}
          large={large}
          selectedCamera={props.selectedCamera}
          heatEvents={windowed}
          heatRadiusM={props.heatRadiusM}
          zoneCounts={counts}
          selectedZone={zone?.id}
          alarms={floorAlarms}
          focusAlarm={focusId}
          onZoneClick={onZone}
          {...(props.onCameraClick ? { onCameraClick: props.onCameraClick } : {})}
          {...(props.onCameraDragStart ? { onCameraDragStart: props.onCameraDragStart } : {})}
        />
        {zone ? <ZoneEvents zone={zone} events={windowed} onClose={() => setZoneId(undefined)} /> : null}
      </div>
      <div className="floorpanel__heat">
        {large ? null : <TimeWindow timeline={timeline} span={span} count={windowed.length} />}
        <HeatLegend large={large} {...(props.heatRadiusM ? { radiusM: props.heatRadiusM } : {})} />
      </div>
    </div>
  );
}

const EMPTY_INDEX: TimeIndex = buildTimeIndex([]);

function indexByFloor(events: readonly HeatEvent[]): Map<string, TimeIndex> {
  const groups = new Map<string, HeatEvent[]>();
  for (const e of events) {
    const list = groups.get(e.floor);
    if (list) list.push(e);
    else groups.set(e.floor, [e]);
  }
  return new Map([...groups].map(([floor, list]) => [floor, buildTimeIndex(list)]));
}

import type { AlarmInput, AlarmSeverity, AlarmStatus } from '../wall/alarms';
import type { LayoutId } from '../wall/layouts';
import { domain } from './domain';

export interface WallSpotlight {
  readonly camera: string;
  readonly reason: 'operator' | 'alarm';
  readonly alertId: string | undefined;
  readonly at: number;
  readonly by: string;
}

/** One wall (a monitor with an address like "wall-1"). */
export interface WallScreen {
  readonly layout: LayoutId;
  readonly customId: string | undefined;
  /** Cameras pushed to tiles, by tile index; other tiles show the default fill. */
  readonly tiles: Readonly<Record<number, string>>;
  readonly spotlight: WallSpotlight | undefined;
  /** The tour running on this wall: since when (entry time). */
  readonly tour: { readonly tourId: string; readonly startedAt: number } | undefined;
}

export interface WallSnapshotRecord {
  readonly entryId: string;
  readonly camera: string;
  readonly file: string;
  readonly sha256: string;
  readonly at: number;
  readonly by: string;
}

export interface MaskLift {
  readonly reason: string;
  readonly until: number | undefined;
  readonly at: number;
  readonly by: string;
}

export interface WallState {
  readonly walls: Readonly<Record<string, WallScreen>>;
  /** Recent snapshots, newest last (the last 100). */
  readonly snapshots: readonly WallSnapshotRecord[];
  /** Lifted privacy masks: camera → mask index → why. A lift with `until` expires by time (see isMaskLifted). */
  readonly liftedMasks: Readonly<Record<string, Readonly<Record<number, MaskLift>>>>;
  /**
   * Alerts that may pop up on the wall, folded from the alert kinds of the
   * alert contract (alert.raised, alert.acknowledged, …) when the journal has
   * them; closed alerts stay while their minimum hold may still run (the last 200).
   */
  readonly alarms: readonly AlarmInput[];
}

export const emptyWall = (): WallScreen => ({ layout: '16', customId: undefined, tiles: {}, spotlight: undefined, tour: undefined });

const KEEP_SNAPSHOTS = 100;
const KEEP_ALARMS = 200;

function withWall(state: WallState, address: unknown, change: (w: WallScreen) => WallScreen): WallState {
  if (typeof address !== 'string') return state;
  const wall = state.walls[address] ?? emptyWall();
  return { ...state, walls: { ...state.walls, [address]: change(wall) } };
}

const SEVERITIES: readonly AlarmSeverity[] = ['red', 'orange', 'yellow', 'blue'];
/** Alert kinds (alert contract) → the status they set; the fold is tolerant because the alert kinds are owned elsewhere. */
const ALERT_STATUS: Readonly<Record<string, AlarmStatus>> = {
  'alert.acknowledged': 'acknowledged',
  'alert.dispatched': 'dispatched',
  'alert.resolved': 'resolved',
  'alert.false-alarm': 'false-alarm',
  'alert.escalated': 'escalated',
};

function alarmStatus(current: AlarmStatus, kind: string): AlarmStatus {
  const next = ALERT_STATUS[kind];
  if (!next) return current;
  // Closed stays closed; a later acknowledgement does not un-escalate the history but does end waiting.
  if (current === 'resolved' || current === 'false-alarm') return current;
  return next;
}

/** The wall: layouts, pushed cameras, spotlight, tours, snapshots, lifted masks, and alarms to pop up. */
export const wallDomain = domain<WallState>({
  init: () => ({ walls: {}, snapshots: [], liftedMasks: {}, alarms: [] }),
  apply: (state, entry) => {
    const p = (entry.payload ?? {}) as Record<string, unknown>;
    switch (entry.kind) {
      case 'wall.layout':
        return withWall(state, p.wall, (w) => ({
          ...w,
          layout: p.layout as LayoutId,
          customId: typeof p.customId === 'string' ? p.customId : undefined,
        }));
      case 'wall.push':
        return withWall(state, p.wall, (w) => {
          const tile = Number(p.tile);
          const camera = String(p.camera);
          // A camera shows once per wall: pushing it elsewhere moves it.
          const tiles: Record<number, string> = {};
          for (const [k, v] of Object.entries(w.tiles)) if (v !== camera) tiles[Number(k)] = v;
          tiles[tile] = camera;
          return { ...w, tiles };
        });
      case 'wall.spotlight':
        return withWall(state, p.wall, (w) => ({
          ...w,
          spotlight:
            typeof p.camera === 'string'
              ? { camera: p.camera, reason: p.reason === 'alarm' ? 'alarm' : 'operator', alertId: typeof p.alertId === 'string' ? p.alertId : undefined, at: entry.occurredAt, by: entry.actor }
              : undefined,
        }));
      case 'wall.tour':
        return withWall(state, p.wall, (w) => ({
          ...w,
          tour: p.action === 'start' && typeof p.tourId === 'string' ? { tourId: p.tourId, startedAt: entry.occurredAt } : undefined,
        }));
      case 'wall.snapshot': {
        const record: WallSnapshotRecord = { entryId: entry.id, camera: String(p.camera), file: String(p.file), sha256: String(p.sha256), at: Number(p.at), by: entry.actor };
        return { ...state, snapshots: [...state.snapshots, record].slice(-KEEP_SNAPSHOTS) };
      }
      case 'wall.mask-lifted': {
        const camera = String(p.camera);
        const lift: MaskLift = { reason: String(p.reason), until: typeof p.until === 'number' ? p.until : undefined, at: entry.occurredAt, by: entry.actor };
        return { ...state, liftedMasks: { ...state.liftedMasks, [camera]: { ...state.liftedMasks[camera], [Number(p.maskIndex)]: lift } } };
      }
      case 'wall.mask-restored': {
        const camera = String(p.camera);
        const current = state.liftedMasks[camera];
        const index = Number(p.maskIndex);
        if (!current || !(index in current)) return state;
        const rest: Record<number, MaskLift> = {};
        for (const [k, v] of Object.entries(current)) if (Number(k) !== index) rest[Number(k)] = v;
        return { ...state, liftedMasks: { ...state.liftedMasks, [camera]: rest } };
      }
      case 'alert.raised': {
        if (typeof p.alertId !== 'string' || state.alarms.some((a) => a.alertId === p.alertId)) return state;
        const severity = SEVERITIES.includes(p.severity as AlarmSeverity) ? (p.severity as AlarmSeverity) : 'blue';
        const cameras = Array.isArray(p.cameras) ? p.cameras.filter((c): c is string => typeof c === 'string') : [];
        if (typeof p.camera === 'string' && !cameras.includes(p.camera)) cameras.unshift(p.camera);
        const alarm: AlarmInput = {
          alertId: p.alertId,
          type: String(p.type ?? ''),
          severity,
          status: 'new',
          cameras,
          zone: typeof p.zone === 'string' ? p.zone : undefined,
          raisedAt: entry.occurredAt,
          mode: entry.mode,
        };
        return { ...state, alarms: [...state.alarms, alarm].slice(-KEEP_ALARMS) };
      }
      default: {
        if (!(entry.kind in ALERT_STATUS) || typeof p.alertId !== 'string') return state;
        const index = state.alarms.findIndex((a) => a.alertId === p.alertId);
        const alarm = state.alarms[index];
        if (!alarm) return state;
        const status = alarmStatus(alarm.status, entry.kind);
        if (status === alarm.status) return state;
        const alarms = [...state.alarms];
        alarms[index] = { ...alarm, status };
        return { ...state, alarms };
      }
    }
  },
});

/** Whether a mask is lifted at `now` (a lift with `until` in the past has expired). */
export function isMaskLifted(state: WallState, camera: string, maskIndex: number, now: number): boolean {
  const lift = state.liftedMasks[camera]?.[maskIndex];
  return lift !== undefined && (lift.until === undefined || lift.until > now);
}

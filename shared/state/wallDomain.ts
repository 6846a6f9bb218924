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
  // The alarms a wall pops up are not folded here: they are the alerts fold's alerts (`wallAlarms`), one status per alert.
}

export const emptyWall = (): WallScreen => ({ layout: '16', customId: undefined, tiles: {}, spotlight: undefined, tour: undefined });

const KEEP_SNAPSHOTS = 100;

function withWall(state: WallState, address: string, change: (w: WallScreen) => WallScreen): WallState {
  const wall = state.walls[address] ?? emptyWall();
  return { ...state, walls: { ...state.walls, [address]: change(wall) } };
}

/** The wall: layouts, pushed cameras, spotlight, tours, snapshots, lifted masks. */
export const wallDomain = domain<WallState>({
  init: () => ({ walls: {}, snapshots: [], liftedMasks: {} }),
  on: {
    'wall.layout': (state, p) => withWall(state, p.wall, (w) => ({ ...w, layout: p.layout, customId: p.customId })),
    'wall.push': (state, p) =>
      withWall(state, p.wall, (w) => {
        // A camera shows once per wall: pushing it elsewhere moves it.
        const tiles: Record<number, string> = {};
        for (const [k, v] of Object.entries(w.tiles)) if (v !== p.camera) tiles[Number(k)] = v;
        tiles[p.tile] = p.camera;
        return { ...w, tiles };
      }),
    'wall.spotlight': (state, p, entry) =>
      withWall(state, p.wall, (w) => ({
        ...w,
        spotlight: p.camera !== null ? { camera: p.camera, reason: p.reason, alertId: p.alertId, at: entry.occurredAt, by: entry.actor } : undefined,
      })),
    'wall.tour': (state, p, entry) =>
      withWall(state, p.wall, (w) => ({ ...w, tour: p.action === 'start' && p.tourId !== null ? { tourId: p.tourId, startedAt: entry.occurredAt } : undefined })),
    'wall.snapshot': (state, p, entry) => {
      const record: WallSnapshotRecord = { entryId: entry.id, camera: p.camera, file: p.file, sha256: p.sha256, at: p.at, by: entry.actor };
      return { ...state, snapshots: [...state.snapshots, record].slice(-KEEP_SNAPSHOTS) };
    },
    'wall.mask-lifted': (state, p, entry) => {
      const lift: MaskLift = { reason: p.reason, until: p.until, at: entry.occurredAt, by: entry.actor };
      return { ...state, liftedMasks: { ...state.liftedMasks, [p.camera]: { ...state.liftedMasks[p.camera], [p.maskIndex]: lift } } };
    },
    'wall.mask-restored': (state, p) => {
      const current = state.liftedMasks[p.camera];
      if (!current || !(p.maskIndex in current)) return state;
      const rest: Record<number, MaskLift> = {};
      for (const [k, v] of Object.entries(current)) if (Number(k) !== p.maskIndex) rest[Number(k)] = v;
      return { ...state, liftedMasks: { ...state.liftedMasks, [p.camera]: rest } };
    },
  },
});

/** Whether a mask is lifted at `now` (a lift with `until` in the past has expired). */
export function isMaskLifted(state: WallState, camera: string, maskIndex: number, now: number): boolean {
  const lift = state.liftedMasks[camera]?.[maskIndex];
  return lift !== undefined && (lift.until === undefined || lift.until > now);
}

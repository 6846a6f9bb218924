import type { WallScreen } from '../state/wallDomain';
import { alarmPopups, type AlarmInput, type AlarmPopup } from './alarms';
import { layoutCells, tileCameras, type CustomLayout, type LayoutCell, type Tour } from './layouts';
import { stepCameras, tourPosition } from './tour';

export interface WallModelInput {
  readonly screen: WallScreen;
  /** The site's cameras in order: the default fill of tiles. */
  readonly cameraIds: readonly string[];
  readonly groups: readonly { readonly id: string; readonly cameras: readonly string[] }[];
  readonly customLayouts: readonly CustomLayout[];
  readonly tours: readonly Tour[];
  readonly alarms: readonly AlarmInput[];
  readonly zoneCameras: Readonly<Record<string, readonly string[]>>;
  readonly now: number;
  /** Running time of the wall's tour, pauses excluded (the view keeps that clock). */
  readonly tourActiveMs: number;
  readonly minHoldMs?: number;
  /** How many alarms the wall shows at once (the site file's `wall.alarmSlots`). */
  readonly alarmSlots?: number;
}

export interface WallTileModel {
  readonly index: number;
  readonly cell: LayoutCell;
  readonly camera: string | undefined;
}

export interface WallModel {
  readonly columns: number;
  readonly rows: number;
  readonly tiles: readonly WallTileModel[];
  /** The reserved spotlight slot: an alarm pop-up first, else the operator's spotlight. */
  readonly spotlight: { readonly camera: string; readonly reason: 'operator' | 'alarm'; readonly popup: AlarmPopup | undefined; readonly alertId: string | undefined } | undefined;
  /** The other alarms shown, in slot order, as cards (one naming its camera when it has one). */
  readonly alarmCards: readonly AlarmPopup[];
  readonly waitingAlarms: number;
  readonly tour: { readonly tourId: string; readonly name: string; readonly index: number; readonly steps: number; readonly paused: boolean } | undefined;
}

/**
 * What a wall shows at `now`, as a pure function of its journal projection
 * and the site: which camera on which tile, what takes the spotlight slot,
 * and where the tour is. Every wall window and browser computes the same.
 */
export function wallModel(input: WallModelInput): WallModel {
  const { screen } = input;
  const grid = layoutCells(screen.layout, screen.customId, input.customLayouts) ?? layoutCells('16', undefined, [])!;
  const popups = alarmPopups(input.alarms, input.now, {
    zoneCameras: input.zoneCameras,
    ...(input.alarmSlots !== undefined ? { slots: input.alarmSlots } : {}),
    ...(input.minHoldMs !== undefined ? { minHoldMs: input.minHoldMs } : {}),
  });
  // The first alarm that has a camera takes the spotlight; every other shown alarm is a card beside it.
  const popup = popups.shown.find((p) => p.camera !== undefined);
  const alarmCards = popups.shown.filter((p) => p !== popup);
  const paused = popups.shown.length > 0 || screen.spotlight?.reason === 'alarm';

  let cameras = tileCameras(grid.cells.length, screen.tiles, input.cameraIds);
  let tour: WallModel['tour'];
  const running = screen.tour ? input.tours.find((t) => t.id === screen.tour?.tourId) : undefined;
  if (running) {
    const pos = tourPosition(running, input.tourActiveMs);
    if (pos) {
      const stepCams = stepCameras(pos.step, input.groups);
      // A group step fills the wall with the group; a camera step takes the first tile.
      cameras = pos.step.group !== undefined ? grid.cells.map((_, i) => stepCams[i]) : tileCameras(grid.cells.length, { 0: stepCams[0] ?? '' }, input.cameraIds);
      tour = { tourId: running.id, name: running.name, index: pos.index, steps: running.steps.length, paused };
    }
  }

  const spotlight: WallModel['spotlight'] = popup?.camera !== undefined
    ? { camera: popup.camera, reason: 'alarm', popup, alertId: popup.alertId }
    : screen.spotlight
      ? { camera: screen.spotlight.camera, reason: screen.spotlight.reason, popup: undefined, alertId: screen.spotlight.alertId }
      : undefined;

  return {
    columns: grid.columns,
    rows: grid.rows,
    tiles: grid.cells.map((cell, index) => ({ index, cell, camera: cameras[index] || undefined })),
    spotlight,
    alarmCards,
    waitingAlarms: popups.waiting,
    tour,
  };
}

import type { ConsoleHandlers } from '../../../shared/contract';
import { ConsoleError } from '../../../shared/errors';
import type { JournalEntry } from '../../../shared/journal/entry';
import { layoutCells } from '../../../shared/wall/layouts';
import { decodePng, discardSnapshot, storeSnapshot } from '../wall/snapshotStore';
import { approver, currentActor, type CoreContext } from './context';

type Group<K extends keyof ConsoleHandlers> = Pick<ConsoleHandlers, K>;

function invalid(path: string, message: string): ConsoleError {
  return new ConsoleError('invalid-argument', `${path}: ${message}`, [{ path, message }]);
}

/** The camera wall: every operator action is checked against the site, then journaled. */
export function wallHandlers(
  ctx: CoreContext,
): Group<'wallSetLayout' | 'wallPush' | 'wallSpotlight' | 'wallTour' | 'wallSnapshot' | 'wallLiftMask' | 'wallRestoreMask'> {
  const site = ctx.site.site;
  const customLayouts = site.wall?.layouts ?? [];
  const tours = site.wall?.tours ?? [];
  const camera = (id: string, path = 'camera') => {
    const found = site.cameras.find((c) => c.id === id);
    if (!found) throw invalid(path, `no camera "${id}" on this site`);
    return found;
  };
  const record = (kind: string, payload: unknown): Promise<JournalEntry> => ctx.journal.append({ kind, payload }, { actor: currentActor(ctx), allowSystem: kind === 'wall.mask-lifted' });
  const tileCount = (wall: string): number => {
    const screen = ctx.state.snapshot().state.wall.walls[wall];
    const cells = layoutCells(screen?.layout ?? '16', screen?.customId, customLayouts);
    return cells?.cells.length ?? 16;
  };

  return {
    wallSetLayout: async ({ wall, layout, customId }) => {
      if (layout === 'custom' && !customLayouts.some((l) => l.id === customId)) {
        throw invalid('customId', customId ? `no custom layout "${customId}" in the site file` : 'required for the custom layout');
      }
      return record('wall.layout', { wall, layout, ...(layout === 'custom' ? { customId } : {}) });
    },
    wallPush: async ({ wall, tile, camera: id }) => {
      camera(id);
      const count = tileCount(wall);
      if (tile >= count) throw invalid('tile', `the wall's layout has ${count} tiles (0–${count - 1})`);
      return record('wall.push', { wall, tile, camera: id });
    },
    wallSpotlight: async ({ wall, camera: id, reason, alertId }) => {
      if (id !== null) camera(id);
      if (reason === 'alarm' && !alertId) throw invalid('alertId', 'an alarm spotlight names its alert');
      return record('wall.spotlight', { wall, camera: id, reason, ...(alertId ? { alertId } : {}) });
    },
    wallTour: async ({ wall, tourId, action }) => {
      if (action === 'start') {
        const tour = tours.find((t) => t.id === tourId);
        if (!tour) throw invalid('tourId', tourId ? `no tour "${tourId}" in the site file` : 'required to start a tour');
        tour.steps.forEach((s, i) => {
          if (s.camera !== undefined && !site.cameras.some((c) => c.id === s.camera)) throw invalid(`tourId`, `step ${i + 1} names unknown camera "${s.camera}"`);
          if (s.group !== undefined && !site.cameraGroups.some((g) => g.id === s.group)) throw invalid(`tourId`, `step ${i + 1} names unknown camera group "${s.group}"`);
        });
      }
      return record('wall.tour', { wall, tourId: action === 'start' ? tourId : null, action });
    },
    wallSnapshot: async ({ camera: id, pngBase64, unmasked }) => {
      const cam = camera(id);
      for (const i of unmasked) if (i >= cam.masks.length) throw invalid('unmasked', `camera "${id}" has ${cam.masks.length} masks`);
      // Masks left out of the picture must really be lifted now: the console cannot be asked to store unmasked pictures otherwise.
      const now = ctx.clock.now();
      const lifted = ctx.state.snapshot().state.wall.liftedMasks[id] ?? {};
      for (const i of unmasked) {
        const lift = lifted[i];
        if (!lift || (lift.until !== undefined && lift.until <= now)) throw invalid('unmasked', `mask ${i + 1} of camera "${id}" is not lifted`);
      }
      const png = decodePng(pngBase64);
      const stored = storeSnapshot(ctx.dataDir, id, now, png, ctx.siteEditor.view().timezone);
      try {
        const entry = await ctx.journal.append(
          { kind: 'wall.snapshot', payload: { camera: id, file: stored.file, sha256: stored.sha256, at: now, unmasked } },
          { actor: currentActor(ctx), allowSystem: true },
        );
        return { entry, url: stored.file, sha256: stored.sha256, bytes: stored.bytes };
      } catch (err) {
        // No picture without its journal entry.
        discardSnapshot(ctx.dataDir, stored.file);
        throw err;
      }
    },
    wallLiftMask: async ({ camera: id, maskIndex, reason, until }) => {
      const cam = camera(id);
      if (maskIndex >= cam.masks.length) throw invalid('maskIndex', `camera "${id}" has ${cam.masks.length} privacy masks`);
      if (until !== undefined && until <= ctx.clock.now()) throw invalid('until', 'must be in the future');
      const by = approver();
      return record('wall.mask-lifted', { camera: id, maskIndex, reason, ...(until !== undefined ? { until } : {}), ...(by !== undefined ? { approvedBy: by } : {}) });
    },
    wallRestoreMask: async ({ camera: id, maskIndex }) => {
      const cam = camera(id);
      if (maskIndex >= cam.masks.length) throw invalid('maskIndex', `camera "${id}" has ${cam.masks.length} privacy masks`);
      return record('wall.mask-restored', { camera: id, maskIndex });
    },
  };
}

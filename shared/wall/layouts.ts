import { z } from 'zod';

/** Built-in wall layouts: n×n grids. 'custom' names a layout saved in the site file. */
export const layoutIds = ['1', '4', '9', '16', '25', 'custom'] as const;
export const LayoutIdSchema = z.enum(layoutIds);
export type LayoutId = z.infer<typeof LayoutIdSchema>;

/** A wall's address: `wall-<n>`, n = the monitor number in the `#/wall/<n>` route. */
export const WallAddressSchema = z.string().regex(/^wall-[1-9][0-9]?$/, 'must be a wall address like "wall-1"');
export const wallAddress = (monitor: number): string => `wall-${monitor}`;

/** One cell of a custom layout, in grid cells (0-based), spanning w×h cells. */
export const LayoutCellSchema = z.strictObject({
  x: z.number().int().min(0).max(11),
  y: z.number().int().min(0).max(11),
  w: z.number().int().min(1).max(12),
  h: z.number().int().min(1).max(12),
});
export type LayoutCell = z.infer<typeof LayoutCellSchema>;

/** A custom layout saved per site: a columns×rows grid and its cells (tiles), e.g. one big tile and a strip. */
export const CustomLayoutSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be lowercase letters, digits and dashes'),
    name: z.string().trim().min(1).max(100),
    columns: z.number().int().min(1).max(12),
    rows: z.number().int().min(1).max(12),
    cells: z.array(LayoutCellSchema).min(1).max(64),
  })
  .superRefine((l, ctx) => {
    l.cells.forEach((c, i) => {
      if (c.x + c.w > l.columns || c.y + c.h > l.rows) ctx.addIssue({ code: 'custom', path: ['cells', i], message: `cell ${i} lies outside the ${l.columns}×${l.rows} grid` });
    });
  });
export type CustomLayout = z.infer<typeof CustomLayoutSchema>;

/** A tour step: one camera or a camera group, shown for dwellSec seconds. */
export const TourStepSchema = z
  .strictObject({
    camera: z.string().min(1).max(64).optional(),
    group: z.string().min(1).max(64).optional(),
    dwellSec: z.number().int().min(2).max(3600),
  })
  .refine((s) => (s.camera === undefined) !== (s.group === undefined), 'a tour step names exactly one of camera or group');
export type TourStep = z.infer<typeof TourStepSchema>;

export const TourSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be lowercase letters, digits and dashes'),
  name: z.string().trim().min(1).max(100),
  steps: z.array(TourStepSchema).min(1).max(200),
});
export type Tour = z.infer<typeof TourSchema>;

/** The site file's optional `wall` section: saved custom layouts and tours (camera groups are site.cameraGroups). */
export const WallSiteSchema = z.strictObject({
  layouts: z.array(CustomLayoutSchema).default([]),
  tours: z.array(TourSchema).default([]),
  /** Alarms each wall shows at once (shared/wall/alarms.ts DEFAULT_ALARM_SLOTS when absent); the rest wait, counted. */
  alarmSlots: z.number().int().min(1, 'a wall shows at least one alarm').max(8, 'at most 8 alarms at once').optional(),
});
export type WallSite = z.infer<typeof WallSiteSchema>;

/** The cells of a layout; built-in layouts are square grids. Undefined for an unknown custom layout. */
export function layoutCells(layout: LayoutId, customId: string | undefined, custom: readonly CustomLayout[]): { columns: number; rows: number; cells: readonly LayoutCell[] } | undefined {
  if (layout === 'custom') {
    const found = custom.find((c) => c.id === customId);
    return found ? { columns: found.columns, rows: found.rows, cells: found.cells } : undefined;
  }
  const n = Math.round(Math.sqrt(Number(layout)));
  const cells: LayoutCell[] = [];
  for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) cells.push({ x, y, w: 1, h: 1 });
  return { columns: n, rows: n, cells };
}

/**
 * Which camera each tile shows: the tile's pushed camera if any, else the
 * default fill (the site's cameras in order, skipping ones pushed elsewhere),
 * so a fresh wall is never empty.
 */
export function tileCameras(tileCount: number, pushed: Readonly<Record<number, string>>, defaults: readonly string[]): (string | undefined)[] {
  const used = new Set(Object.entries(pushed).filter(([i]) => Number(i) < tileCount).map(([, c]) => c));
  const queue = defaults.filter((c) => !used.has(c));
  const out: (string | undefined)[] = [];
  for (let i = 0; i < tileCount; i++) out.push(pushed[i] ?? queue.shift());
  return out;
}

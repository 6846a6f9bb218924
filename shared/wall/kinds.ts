import { z } from 'zod';
import { kind } from '../journal/kindSpec';
import { LayoutIdSchema, WallAddressSchema } from './layouts';

const CameraId = z.string().min(1, 'must name a camera').max(64);
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a hex SHA-256');

/**
 * Everything an operator does to the wall is a journal entry: the wall's
 * state is their projection (shared/state/wallDomain.ts), so every wall
 * window and every browser on a wall route shows the same thing.
 */
export const wallKinds = {
  'wall.layout': kind({
    label: { en: 'Wall layout', 'zh-CN': '电视墙布局' },
    payload: z
      .strictObject({ wall: WallAddressSchema, layout: LayoutIdSchema, customId: z.string().min(1).max(64).optional() })
      .refine((p) => (p.layout === 'custom') === (p.customId !== undefined), { message: 'customId is required for, and only for, the custom layout', path: ['customId'] }),
    text: (p) => `wall ${p.wall} layout ${p.layout} ${p.customId ?? ''}`,
  }),
  'wall.push': kind({
    label: { en: 'Camera to wall', 'zh-CN': '推送上墙' },
    payload: z.strictObject({ wall: WallAddressSchema, tile: z.number().int().min(0).max(63), camera: CameraId }),
    text: (p) => `wall ${p.wall} tile ${p.tile + 1} camera ${p.camera}`,
  }),
  'wall.spotlight': kind({
    label: { en: 'Wall spotlight', 'zh-CN': '电视墙放大' },
    payload: z
      .strictObject({ wall: WallAddressSchema, camera: CameraId.nullable(), reason: z.enum(['operator', 'alarm']), alertId: z.string().min(1).max(128).optional() })
      .refine((p) => p.reason !== 'alarm' || p.alertId !== undefined, { message: 'an alarm spotlight names its alertId', path: ['alertId'] }),
    text: (p) => `wall ${p.wall} spotlight ${p.camera ?? 'off'} ${p.reason} ${p.alertId ?? ''}`,
  }),
  'wall.tour': kind({
    label: { en: 'Wall tour', 'zh-CN': '电视墙轮巡' },
    payload: z
      .strictObject({ wall: WallAddressSchema, tourId: z.string().min(1).max(64).nullable(), action: z.enum(['start', 'stop']) })
      .refine((p) => p.action === 'stop' || p.tourId !== null, { message: 'starting a tour names it', path: ['tourId'] }),
    text: (p) => `wall ${p.wall} tour ${p.action} ${p.tourId ?? ''}`,
  }),
  /** A still of a tile, stored under the data folder's snapshots/ (system: only the snapshot method writes the file). */
  'wall.snapshot': kind({
    label: { en: 'Snapshot', 'zh-CN': '抓图' },
    system: true,
    payload: z.strictObject({
      camera: CameraId,
      /** Path under the data folder, served as a URL relative to the console's origin. */
      file: z.string().regex(/^snapshots\/[A-Za-z0-9._-]+\.png$/, 'must be snapshots/<name>.png'),
      sha256: Sha256,
      at: z.number().int().positive(),
      /** Masks left out of the picture because they were lifted (indexes); the others are burnt in. */
      unmasked: z.array(z.number().int().nonnegative()).default([]),
    }),
    text: (p) => `snapshot ${p.camera} ${p.file}`,
  }),
  'wall.mask-lifted': kind({
    label: { en: 'Privacy mask lifted', 'zh-CN': '隐私遮挡解除' },
    payload: z.strictObject({
      camera: CameraId,
      maskIndex: z.number().int().nonnegative(),
      reason: z.string().trim().min(1, 'a reason is required to lift a privacy mask').max(500),
      /** Epoch ms when the mask comes back by itself, if set. */
      until: z.number().int().positive().optional(),
    }),
    text: (p) => `mask lifted ${p.camera} #${p.maskIndex + 1} ${p.reason}`,
  }),
  'wall.mask-restored': kind({
    label: { en: 'Privacy mask restored', 'zh-CN': '隐私遮挡恢复' },
    payload: z.strictObject({ camera: CameraId, maskIndex: z.number().int().nonnegative() }),
    text: (p) => `mask restored ${p.camera} #${p.maskIndex + 1}`,
  }),
};


import { z } from 'zod';
import { kind, type SummaryContext } from '../journal/kindSpec';
import { LayoutIdSchema, WallAddressSchema } from './layouts';

const CameraId = z.string().min(1, 'must name a camera').max(64);
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a hex SHA-256');
/** "wall-2" as the operator reads it: the monitor's number. */
const wallName = (wall: string, c: SummaryContext): string => c.say({ en: `Wall ${wall.slice(5)}`, 'zh-CN': `电视墙 ${wall.slice(5)}` });

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
    summary: (p, c) => c.say({ en: `${wallName(p.wall, c)}: layout ${p.customId ?? p.layout}`, 'zh-CN': `${wallName(p.wall, c)}：布局 ${p.customId ?? p.layout}` }),
  }),
  'wall.push': kind({
    label: { en: 'Camera to wall', 'zh-CN': '推送上墙' },
    payload: z.strictObject({ wall: WallAddressSchema, tile: z.number().int().min(0).max(63), camera: CameraId }),
    text: (p) => `wall ${p.wall} tile ${p.tile + 1} camera ${p.camera}`,
    summary: (p, c) => c.say({ en: `${c.camera(p.camera)} to ${wallName(p.wall, c)}, tile ${p.tile + 1}`, 'zh-CN': `${c.camera(p.camera)} 推送至${wallName(p.wall, c)}第 ${p.tile + 1} 格` }),
  }),
  'wall.spotlight': kind({
    label: { en: 'Wall spotlight', 'zh-CN': '电视墙放大' },
    payload: z
      .strictObject({ wall: WallAddressSchema, camera: CameraId.nullable(), reason: z.enum(['operator', 'alarm']), alertId: z.string().min(1).max(128).optional() })
      .refine((p) => p.reason !== 'alarm' || p.alertId !== undefined, { message: 'an alarm spotlight names its alertId', path: ['alertId'] }),
    text: (p) => `wall ${p.wall} spotlight ${p.camera ?? 'off'} ${p.reason} ${p.alertId ?? ''}`,
    summary: (p, c) => {
      if (p.camera === null) return c.say({ en: `${wallName(p.wall, c)}: spotlight off`, 'zh-CN': `${wallName(p.wall, c)}：取消放大` });
      const alarm = p.alertId ? c.say({ en: ` for ${c.alertName(p.alertId)}`, 'zh-CN': `（${c.alertName(p.alertId)}）` }) : '';
      return c.say({ en: `${wallName(p.wall, c)}: spotlight on ${c.camera(p.camera)}${alarm}`, 'zh-CN': `${wallName(p.wall, c)}：放大 ${c.camera(p.camera)}${alarm}` });
    },
  }),
  'wall.tour': kind({
    label: { en: 'Wall tour', 'zh-CN': '电视墙轮巡' },
    payload: z
      .strictObject({ wall: WallAddressSchema, tourId: z.string().min(1).max(64).nullable(), action: z.enum(['start', 'stop']) })
      .refine((p) => p.action === 'stop' || p.tourId !== null, { message: 'starting a tour names it', path: ['tourId'] }),
    text: (p) => `wall ${p.wall} tour ${p.action} ${p.tourId ?? ''}`,
    summary: (p, c) =>
      p.action === 'start'
        ? c.say({ en: `${wallName(p.wall, c)}: tour ${p.tourId ?? ''} started`, 'zh-CN': `${wallName(p.wall, c)}：开始轮巡 ${p.tourId ?? ''}` })
        : c.say({ en: `${wallName(p.wall, c)}: tour stopped`, 'zh-CN': `${wallName(p.wall, c)}：停止轮巡` }),
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
    summary: (p, c) => c.say({ en: `Snapshot of ${c.camera(p.camera)} at ${c.time(p.at)}`, 'zh-CN': `${c.camera(p.camera)} 抓图（${c.time(p.at)}）` }),
  }),
  'wall.mask-lifted': kind({
    label: { en: 'Privacy mask lifted', 'zh-CN': '隐私遮挡解除' },
    // Only wallLiftMask writes it: the four-eyes gate is on the method, so appendEntry may not.
    system: true,
    payload: z.strictObject({
      camera: CameraId,
      maskIndex: z.number().int().nonnegative(),
      reason: z.string().trim().min(1, 'a reason is required to lift a privacy mask').max(500),
      /** Epoch ms when the mask comes back by itself, if set. */
      until: z.number().int().positive().optional(),
      /** The supervisor whose presence or PIN allowed it (four eyes), when not the actor. */
      approvedBy: z.string().max(64).optional(),
    }),
    text: (p) => `mask lifted ${p.camera} #${p.maskIndex + 1} ${p.reason}`,
    summary: (p, c) => {
      const until = p.until !== undefined ? c.say({ en: ` until ${c.time(p.until)}`, 'zh-CN': `，至 ${c.time(p.until)}` }) : '';
      return c.say({ en: `Privacy mask ${p.maskIndex + 1} lifted on ${c.camera(p.camera)}${until}: ${p.reason}`, 'zh-CN': `${c.camera(p.camera)} 隐私遮挡 ${p.maskIndex + 1} 解除${until}：${p.reason}` });
    },
  }),
  'wall.mask-restored': kind({
    label: { en: 'Privacy mask restored', 'zh-CN': '隐私遮挡恢复' },
    payload: z.strictObject({ camera: CameraId, maskIndex: z.number().int().nonnegative() }),
    text: (p) => `mask restored ${p.camera} #${p.maskIndex + 1}`,
    summary: (p, c) => c.say({ en: `Privacy mask ${p.maskIndex + 1} restored on ${c.camera(p.camera)}`, 'zh-CN': `${c.camera(p.camera)} 隐私遮挡 ${p.maskIndex + 1} 恢复` }),
  }),
};


import { z } from 'zod';
import { method } from '../contract/define';
import type { JournalEntry } from '../journal/entry';
import { LayoutIdSchema, WallAddressSchema } from './layouts';

const EntrySchema = z.custom<JournalEntry>();
const CameraId = z.string().min(1, 'must name a camera').max(64);

/** Largest snapshot accepted, as base64 text (a 1080p PNG is ~3 MB; 1920×1080 worst case ~8 MB). */
export const MAX_SNAPSHOT_BASE64 = 12 * 1024 * 1024;

export const SnapshotResultSchema = z.strictObject({
  entry: EntrySchema,
  /** URL of the PNG relative to the console's origin (the asset router serves snapshots/). */
  url: z.string(),
  sha256: z.string(),
  bytes: z.number().int().positive(),
});
export type SnapshotResult = z.infer<typeof SnapshotResultSchema>;

/**
 * The wall's contract methods (spread into shared/contract/index.ts). Each
 * checks what the journal schema cannot — that the camera, tile, layout or
 * tour exists on this site — then records one entry, which every wall folds.
 */
export const wallContract = {
  /** Sets a wall's layout (1/4/9/16/25 or a custom layout saved in the site file). */
  wallSetLayout: method(
    z.tuple([z.strictObject({ wall: WallAddressSchema, layout: LayoutIdSchema, customId: z.string().min(1).max(64).optional() })]),
    EntrySchema,
  ),
  /** Puts a camera on a wall tile (drag and drop at the desk or on the wall). */
  wallPush: method(z.tuple([z.strictObject({ wall: WallAddressSchema, tile: z.number().int().min(0).max(63), camera: CameraId })]), EntrySchema),
  /** Spotlights a camera on a wall (null clears it). */
  wallSpotlight: method(
    z.tuple([
      z.strictObject({
        wall: WallAddressSchema,
        camera: CameraId.nullable(),
        reason: z.enum(['operator', 'alarm']).default('operator'),
        alertId: z.string().min(1).max(128).optional(),
      }),
    ]),
    EntrySchema,
  ),
  /** Starts or stops a tour (saved in the site file) on a wall. */
  wallTour: method(
    z.tuple([z.strictObject({ wall: WallAddressSchema, tourId: z.string().min(1).max(64).nullable(), action: z.enum(['start', 'stop']) })]),
    EntrySchema,
  ),
  /** Stores a tile's still (PNG, base64, masks already drawn in unless lifted) and journals it with its SHA-256. */
  wallSnapshot: method(
    z.tuple([
      z.strictObject({
        camera: CameraId,
        pngBase64: z.string().min(8, 'the picture is empty').max(MAX_SNAPSHOT_BASE64, 'the picture is too large'),
        unmasked: z.array(z.number().int().nonnegative()).max(64).default([]),
      }),
    ]),
    SnapshotResultSchema,
  ),
  /** Lifts one privacy mask of a camera; the reason is required and journaled. */
  wallLiftMask: method(
    z.tuple([
      z.strictObject({
        camera: CameraId,
        maskIndex: z.number().int().nonnegative(),
        reason: z.string().trim().min(1, 'a reason is required to lift a privacy mask').max(500),
        until: z.number().int().positive().optional(),
      }),
    ]),
    EntrySchema,
  ),
  /** Puts a lifted privacy mask back. */
  wallRestoreMask: method(z.tuple([z.strictObject({ camera: CameraId, maskIndex: z.number().int().nonnegative() })]), EntrySchema),
} as const;

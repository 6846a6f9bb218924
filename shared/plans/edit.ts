import { z } from 'zod';
import { IdSchema, PointSchema } from '../domain/ids';
import { LocalizedTextSchema } from '../i18n/locale';
import { zoneKinds } from '../site/schema';

/** Plan images above this are refused (a floor plan, not a photo archive). */
export const MAX_PLAN_BYTES = 20 * 1024 * 1024;

const FileNameSchema = z
  .string()
  .min(5)
  .max(200)
  .regex(/\.(svg|png)$/i, 'must be an .svg or .png file');

/**
 * One change to a floor plan made in the console's Plans section. The core
 * applies it to the site file, validates the whole result and writes it
 * atomically, or refuses with field errors and changes nothing.
 */
export const PlanEditSchema = z.discriminatedUnion('op', [
  z.strictObject({
    op: z.literal('import-plan'),
    floor: IdSchema,
    /** Required when the floor is new. */
    name: LocalizedTextSchema.optional(),
    level: z.number().int().min(-20).max(200).optional(),
    fileName: FileNameSchema,
    /** The image bytes, base64. */
    dataBase64: z.string().min(1, 'the file is empty').max(Math.ceil((MAX_PLAN_BYTES * 4) / 3) + 4, 'the file is larger than 20 MB'),
  }),
  z.strictObject({
    op: z.literal('calibrate'),
    floor: IdSchema,
    /** Two points on the plan image, in image pixels. */
    a: PointSchema,
    b: PointSchema,
    /** Their real distance in metres. */
    distanceM: z.number().positive('must be more than 0').max(10_000),
  }),
  z.strictObject({
    op: z.literal('zone'),
    zone: z.strictObject({
      id: IdSchema,
      name: LocalizedTextSchema,
      floor: IdSchema,
      kind: z.enum(zoneKinds),
      polygon: z.array(PointSchema).min(3, 'a zone needs at least 3 corners').max(500),
    }),
  }),
  z.strictObject({ op: z.literal('delete-zone'), id: IdSchema }),
  z.strictObject({
    op: z.literal('camera'),
    camera: IdSchema,
    floor: IdSchema,
    position: PointSchema,
    heading: z.number().min(0).max(360),
    fov: z.number().positive().max(360),
    range: z.number().positive().max(500).optional(),
  }),
]);
export type PlanEdit = z.infer<typeof PlanEditSchema>;

/** How far two calibration points must be apart (pixels) for a usable scale. */
export const MIN_CALIBRATION_PX = 5;

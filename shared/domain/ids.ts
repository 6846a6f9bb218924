import { z } from 'zod';

/** Identifiers written by hand in site files: short, lowercase, stable. */
export const IdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be 1-64 of a-z, 0-9, "_" or "-", starting with a letter or digit');
export type Id = z.infer<typeof IdSchema>;

/** A point on a floor plan in metres: x to the right, y downwards from the plan's top-left corner. */
export const PointSchema = z.tuple([z.number(), z.number()]);
export type Point = z.infer<typeof PointSchema>;

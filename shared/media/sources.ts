import { z } from 'zod';
import { IdSchema } from '../domain/ids';

/**
 * How the renderer plays one rendition of a camera. Resolved by the core from
 * the site file: demo clips become the core's own live HLS URL.
 */
export const PlaybackSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('hls'), url: z.string().min(1) }),
  z.strictObject({ kind: z.literal('mediasoup'), sfu: IdSchema, producerId: z.string().min(1) }),
]);
export type Playback = z.infer<typeof PlaybackSchema>;

/**
 * The state of a source the core itself serves (the demo simulator). Cameras
 * from real NVRs report `external`: only the player can judge them.
 */
export const sourceStates = ['live', 'stalled', 'down', 'error', 'external'] as const;
export const SourceStateSchema = z.enum(sourceStates);
export type SourceState = z.infer<typeof SourceStateSchema>;

export const SourceStatusSchema = z.strictObject({
  cameraId: IdSchema,
  stream: z.enum(['main', 'sub']),
  state: SourceStateSchema,
  /** Why a source is not live, in words for the operator (English, technical). */
  reason: z.string().optional(),
});
export type SourceStatus = z.infer<typeof SourceStatusSchema>;

/** A fault a test or a drill can put on a simulated camera source. */
export const SourceFaultSchema = z.strictObject({
  cameraId: IdSchema,
  stream: z.enum(['main', 'sub', 'both']).default('both'),
  /** live: serving; stalled: playlist frozen (the worst case, looks alive); down: HTTP 503. */
  state: z.enum(['live', 'stalled', 'down']),
});
export type SourceFault = z.infer<typeof SourceFaultSchema>;

import { z } from 'zod';
import { IdSchema } from '../domain/ids';

/** A path inside the site folder: relative, forward slashes, never climbing out. */
export const SitePathSchema = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith('/') && !/^[a-zA-Z]:/.test(p) && !p.includes('\\'), 'must be a relative path with "/" separators')
  .refine((p) => !p.split('/').includes('..'), 'must not contain ".."');

const HttpUrlSchema = z
  .url('must be an absolute URL')
  .refine((u) => /^https?:\/\//i.test(u), 'must be an http:// or https:// URL');

/**
 * Where one rendition of a camera comes from.
 * - `hls`: a live HLS playlist served by the site's NVR or media server.
 * - `demo`: a folder of pre-encoded fMP4 segments that the console itself
 *   loops as a live HLS stream (demo and test sites only).
 * - `mediasoup`: a producer on one of the site's mediasoup SFUs.
 */
export const StreamSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('hls'), url: HttpUrlSchema }),
  z.strictObject({ kind: z.literal('demo'), clip: SitePathSchema }),
  z.strictObject({ kind: z.literal('mediasoup'), sfu: IdSchema, producerId: z.string().min(1).max(128) }),
]);
export type StreamSource = z.infer<typeof StreamSourceSchema>;

export const streamNames = ['main', 'sub'] as const;
export type StreamName = (typeof streamNames)[number];

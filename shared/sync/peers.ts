import { z } from 'zod';
import { StationSchema } from '../contract/stations';

/** Another console of this site, as this console sees it on the site bus. */
export const PeerStatusSchema = z.strictObject({
  console: z.string(),
  station: StationSchema.nullable(),
  /** Heard from in the last few seconds. */
  present: z.boolean(),
  lastSeen: z.number().nullable(),
  /** Their newest entry, as they last announced it. */
  theirHead: z.number().int().nonnegative(),
  /** The newest of their entries this console holds. */
  held: z.number().int().nonnegative(),
  /** theirHead - held: how far behind this console's copy of theirs is. */
  behind: z.number().int().nonnegative(),
  /** A copy that failed its checks (tampered, rewritten): named so an officer can act. */
  problem: z.string().optional(),
});
export type PeerStatus = z.infer<typeof PeerStatusSchema>;

/** What each console announces every few seconds on wp.<site>.presence.<console>. */
export const PresenceSchema = z.strictObject({
  console: z.string(),
  station: StationSchema,
  site: z.string(),
  headSeq: z.number().int().nonnegative(),
  at: z.number(),
});
export type Presence = z.infer<typeof PresenceSchema>;

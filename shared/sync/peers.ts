import { z } from 'zod';
import { StationSchema } from '../contract/stations';

/** Why entries under a console's name were kept apart: not enrolled; on another console's subject; content not matching its hash; another entry signed at its place; too many waiting unsigned. */
export const keptApartWhy = ['not-enrolled', 'foreign-subject', 'bad-hash', 'not-signed', 'too-many-unsigned'] as const;
export const KeptApartWhySchema = z.enum(keptApartWhy);
export type KeptApartWhy = z.infer<typeof KeptApartWhySchema>;

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
  /** Not one of the site's enrolled consoles (site file `consoles`): nothing it publishes is folded. */
  unknown: z.boolean().optional(),
  /** Entries received under this console's name that do not count (unknown console, not signed by its enrolled key): stored apart, never folded. */
  keptApart: z
    .strictObject({
      count: z.number().int().positive(),
      /** Why the latest was kept apart. */
      why: KeptApartWhySchema,
      /** The key its journal claims (journal.segment), as a fingerprint, so a supervisor can compare it with the console's own before enrolling it. */
      claimedKey: z.string().optional(),
    })
    .optional(),
  /**
   * Its journal contradicts what this console already witnessed of it (sync/peerWitness.ts): at `seq` it sent
   * `receivedHash` where `heldHash` was witnessed ('' when only the stored copy knows it). Its entries are kept apart, not folded.
   */
  divergence: z.strictObject({ seq: z.number().int().nonnegative(), heldHash: z.string(), receivedHash: z.string() }).optional(),
  /** Entries held back until a signature by the console's enrolled key covers them (normally for a moment). */
  unsigned: z.number().int().positive().optional(),
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

/**
 * A console's signed head, published on wp.<site>.seal.<console> after its
 * appends and on request (wp.<site>.seal-request): the checkpoint statement
 * (`checkpointStatement`) of its newest entry, signed with its journal key.
 * It covers that entry and, through the hash chain, every one before it.
 */
export const SealSchema = z.strictObject({
  site: z.string(),
  console: z.string(),
  seq: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  signature: z.string().max(200),
});
export type Seal = z.infer<typeof SealSchema>;

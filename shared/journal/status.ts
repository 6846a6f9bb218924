import { z } from 'zod';

/**
 * What the integrity badge and the status bar show about the journal and its
 * upstream copy.
 */
export const UpstreamStatusSchema = z.discriminatedUnion('configured', [
  z.strictObject({ configured: z.literal(false) }),
  z.strictObject({
    configured: z.literal(true),
    state: z.enum(['connecting', 'connected', 'offline']),
    /** When the link last went down (offline) or came up (connected). */
    since: z.number().nullable(),
    /** LIVE entries recorded here that the upstream has not acknowledged yet. */
    behind: z.number().int().nonnegative(),
    lastAck: z.strictObject({ seq: z.number().int(), at: z.number() }).nullable(),
    subject: z.string(),
    error: z.string().optional(),
    /**
     * The upstream holds a different history than this journal (found on a (re)connect: it holds a sequence
     * beyond our head, or its entry at a sequence we hold has another hash). Publishing on that subject stops
     * until it is resolved; nothing upstream is overwritten or duplicated.
     */
    divergence: z
      .strictObject({
        subject: z.string(),
        upstreamSeq: z.number().int().nonnegative(),
        upstreamHash: z.string(),
        /** Our entry at upstreamSeq, or our head when we hold no entry that far (`localSeq` < `upstreamSeq`). */
        localSeq: z.number().int().nonnegative(),
        localHash: z.string(),
        /** When it was found, on the site's clock. */
        at: z.number(),
      })
      .optional(),
  }),
]);
export type UpstreamStatus = z.infer<typeof UpstreamStatusSchema>;

export const JournalStatusSchema = z.strictObject({
  /**
   * ok; full: the disk is full (appends refused until space frees); broken: verification failed and appends wait
   * for a supervisor (a replaced key); recovered: a break was found and logging goes on in a new segment beside
   * the kept old file, shown until someone acknowledges it (`detail` says what broke); unavailable: the writer is down.
   */
  state: z.enum(['ok', 'full', 'broken', 'recovered', 'unavailable']),
  detail: z.string().optional(),
  file: z.string(),
  headSeq: z.number().int().nonnegative(),
  headHash: z.string(),
  /** Every entry up to this one has been verified since start-up. */
  verifiedTo: z.number().int().nonnegative(),
  verifying: z.boolean(),
  problem: z.strictObject({ seq: z.number().int(), id: z.string().optional(), problem: z.string() }).optional(),
  lastCheckpointSeq: z.number().int().nonnegative(),
  upstream: UpstreamStatusSchema,
  /** This console's signing key (SPKI DER, base64), shown so a supervisor at another desk can enrol it. */
  publicKey: z.string().optional(),
});
export type JournalStatus = z.infer<typeof JournalStatusSchema>;

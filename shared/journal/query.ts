import { z } from 'zod';
import { ModeSchema } from './entry';

/** A page of the journal, newest first, for the journal panel and exports. */
export const JournalQuerySchema = z.strictObject({
  /** Occurred-at window, ms since epoch (inclusive from, exclusive to). */
  from: z.number().int().optional(),
  to: z.number().int().optional(),
  kinds: z.array(z.string().min(1).max(64)).max(50).optional(),
  mode: ModeSchema.optional(),
  /** Words to find (all of them); Chinese works without spaces. */
  text: z.string().max(200).optional(),
  /** Cursor: only entries older than this sequence number (for infinite scroll). */
  beforeSeq: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type JournalQuery = z.input<typeof JournalQuerySchema>;
export type JournalQueryParsed = z.output<typeof JournalQuerySchema>;

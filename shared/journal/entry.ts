import { z } from 'zod';
import { HLC_PATTERN } from './hlc';
import { UUID7_PATTERN } from './uuid7';

export const modes = ['LIVE', 'DRILL'] as const;
export const ModeSchema = z.enum(modes);
export type Mode = z.infer<typeof ModeSchema>;

/** The largest payload an entry may carry, as canonical JSON in UTF-8. */
export const MAX_PAYLOAD_BYTES = 64 * 1024;
export const GENESIS_HASH = '0'.repeat(64);

const HashSchema = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * One journal entry as stored and as it crosses every boundary. Entries are
 * never changed: corrections, acknowledgements and amendments are new entries
 * whose `ref` names the entry they concern.
 */
export const JournalEntrySchema = z.strictObject({
  /** This console's sequence number: 1, 2, 3… with no gaps. */
  seq: z.number().int().positive(),
  /** UUIDv7, unique across consoles. */
  id: z.string().regex(UUID7_PATTERN),
  site: z.string(),
  console: z.string(),
  kind: z.string(),
  /** When it happened (wall clock, ms since epoch); may precede recording (e.g. an observed time). */
  occurredAt: z.number().int(),
  /** Hybrid logical clock at recording: orders entries across consoles. */
  hlc: z.string().regex(HLC_PATTERN),
  /** Who: a roster person id, an operator name, or "system". */
  actor: z.string(),
  mode: ModeSchema,
  ref: z.string().nullable(),
  payload: z.unknown(),
  prevHash: HashSchema,
  hash: HashSchema,
});
export type JournalEntry = Omit<z.infer<typeof JournalEntrySchema>, 'payload'> & { readonly payload: unknown };

/** What a caller asks to record; the core fills in the rest. */
export const EntryDraftSchema = z.strictObject({
  kind: z.string().min(1).max(64),
  payload: z.unknown(),
  ref: z.string().regex(UUID7_PATTERN, 'must be the id of an existing entry').optional(),
  /** Defaults to now; an observer's time for annotations, an alert's own time. */
  occurredAt: z.number().int().positive().optional(),
  mode: ModeSchema.optional(),
});
export type EntryDraft = z.infer<typeof EntryDraftSchema>;

/** A client's idempotency key: any opaque id it generates (a UUIDv7, say) and sends again when it retries. */
export const IdempotencyKeySchema = z.string().regex(/^[0-9A-Za-z_-]{8,64}$/, 'must be 8 to 64 letters, digits, "-" or "_" (a UUID, say)');

/**
 * What a client (the desk, a browser) asks `appendEntry` to record. The
 * console stamps the time (its own clock) and the mode (DRILL only while a
 * drill runs, or for exercise records): a client that sends `occurredAt` or
 * `mode` is refused, naming the field. A time the client observed belongs in
 * the payload (an annotation's `observedAt`). `idempotencyKey` makes a retry
 * safe: the same key answers the entry already recorded, across restarts too.
 */
export const AppendDraftSchema = z.strictObject({
  kind: EntryDraftSchema.shape.kind,
  payload: z.unknown(),
  ref: EntryDraftSchema.shape.ref,
  idempotencyKey: IdempotencyKeySchema.optional(),
  occurredAt: z.never({ error: 'the console stamps the time of an entry; a time you observed goes in the payload' }).optional(),
  mode: z.never({ error: 'the console decides the mode (DRILL only while a drill runs)' }).optional(),
});
export type AppendDraft = z.infer<typeof AppendDraftSchema>;

/**
 * The exact text an entry's hash covers: its fields in canonical order, then
 * the payload exactly as stored. Hashing the stored payload bytes (not a
 * re-serialization) means any byte changed in the file is detected.
 */
export function hashInput(fields: Omit<JournalEntry, 'payload' | 'hash'>, payloadText: string): string {
  return hashHeader(fields) + payloadText;
}

/**
 * The part of hashInput before the payload. Hashing `header` then `payload`
 * as two updates equals hashing their concatenation, without copying the
 * payload: verification hashes every entry of the file.
 */
export function hashHeader(fields: Omit<JournalEntry, 'payload' | 'hash'>): string {
  // id, hlc, mode and prevHash are validated plain ASCII, so quoting them equals JSON.stringify;
  // the free-form fields go through JSON.stringify. The output is byte-for-byte the v1 format.
  return (
    'watchpost-entry-v1[' +
    fields.seq +
    ',"' +
    fields.id +
    '",' +
    JSON.stringify(fields.site) +
    ',' +
    JSON.stringify(fields.console) +
    ',' +
    JSON.stringify(fields.kind) +
    ',' +
    fields.occurredAt +
    ',"' +
    fields.hlc +
    '",' +
    JSON.stringify(fields.actor) +
    ',"' +
    fields.mode +
    '",' +
    JSON.stringify(fields.ref ?? '') +
    ',"' +
    fields.prevHash +
    '"]\n'
  );
}

/** The statement a checkpoint signs. */
export function checkpointStatement(site: string, consoleId: string, upToSeq: number, headHash: string): string {
  return `watchpost-checkpoint-v1|${site}|${consoleId}|${upToSeq}|${headHash}`;
}

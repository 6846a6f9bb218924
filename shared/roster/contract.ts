import { z } from 'zod';
import type { JournalEntry } from '../journal/entry';
import { UUID7_PATTERN } from '../journal/uuid7';
import type { LocalizedText } from '../i18n/locale';
import type { Roster } from '../site/roster';
import type { RollCall } from '../state/rosterDomain';
import { method, event } from '../contract/define';
import { CsvRowErrorSchema } from './csv';
import { AttemptResultSchema, CommsAttemptSchema, RollCallSummarySchema } from './kinds';

const EntrySchema = z.custom<JournalEntry>();
const RollCallSchema = z.custom<RollCall>();

/** A roster CSV is small (hundreds of rows); the cap keeps a wrong file from flooding the core. */
const MAX_CSV_CHARS = 2_000_000;

export const ImportResultSchema = z.discriminatedUnion('imported', [
  z.strictObject({ imported: z.literal(true), rows: z.number().int(), sha256: z.string() }),
  z.strictObject({ imported: z.literal(false), errors: z.array(CsvRowErrorSchema) }),
]);
export type RosterImportResult = z.infer<typeof ImportResultSchema>;

/** What an import would do, before it is applied: every problem at once, or the people it adds, removes and changes. */
export const ImportPreviewSchema = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    rows: z.number().int(),
    sha256: z.string(),
    added: z.array(z.string()),
    removed: z.array(z.string()),
    changed: z.array(z.string()),
    unchanged: z.number().int(),
    /** The names of the people added, removed or changed (from the file, or the roster for those removed). */
    names: z.record(z.string(), z.custom<LocalizedText>()),
    warnings: z.array(CsvRowErrorSchema),
  }),
  z.strictObject({ ok: z.literal(false), errors: z.array(CsvRowErrorSchema) }),
]);
export type RosterImportPreview = z.infer<typeof ImportPreviewSchema>;

/** The roster's part of the console contract (spread into consoleContract). */
export const rosterContract = {
  /** The roster in force: the site file's, with people from the last CSV import. */
  getRoster: method(z.tuple([]), z.custom<Roster>()),
  /** One contact attempt; `amends` names an earlier attempt this one corrects (the timer is recomputed). */
  logAttempt: method(
    z.tuple([
      CommsAttemptSchema.extend({
        amends: z.string().regex(UUID7_PATTERN, 'must be the id of an earlier attempt').optional(),
      }),
    ]),
    EntrySchema,
  ),
  ackEscalation: method(z.tuple([z.strictObject({ escalationId: z.string().min(1).max(200) })]), EntrySchema),
  startRollCall: method(z.tuple([z.strictObject({ channel: z.string().trim().min(1).max(32) })]), RollCallSchema),
  answerRollCall: method(z.tuple([z.strictObject({ person: z.string().min(1).max(64), result: AttemptResultSchema })]), RollCallSchema),
  endRollCall: method(z.tuple([]), RollCallSummarySchema),
  recordDeviceTest: method(z.tuple([z.strictObject({ device: z.string().min(1).max(64), result: z.enum(['pass', 'fail']) })]), EntrySchema),
  /** Validates every row; with any bad row nothing is imported and every problem is listed. */
  /** Checks a CSV and says what importing it would change; nothing is applied. */
  previewRosterCsv: method(z.tuple([z.strictObject({ text: z.string().max(MAX_CSV_CHARS, 'the file is too large for a roster') })]), ImportPreviewSchema),
  importRosterCsv: method(z.tuple([z.strictObject({ text: z.string().max(MAX_CSV_CHARS, 'the file is too large for a roster') })]), ImportResultSchema),
  exportRosterCsv: method(z.tuple([]), z.strictObject({ csv: z.string() })),
  /** Writes the print-ready roster (HTML under reports/, printed to PDF by Chromium). */
  printRoster: method(z.tuple([]), z.strictObject({ url: z.string(), file: z.string() })),
  /** The roster in force changed (an import). */
  onRoster: event(z.custom<Roster>()),
} as const;

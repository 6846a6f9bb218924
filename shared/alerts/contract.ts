import { z } from 'zod';
import type { HeatEvent } from '../heatmap/types';
import { method } from '../contract/define';
import { ClosureCodeIdSchema } from './closure';
import { SeveritySchema } from '../domain/severity';
import { IdSchema } from '../domain/ids';
import type { JournalEntry } from '../journal/entry';
import type { AlertView } from '../state/alertsDomain';
import { AlertIdSchema, AlertNoteText, AlertPersonSchema, DutyLevelSchema } from './schema';

const Entry = z.custom<JournalEntry>();
const Id = { alertId: AlertIdSchema };
const Note = { note: AlertNoteText.optional() };

export const WebhookInfoSchema = z.strictObject({
  enabled: z.boolean(),
  /** Path on the console's host server (host mode). */
  path: z.string(),
  /** The desktop app's own loopback listener for the webhook (absent in host mode or when it could not listen). */
  url: z.string().optional(),
  /** Bearer token for `Authorization: Bearer <token>`. */
  token: z.string(),
});
export type WebhookInfo = z.infer<typeof WebhookInfoSchema>;

/**
 * Alert handling methods of the console contract (spread into consoleContract).
 * Each records one journal entry with the signed-in operator as actor and
 * resolves with it; a step that makes no sense (acknowledging a closed alert)
 * is refused with a `conflict` naming the reason.
 */
export const alertMethods = {
  acknowledgeAlert: method(z.tuple([z.strictObject(Id)]), Entry),
  assignAlert: method(z.tuple([z.strictObject({ ...Id, to: AlertPersonSchema })]), Entry),
  noteAlert: method(z.tuple([z.strictObject({ ...Id, text: AlertNoteText })]), Entry),
  /** Starts the response plan (optionally sending someone). */
  dispatchAlert: method(z.tuple([z.strictObject({ ...Id, to: AlertPersonSchema.optional(), ...Note })]), Entry),
  onSceneAlert: method(z.tuple([z.strictObject({ ...Id, ...Note })]), Entry),
  /** A report upward (command centre, police liaison). */
  reportAlert: method(z.tuple([z.strictObject({ ...Id, to: AlertPersonSchema, ...Note })]), Entry),
  /**
   * Closes an acknowledged alert with one of the site's closure codes (it says
   * resolved or false alarm), with the comment the code may require. An alert
   * nobody acknowledged cannot be closed in one step.
   */
  closeAlert: method(z.tuple([z.strictObject({ ...Id, code: ClosureCodeIdSchema, ...Note })]), Entry),
  /**
   * Ticks one step of the alarm's response plan (its type's checklist, by
   * step id): journaled with time and person. Refused for an alarm not yet
   * acknowledged or already closed, a step the plan does not have, or one
   * already ticked (naming who ticked it).
   */
  tickAlertStep: method(z.tuple([z.strictObject({ ...Id, step: IdSchema })]), Entry),
  /** Undoes the caller's own close within CLOSE_UNDO_MS of it: the alert is open again as it was. */
  reopenAlert: method(z.tuple([z.strictObject(Id)]), Entry),
  escalateAlert: method(z.tuple([z.strictObject({ ...Id, reason: z.string().trim().min(1, 'must not be empty').max(2000) })]), Entry),
  /**
   * An alarm reported by phone, radio or in person, entered at the desk by the
   * signed-in operator: it takes the ingest path every source takes (the
   * site's types and zones, duplicates, quarantine) and is raised now.
   */
  raiseManualAlert: method(
    z.tuple([
      z.strictObject({
        type: z.string().trim().min(1, 'choose the alarm type').max(64),
        zone: z.string().trim().min(1, 'choose the zone').max(64),
        severity: SeveritySchema.optional(),
        via: z.enum(['phone', 'radio', 'in-person']),
        reporter: AlertPersonSchema,
        note: AlertNoteText.optional(),
      }),
    ]),
    z.strictObject({ alertId: z.string() }),
  ),
  /**
   * Silences this console's alarm tone for the alarms named (those sounding
   * now), with a reason: journaled per console; other desks keep sounding,
   * and an alarm raised later sounds again.
   */
  silenceAlarms: method(
    z.tuple([z.strictObject({ alertIds: z.array(AlertIdSchema).min(1, 'name at least one alarm').max(1000), reason: z.string().trim().min(1, 'give a reason').max(500) })]),
    z.array(Entry),
  ),
  /** Live alerts raised in a window, placed for the heat map (long windows read the journal, not memory). */
  alertHeatHistory: method(
    z.tuple([z.strictObject({ from: z.number().int(), to: z.number().int() }).refine((r) => r.to > r.from && r.to - r.from <= 31 * 86_400_000, { message: 'the window must run forward and span at most 31 days', path: ['to'] })]),
    z.strictObject({ events: z.array(z.custom<HeatEvent & { id: string }>()), truncated: z.boolean() }),
  ),
  /**
   * Alarms closed in a window (the shift, any day), read from the journal and
   * folded by the alerts fold: each with its handling history and closure
   * code, newest closure first; `truncated` when the window held more than one
   * answer carries, `withoutRaise` for closures whose raise lies too far back.
   */
  closedAlarms: method(
    z.tuple([z.strictObject({ from: z.number().int(), to: z.number().int() }).refine((r) => r.to > r.from && r.to - r.from <= 31 * 86_400_000, { message: 'the window must run forward and span at most 31 days', path: ['to'] })]),
    z.strictObject({ alarms: z.array(z.custom<AlertView>()), truncated: z.boolean(), withoutRaise: z.number().int().nonnegative() }),
  ),
  /** 一级/二级/三级勤务 (1 is the highest). */
  setDutyLevel: method(z.tuple([z.strictObject({ level: DutyLevelSchema, reason: z.string().trim().min(1, 'must not be empty').max(2000) })]), Entry),
  webhookInfo: method(z.tuple([]), WebhookInfoSchema),
} as const;

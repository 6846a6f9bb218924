import { z } from 'zod';
import { IdSchema } from '../domain/ids';
import { SeveritySchema } from '../domain/severity';
import { LocalizedTextSchema, type LocalizedText } from '../i18n/locale';

/**
 * Response targets in seconds, measured from the alert's arrival in the journal.
 * Defaults come from the site plans (DOMAIN.md): report by radio in 1 min,
 * plan started in 3 min, joint response on scene in 10 min, overall response
 * within 15 min, written report 15 min after handling, progress hourly.
 */
export const TargetSetSchema = z.strictObject({
  acknowledgeSec: z.number().int().positive().optional(),
  radioReportSec: z.number().int().positive().optional(),
  startPlanSec: z.number().int().positive().optional(),
  onSceneSec: z.number().int().positive().optional(),
  overallSec: z.number().int().positive().optional(),
  writtenReportSec: z.number().int().positive().optional(),
  progressEverySec: z.number().int().positive().optional(),
});
export type TargetSet = z.infer<typeof TargetSetSchema>;

export const ResponseTargetsSchema = z.strictObject({
  default: TargetSetSchema.required(),
  bySeverity: z
    .strictObject({
      red: TargetSetSchema.optional(),
      orange: TargetSetSchema.optional(),
      yellow: TargetSetSchema.optional(),
      blue: TargetSetSchema.optional(),
    })
    .default({}),
});
export type ResponseTargets = z.infer<typeof ResponseTargetsSchema>;

/**
 * One step of a response plan (SOP), as the site writes it: plain text (the
 * older form) or an object saying whether the step must be done before the
 * alarm is resolved, and what it opens at the desk (a roster contact to call,
 * logging the attempt, or a camera). Ticks are journaled by the step's id
 * (`step-1`, `step-2`… by position unless the site names it: name steps the
 * site may reorder, so a tick keeps its step).
 */
export const PlanStepInputSchema = z.union([
  LocalizedTextSchema,
  z.strictObject({
    id: IdSchema.optional(),
    text: LocalizedTextSchema,
    /** Must be ticked before the alarm can be closed as resolved (a false alarm needs no plan). */
    mandatory: z.boolean().default(false),
    /** A roster person or unit the step calls (the desk offers their contact ladder and logs the attempt). */
    contact: IdSchema.optional(),
    /** A camera the step looks at. */
    camera: IdSchema.optional(),
  }),
]);

export interface PlanStep {
  readonly id: string;
  readonly text: LocalizedText;
  readonly mandatory: boolean;
  readonly contact?: string;
  readonly camera?: string;
}

/** The steps in one form, each with its id (by position unless named). */
export function planSteps(checklist: readonly z.output<typeof PlanStepInputSchema>[]): PlanStep[] {
  return checklist.map((step, i) => {
    const id = `step-${i + 1}`;
    if (typeof step === 'string' || !('text' in step)) return { id, text: step, mandatory: false };
    return { id: step.id ?? id, text: step.text, mandatory: step.mandatory, ...(step.contact !== undefined ? { contact: step.contact } : {}), ...(step.camera !== undefined ? { camera: step.camera } : {}) };
  });
}

export const alertCategories = ['quarantine', 'perimeter', 'anti-terror', 'facility', 'health'] as const;

/** One entry of the site's alert catalogue: data, not code. */
export const AlertTypeSchema = z.strictObject({
  code: IdSchema,
  name: LocalizedTextSchema,
  category: z.enum(alertCategories),
  severity: SeveritySchema,
  /** The response plan's steps for this type (SOP): ticked at the desk, each tick journaled (see PlanStepInputSchema). */
  checklist: z.array(PlanStepInputSchema).default([]),
  /** Per-type overrides of the response targets. */
  targets: TargetSetSchema.optional(),
});
export type AlertType = z.infer<typeof AlertTypeSchema>;

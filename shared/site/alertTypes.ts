import { z } from 'zod';
import { IdSchema } from '../domain/ids';
import { SeveritySchema } from '../domain/severity';
import { LocalizedTextSchema } from '../i18n/locale';

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

export const alertCategories = ['quarantine', 'perimeter', 'anti-terror', 'facility', 'health'] as const;

/** One entry of the site's alert catalogue: data, not code. */
export const AlertTypeSchema = z.strictObject({
  code: IdSchema,
  name: LocalizedTextSchema,
  category: z.enum(alertCategories),
  severity: SeveritySchema,
  /** The response plan's steps for this type, shown as a checklist at the desk. */
  checklist: z.array(LocalizedTextSchema).default([]),
  /** Per-type overrides of the response targets. */
  targets: TargetSetSchema.optional(),
});
export type AlertType = z.infer<typeof AlertTypeSchema>;

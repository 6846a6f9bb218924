import { z } from 'zod';
import { LocalizedTextSchema } from '../i18n/locale';

/**
 * Closure codes: how an alarm ended, chosen by the operator who closes it
 * (the site's list), as alarm-receiving centres do. Each code says whether the
 * alarm counts as resolved or as a false alarm, and whether a comment is
 * required. An alarm is closed in one entry (`alert.resolved` or
 * `alert.false-alarm`, by the code) and can be reopened by the same person
 * within `CLOSE_UNDO_MS` (`alert.reopened`).
 */
export const ClosureCodeIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'must be 1-32 of a-z, 0-9 and "-", e.g. "nuisance"');

/** The code the console itself closes drill alarms with when a real emergency stops the drill; no site may redefine it. */
export const DRILL_STOPPED_CODE = 'drill-stopped';

/** How long the person who closed an alarm may take it back. */
export const CLOSE_UNDO_MS = 10_000;

export const ClosureCodeSchema = z.strictObject({
  code: ClosureCodeIdSchema.refine((c) => c !== DRILL_STOPPED_CODE, `"${DRILL_STOPPED_CODE}" is the console's own code (the real-emergency stop of a drill)`),
  label: LocalizedTextSchema,
  /** Whether the alarm counts as resolved (it was real, or a test) or as a false alarm (reports count these). */
  closes: z.enum(['resolved', 'false-alarm']),
  /** The operator must say why (a real incident needs its account). */
  commentRequired: z.boolean().default(false),
});
export type ClosureCode = z.infer<typeof ClosureCodeSchema>;

/** The list a site gets unless its file has its own `closureCodes`. */
export const DEFAULT_CLOSURE_CODES: readonly ClosureCode[] = [
  { code: 'real-incident', label: { en: 'Real incident', 'zh-CN': '真实警情' }, closes: 'resolved', commentRequired: true },
  { code: 'false-alarm', label: { en: 'False alarm', 'zh-CN': '误报' }, closes: 'false-alarm', commentRequired: false },
  { code: 'test', label: { en: 'Test', 'zh-CN': '测试' }, closes: 'resolved', commentRequired: false },
  { code: 'nuisance', label: { en: 'Nuisance (weather, animals)', 'zh-CN': '干扰（天气、动物）' }, closes: 'false-alarm', commentRequired: false },
  { code: 'duplicate', label: { en: 'Duplicate of another alarm', 'zh-CN': '重复告警' }, closes: 'resolved', commentRequired: true },
];

/** The drill-stopped code as a closure code (for labels); never offered to an operator. */
export const DRILL_STOPPED: ClosureCode = { code: DRILL_STOPPED_CODE, label: { en: 'Drill stopped (real emergency)', 'zh-CN': '演练中止（真实警情）' }, closes: 'resolved', commentRequired: false };

export const ClosureCodesSchema = z
  .array(ClosureCodeSchema)
  .min(1, 'a site needs at least one closure code')
  .superRefine((codes, ctx) => {
    const seen = new Set<string>();
    codes.forEach((c, i) => {
      if (seen.has(c.code)) ctx.addIssue({ code: 'custom', path: [i, 'code'], message: `closure code "${c.code}" is listed twice` });
      seen.add(c.code);
    });
  });

/** A code of the site (or the console's own drill-stopped code), for showing a closed alarm. */
export function closureCode(codes: readonly ClosureCode[], code: string): ClosureCode | undefined {
  return code === DRILL_STOPPED_CODE ? DRILL_STOPPED : codes.find((c) => c.code === code);
}

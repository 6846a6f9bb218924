import { z } from 'zod';
import { IdSchema, PointSchema } from '../domain/ids';
import { SeveritySchema } from '../domain/severity';
import { LocalizedTextSchema } from '../i18n/locale';

export const DRILL_FORMAT = 'watchpost-drill/1';

/** What the officers are expected to do after an inject, and how soon (seconds after the inject). */
export const expectedActions = [
  'acknowledge', // the alert is acknowledged at the desk
  'radio-contact', // someone is reached by radio about it
  'start-plan', // the commander starts the response plan
  'on-scene', // responders report on scene
  'report-upward', // a report goes to the command centre
  'resolve', // the alert is closed
  'comms-check', // a missed check-in is chased and answered
  'plan-step', // a named step of the alert's response plan is ticked (`step`)
] as const;

export const ExpectedActionSchema = z
  .strictObject({
    action: z.enum(expectedActions),
    withinSec: z.number().int().positive(),
    /** The response plan step a `plan-step` action times (its id in the alert type's checklist). */
    step: IdSchema.optional(),
  })
  .refine((a) => (a.action === 'plan-step') === (a.step !== undefined), { message: 'a plan-step action names its step (and only a plan-step action does)', path: ['step'] });

const InjectBase = {
  id: IdSchema,
  /** Seconds after the drill starts. */
  atSec: z.number().int().min(0),
  note: LocalizedTextSchema.optional(),
  expected: z.array(ExpectedActionSchema).default([]),
};

/** A timed event the drill injects; a drill is a list of these plus objectives. */
export const InjectSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...InjectBase,
    kind: z.literal('alert'),
    type: IdSchema,
    severity: SeveritySchema.optional(),
    floor: IdSchema.optional(),
    position: PointSchema.optional(),
    zone: IdSchema.optional(),
    camera: IdSchema.optional(),
  }),
  z.strictObject({ ...InjectBase, kind: z.literal('camera-outage'), camera: IdSchema, durationSec: z.number().int().positive() }),
  z.strictObject({ ...InjectBase, kind: z.literal('comms-failure'), method: z.enum(['radio', 'satphone', 'mobile', 'landline']), durationSec: z.number().int().positive() }),
  z.strictObject({ ...InjectBase, kind: z.literal('missed-checkin'), person: IdSchema }),
  z.strictObject({ ...InjectBase, kind: z.literal('note') }),
]);
export type Inject = z.infer<typeof InjectSchema>;

export const DrillScenarioSchema = z.strictObject({
  format: z.literal(DRILL_FORMAT, { error: `must be "${DRILL_FORMAT}"` }),
  id: IdSchema,
  name: LocalizedTextSchema,
  description: LocalizedTextSchema.optional(),
  durationSec: z.number().int().positive(),
  objectives: z
    .array(
      z.strictObject({
        id: IdSchema,
        text: LocalizedTextSchema,
        /** Injects whose expected actions measure this objective: it passes when all of them pass. */
        covers: z.array(IdSchema).default([]),
      }),
    )
    .default([]),
  injects: z.array(InjectSchema).min(1),
}).superRefine((d, ctx) => {
  const ids = new Set<string>();
  d.injects.forEach((inject, i) => {
    if (ids.has(inject.id)) ctx.addIssue({ code: 'custom', path: ['injects', i, 'id'], message: `inject id "${inject.id}" is used twice` });
    ids.add(inject.id);
    if (inject.atSec > d.durationSec) ctx.addIssue({ code: 'custom', path: ['injects', i, 'atSec'], message: 'fires after the drill has ended' });
  });
  d.objectives.forEach((o, i) =>
    o.covers.forEach((id, j) => {
      if (!ids.has(id)) ctx.addIssue({ code: 'custom', path: ['objectives', i, 'covers', j], message: `no inject "${id}" in this drill` });
    }),
  );
});
export type DrillScenario = z.infer<typeof DrillScenarioSchema>;

import { z } from 'zod';
import { kind } from '../journal/kindSpec';
import { InjectSchema } from './scenario';

const Text = z.string().trim().min(1, 'must not be empty').max(4000);

/**
 * Journal entries of drills and their review. Everything a drill causes is
 * recorded in DRILL mode; only the decision to stop a drill for a real
 * emergency is LIVE (it is real).
 */
export const drillKinds = {
  'drill.started': kind({
    label: { en: 'Drill started', 'zh-CN': '演练开始' },
    payload: z.strictObject({
      scenarioId: z.string().min(1).max(64),
      name: z.string().max(200),
      durationSec: z.number().int().positive(),
      /** Injects fire this many times faster than scripted (1 = real time). */
      speed: z.number().min(1).max(600),
      injects: z.number().int().nonnegative(),
    }),
    text: (p) => `drill ${p.scenarioId} ${p.name}`,
  }),
  /** An inject fired (system): what the scenario made happen. */
  'drill.inject': kind({
    label: { en: 'Drill inject', 'zh-CN': '演练注入' },
    system: true,
    needsRef: true,
    payload: z.strictObject({ scenarioId: z.string(), inject: InjectSchema, phase: z.enum(['start', 'restore']).default('start') }),
    text: (p) => `inject ${p.inject.id} ${p.inject.kind}`,
  }),
  /** The drill ran its course (system). */
  'drill.ended': kind({
    label: { en: 'Drill ended', 'zh-CN': '演练结束' },
    system: true,
    needsRef: true,
    payload: z.strictObject({ scenarioId: z.string() }),
    text: (p) => `drill ${p.scenarioId} ended`,
  }),
  /** Stopped early; for a real emergency this entry is LIVE. */
  'drill.stopped': kind({
    label: { en: 'Drill stopped', 'zh-CN': '演练中止' },
    needsRef: true,
    payload: z.strictObject({ scenarioId: z.string(), reason: z.enum(['real-emergency', 'operator']), note: z.string().max(2000).optional() }),
    text: (p) => `drill ${p.scenarioId} stopped ${p.reason} ${p.note ?? ''}`,
  }),
  /** An observer's note or bookmark during a review, at the time observed; source entries never change. */
  annotation: kind({
    label: { en: 'Observer note', 'zh-CN': '观察员记录' },
    payload: z.strictObject({
      text: Text,
      /** The moment on the reviewed timeline (ms since epoch). */
      observedAt: z.number().int(),
      bookmark: z.boolean().default(false),
      /** Which journal was being reviewed (file name or "live"). */
      source: z.string().max(300),
    }),
    text: (p) => p.text,
  }),
  /** The evaluator's part of the after-action report (HSEEP-style). */
  'drill.evaluation': kind({
    label: { en: 'Drill evaluation', 'zh-CN': '演练评估' },
    needsRef: true,
    payload: z.strictObject({
      strengths: z.array(Text).max(50).default([]),
      improvements: z.array(Text).max(50).default([]),
      correctiveActions: z
        .array(z.strictObject({ action: Text, owner: z.string().trim().min(1).max(100), due: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD') }))
        .max(50)
        .default([]),
    }),
    text: (p) => [...p.strengths, ...p.improvements, ...p.correctiveActions.map((c) => `${c.action} ${c.owner}`)].join(' '),
  }),
};


import { z } from 'zod';
import { kind, type SummaryContext } from '../journal/kindSpec';
import { localize } from '../i18n/locale';
import { InjectSchema, type Inject } from './scenario';

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
    summary: (p, c) => {
      const name = p.name || p.scenarioId;
      const speed = p.speed > 1 ? ` ×${p.speed}` : '';
      return c.say({ en: `Drill “${name}” started: ${p.injects} injects over ${c.duration(p.durationSec)}${speed}`, 'zh-CN': `演练「${name}」开始：${p.injects} 个注入，时长 ${c.duration(p.durationSec)}${speed}` });
    },
  }),
  /** An inject fired (system): what the scenario made happen. */
  'drill.inject': kind({
    label: { en: 'Drill inject', 'zh-CN': '演练注入' },
    system: true,
    needsRef: true,
    payload: z.strictObject({ scenarioId: z.string(), inject: InjectSchema, phase: z.enum(['start', 'restore']).default('start') }),
    text: (p) => `inject ${p.inject.id} ${p.inject.kind}`,
    summary: (p, c) => injectSummary(p.inject, p.phase, c),
  }),
  /** The drill ran its course (system). */
  'drill.ended': kind({
    label: { en: 'Drill ended', 'zh-CN': '演练结束' },
    system: true,
    needsRef: true,
    payload: z.strictObject({ scenarioId: z.string() }),
    text: (p) => `drill ${p.scenarioId} ended`,
    summary: (p, c) => c.say({ en: `Drill ${p.scenarioId} ended`, 'zh-CN': `演练 ${p.scenarioId} 结束` }),
  }),
  /** Stopped early; for a real emergency this entry is LIVE. */
  'drill.stopped': kind({
    label: { en: 'Drill stopped', 'zh-CN': '演练中止' },
    needsRef: true,
    payload: z.strictObject({ scenarioId: z.string(), reason: z.enum(['real-emergency', 'operator']), note: z.string().max(2000).optional() }),
    text: (p) => `drill ${p.scenarioId} stopped ${p.reason} ${p.note ?? ''}`,
    summary: (p, c) => {
      const why = p.reason === 'real-emergency' ? c.say({ en: 'for a real emergency', 'zh-CN': '因真实紧急情况' }) : c.say({ en: 'by the operator', 'zh-CN': '由操作员' });
      const note = p.note ? c.say({ en: `: ${p.note}`, 'zh-CN': `：${p.note}` }) : '';
      return c.say({ en: `Drill ${p.scenarioId} stopped ${why}${note}`, 'zh-CN': `演练 ${p.scenarioId} ${why}中止${note}` });
    },
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
    summary: (p, c) => (p.bookmark ? `★ ${p.text}` : p.text) + c.say({ en: ` (at ${c.time(p.observedAt)})`, 'zh-CN': `（${c.time(p.observedAt)}）` }),
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
    summary: (p, c) => {
      const counts = c.say({
        en: `${p.strengths.length} strengths, ${p.improvements.length} improvements, ${p.correctiveActions.length} corrective actions`,
        'zh-CN': `优点 ${p.strengths.length} 项，待改进 ${p.improvements.length} 项，整改措施 ${p.correctiveActions.length} 项`,
      });
      const actions = p.correctiveActions.map((a) => `${a.action} (${c.person(a.owner)}, ${a.due})`);
      return [counts, ...actions].join(' · ');
    },
  }),
};


/** What an inject made happen, in the context's language. */
function injectSummary(inject: Inject, phase: 'start' | 'restore', c: SummaryContext): string {
  const note = inject.note ? ` — ${localize(inject.note, c.lang)}` : '';
  const restore = phase === 'restore';
  switch (inject.kind) {
    case 'alert': {
      const place = inject.zone ? ` · ${c.zone(inject.zone)}` : inject.camera ? ` · ${c.camera(inject.camera)}` : '';
      return c.say({ en: `Drill alert: ${c.alertType(inject.type)}${place}`, 'zh-CN': `演练告警：${c.alertType(inject.type)}${place}` }) + note;
    }
    case 'camera-outage':
      return (restore
        ? c.say({ en: `${c.camera(inject.camera)} back after the drill outage`, 'zh-CN': `${c.camera(inject.camera)} 演练断线恢复` })
        : c.say({ en: `${c.camera(inject.camera)} out for ${c.duration(inject.durationSec)} (drill)`, 'zh-CN': `${c.camera(inject.camera)} 演练断线 ${c.duration(inject.durationSec)}` })) + note;
    case 'comms-failure': {
      const method = c.t(`roster.method.${inject.method}`);
      return (restore
        ? c.say({ en: `${method} restored after the drill failure`, 'zh-CN': `${method}演练故障恢复` })
        : c.say({ en: `${method} down for ${c.duration(inject.durationSec)} (drill)`, 'zh-CN': `${method}演练故障 ${c.duration(inject.durationSec)}` })) + note;
    }
    case 'missed-checkin':
      return c.say({ en: `${c.person(inject.person)} misses a check-in (drill)`, 'zh-CN': `${c.person(inject.person)} 未按时报到（演练）` }) + note;
    case 'note':
      return c.say({ en: 'Drill note', 'zh-CN': '演练提示' }) + note;
  }
}

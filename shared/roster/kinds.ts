import { z } from 'zod';
import { kind } from '../journal/kindSpec';

const Id = z.string().trim().min(1, 'must not be empty').max(64);
const Short = z.string().trim().min(1, 'must not be empty').max(200);

export const commsMethods = ['radio', 'satphone', 'mobile', 'landline', 'runner', 'other'] as const;
export const CommsMethodSchema = z.enum(commsMethods);
export type CommsMethod = z.infer<typeof CommsMethodSchema>;

/** ICS-309 style results; "answered" and "relayed" are legible contact, the others are not. */
export const attemptResults = ['answered', 'no-answer', 'bad-signal', 'relayed'] as const;
export const AttemptResultSchema = z.enum(attemptResults);
export type AttemptResult = z.infer<typeof AttemptResultSchema>;

export function isLegible(result: AttemptResult): boolean {
  return result === 'answered' || result === 'relayed';
}

export const CommsAttemptSchema = z.strictObject({
  /** A roster person id or an external contact (unit) id. */
  to: Id,
  /** Who called: a call sign or person; the entry's actor is the operator who logged it. */
  from: Short.optional(),
  method: CommsMethodSchema,
  channel: z.string().trim().max(64).optional(),
  number: z.string().trim().max(32).optional(),
  message: z.string().trim().max(2000).optional(),
  result: AttemptResultSchema,
  checkId: Id.optional(),
});
export type CommsAttempt = z.infer<typeof CommsAttemptSchema>;

export const RollCallSummarySchema = z.strictObject({
  answered: z.number().int().nonnegative(),
  noAnswer: z.number().int().nonnegative(),
  badSignal: z.number().int().nonnegative(),
  relayed: z.number().int().nonnegative(),
  /** People the roll call never reached before it was ended (absent in entries written before it was counted). */
  notCalled: z.number().int().nonnegative().optional(),
});
export type RollCallSummary = z.infer<typeof RollCallSummarySchema>;

/**
 * Journal entries of the contact roster and comms checks (issue 6). Due
 * times are derived from these entries, never from in-memory timers. A
 * `comms.attempt` whose `ref` names an earlier attempt amends it: the fold
 * uses the amended one instead and recomputes the timer.
 */
export const rosterKinds = {
  'comms.attempt': kind({
    label: { en: 'Contact attempt', 'zh-CN': '联络记录' },
    payload: CommsAttemptSchema,
    text: (p) => [p.to, p.from, p.method, p.channel, p.number, p.message, p.result, p.checkId].filter(Boolean).join(' '),
    summary: (p, c) => {
      const via = [c.t(`roster.method.${p.method}`), p.channel, p.number].filter(Boolean).join(' ');
      const from = p.from ? c.say({ en: ` from ${c.contact(p.from)}`, 'zh-CN': `（${c.contact(p.from)} 发起）` }) : '';
      const check = p.checkId ? ` [${c.check(p.checkId)}]` : '';
      const message = p.message ? ` — ${p.message}` : '';
      return c.say({ en: `Call to ${c.contact(p.to)}${from} by ${via}: ${c.t(`roster.result.${p.result}`)}`, 'zh-CN': `联络 ${c.contact(p.to)}${from}，${via}：${c.t(`roster.result.${p.result}`)}` }) + check + message;
    },
  }),
  /** Stops the pending escalation steps of an overdue check. */
  'comms.ack': kind({
    label: { en: 'Escalation acknowledged', 'zh-CN': '升级已确认' },
    payload: z.strictObject({ escalationId: z.string().min(1).max(200) }),
    text: (p) => `ack ${p.escalationId}`,
    summary: (p, c) => {
      // The id is "<check>|<subject>|<overdue ms>" (state/rosterDomain.ts escalationIdOf).
      const [check, subject] = p.escalationId.split('|');
      const what = check && subject ? `${c.check(check)} · ${c.contact(subject)}` : p.escalationId;
      return c.say({ en: `Escalation acknowledged: ${what}`, 'zh-CN': `升级已确认：${what}` });
    },
  }),
  /** The console walked one step of an escalation (system, once per step). */
  'comms.escalation': kind({
    label: { en: 'Comms escalation', 'zh-CN': '联络升级' },
    system: true,
    payload: z.strictObject({
      escalationId: z.string().min(1).max(200),
      checkId: Id,
      person: Id,
      step: z.number().int().nonnegative(),
      kind: z.enum(['ladder', 'backup', 'supervisor']),
      /** Whom to try now and how. */
      target: Id,
      method: CommsMethodSchema,
      route: z.string().max(200),
    }),
    text: (p) => `escalation ${p.checkId} ${p.person} step ${p.step} ${p.kind} ${p.target} ${p.method} ${p.route}`,
    summary: (p, c) => {
      const who = p.kind === 'ladder' ? c.say({ en: 'next route', 'zh-CN': '下一联络方式' }) : p.kind === 'backup' ? c.say({ en: 'backup', 'zh-CN': '备岗' }) : c.say({ en: 'supervisor', 'zh-CN': '上级' });
      const how = [c.t(`roster.method.${p.method}`), p.route].filter(Boolean).join(' ');
      return c.say({
        en: `${c.check(p.checkId)}: ${c.person(p.person)} not reached — step ${p.step + 1}, ${who} ${c.contact(p.target)} by ${how}`,
        'zh-CN': `${c.check(p.checkId)}：${c.person(p.person)} 未联络上 — 第 ${p.step + 1} 步，${who} ${c.contact(p.target)}，${how}`,
      });
    },
  }),
  /** 点名: one walk through everyone on duty on a channel. */
  'rollcall.started': kind({
    label: { en: 'Roll call started', 'zh-CN': '点名开始' },
    payload: z.strictObject({ channel: Short, people: z.array(Id).min(1, 'nobody to call').max(2000) }),
    text: (p) => `roll call ${p.channel} ${p.people.join(' ')}`,
    summary: (p, c) => {
      const names = p.people.map((id) => c.person(id)).join(c.say({ en: ', ', 'zh-CN': '、' }));
      return c.say({ en: `Roll call on ${p.channel} (${p.people.length}): ${names}`, 'zh-CN': `${p.channel} 点名（${p.people.length} 人）：${names}` });
    },
  }),
  'rollcall.answer': kind({
    label: { en: 'Roll call answer', 'zh-CN': '点名应答' },
    payload: z.strictObject({ rollcallId: z.string().min(1).max(64), person: Id, result: AttemptResultSchema }),
    text: (p) => `roll call ${p.person} ${p.result}`,
    summary: (p, c) => `${c.person(p.person)}${c.say({ en: ': ', 'zh-CN': '：' })}${c.t(`roster.result.${p.result}`)}`,
  }),
  'rollcall.ended': kind({
    label: { en: 'Roll call ended', 'zh-CN': '点名结束' },
    payload: z.strictObject({ rollcallId: z.string().min(1).max(64), summary: RollCallSummarySchema }),
    text: (p) => `roll call ended answered ${p.summary.answered} no answer ${p.summary.noAnswer} bad signal ${p.summary.badSignal} relayed ${p.summary.relayed} not called ${p.summary.notCalled ?? 0}`,
    summary: (p, c) => {
      const s = p.summary;
      const parts = [`${c.t('roster.result.answered')} ${s.answered}`, `${c.t('roster.result.no-answer')} ${s.noAnswer}`, `${c.t('roster.result.bad-signal')} ${s.badSignal}`, `${c.t('roster.result.relayed')} ${s.relayed}`];
      if (s.notCalled) parts.push(`${c.t('roster.result.not-called')} ${s.notCalled}`);
      return c.say({ en: `Roll call ended: ${parts.join(', ')}`, 'zh-CN': `点名结束：${parts.join('，')}` });
    },
  }),
  'roster.imported': kind({
    label: { en: 'Roster imported', 'zh-CN': '名册导入' },
    // Only importRosterCsv writes it (four eyes).
    system: true,
    payload: z.strictObject({
      rows: z.number().int().nonnegative(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 hex digest'),
      /** The supervisor whose presence or PIN allowed it (four eyes), when not the actor. */
      approvedBy: z.string().max(64).optional(),
    }),
    text: (p) => `roster imported ${p.rows} rows ${p.sha256}`,
    summary: (p, c) => c.say({ en: `Roster imported: ${p.rows} people (SHA-256 ${p.sha256.slice(0, 12)}…)`, 'zh-CN': `名册导入：${p.rows} 人（SHA-256 ${p.sha256.slice(0, 12)}…）` }),
  }),
  /** A comms device function test (every device every 14 days). */
  'equipment.tested': kind({
    label: { en: 'Device tested', 'zh-CN': '设备测试' },
    payload: z.strictObject({ device: Id, result: z.enum(['pass', 'fail']), note: z.string().max(2000).optional() }),
    text: (p) => `equipment ${p.device} ${p.result} ${p.note ?? ''}`,
    summary: (p, c) =>
      c.say({ en: `${c.equipment(p.device)} tested: ${p.result === 'pass' ? 'pass' : 'FAIL'}`, 'zh-CN': `${c.equipment(p.device)} 测试：${p.result === 'pass' ? '正常' : '故障'}` }) + (p.note ? ` — ${p.note}` : ''),
  }),
};


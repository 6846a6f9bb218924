import { z } from 'zod';
import { kind, type SummaryContext } from '../journal/kindSpec';
import { ClosureCodeIdSchema } from './closure';
import { IdSchema } from '../domain/ids';
import { localize, LocalizedTextSchema } from '../i18n/locale';
import { AlertIdSchema, AlertNoteText, AlertPersonSchema, AlertRaisedSchema, AlertSourceSchema, DutyLevelSchema, QUARANTINE_RAW_MAX_BYTES } from './schema';

const Id = { alertId: AlertIdSchema };
const OptionalNote = AlertNoteText.optional();
/**
 * A closing step: the closure code the operator chose (the site's list,
 * shared/alerts/closure.ts) and their comment. The code is optional here only
 * because entries recorded before closure codes existed have none; the
 * console never writes a close without one.
 */
const Closed = z.strictObject({ ...Id, code: ClosureCodeIdSchema.optional(), note: OptionalNote });
/** The closure code after a summary. */
const coded = (code: string | undefined, c: SummaryContext): string => (code ? c.say({ en: ` [${c.closureCode(code)}]`, 'zh-CN': `【${c.closureCode(code)}】` }) : '');
/**
 * Who an escalation went to: the supervisor role (every desk where a
 * supervisor is signed in shows it), and the roster's supervisor on duty,
 * whose contact ladder the desk offers, when the roster names one.
 */
const EscalatedTo = z.strictObject({ role: z.literal('supervisor'), person: z.string().min(1).max(64).optional() });
const toSupervisor = (to: { person?: string | undefined } | undefined, c: SummaryContext): string =>
  to ? c.say({ en: ` → supervisor${to.person ? ` ${c.person(to.person)}` : ''}`, 'zh-CN': ` → 值班长${to.person ? ` ${c.person(to.person)}` : ''}` }) : '';
/** An optional note after a summary. */
const noted = (note: string | undefined): string => (note ? ` — ${note}` : '');

/**
 * Journal entries of alerts (see the alert contract): raised by the core's
 * ingest, handled at the desk. Alert state is a projection of these.
 */
export const alertKinds = {
  'alert.raised': kind({
    label: { en: 'Alert raised', 'zh-CN': '告警' },
    system: true,
    payload: AlertRaisedSchema,
    text: (p) => `alert ${p.alertId} ${p.type} ${p.severity} ${p.zone ?? ''} ${p.camera ?? ''} ${p.sensor ?? ''}`,
    summary: (p, c) => {
      // Where: the zone (else the floor), the sensor that fired, the camera only when nothing else says where.
      const where = [p.zone ? c.zone(p.zone) : p.floor && c.floor(p.floor), p.sensor && c.sensor(p.sensor), !p.zone && !p.sensor && p.camera && c.camera(p.camera)];
      const place = where.filter(Boolean).join(' · ');
      const severity = c.t(`alerts.severity.${p.severity}`);
      return `${c.alertType(p.type)}${place ? ` · ${place}` : ''}${c.say({ en: ` (${severity})`, 'zh-CN': `（${severity}）` })}`;
    },
  }),
  'alert.acknowledged': kind({ label: { en: 'Alert acknowledged', 'zh-CN': '告警确认' }, payload: z.strictObject(Id), text: (p) => `alert ${p.alertId} acknowledged`, summary: (p, c) => c.say({ en: `Alert acknowledged: ${c.alertName(p.alertId)}`, 'zh-CN': `确认告警：${c.alertName(p.alertId)}` }) }),
  'alert.assigned': kind({ label: { en: 'Alert assigned', 'zh-CN': '告警指派' }, payload: z.strictObject({ ...Id, to: AlertPersonSchema }), text: (p) => `alert ${p.alertId} assigned ${p.to}`, summary: (p, c) => c.say({ en: `${c.alertName(p.alertId)} assigned to ${c.person(p.to)}`, 'zh-CN': `${c.alertName(p.alertId)} 指派给 ${c.person(p.to)}` }) }),
  'alert.note': kind({ label: { en: 'Alert note', 'zh-CN': '告警备注' }, payload: z.strictObject({ ...Id, text: AlertNoteText }), text: (p) => `alert ${p.alertId} ${p.text}`, summary: (p, c) => `${c.alertName(p.alertId)}${c.say({ en: ': ', 'zh-CN': '：' })}${p.text}` }),
  'alert.dispatched': kind({
    label: { en: 'Response started', 'zh-CN': '启动处置' },
    payload: z.strictObject({ ...Id, to: AlertPersonSchema.optional(), note: OptionalNote }),
    text: (p) => `alert ${p.alertId} dispatched ${p.to ?? ''} ${p.note ?? ''}`,
    summary: (p, c) => c.say({ en: `Response started: ${c.alertName(p.alertId)}`, 'zh-CN': `启动处置：${c.alertName(p.alertId)}` }) + (p.to ? ` → ${c.person(p.to)}` : '') + noted(p.note),
  }),
  'alert.on-scene': kind({ label: { en: 'On scene', 'zh-CN': '到场' }, payload: z.strictObject({ ...Id, note: OptionalNote }), text: (p) => `alert ${p.alertId} on scene ${p.note ?? ''}`, summary: (p, c) => c.say({ en: `On scene: ${c.alertName(p.alertId)}`, 'zh-CN': `到场：${c.alertName(p.alertId)}` }) + noted(p.note) }),
  'alert.reported': kind({
    label: { en: 'Reported upward', 'zh-CN': '信息报送' },
    payload: z.strictObject({ ...Id, to: AlertPersonSchema, note: OptionalNote }),
    text: (p) => `alert ${p.alertId} reported ${p.to} ${p.note ?? ''}`,
    summary: (p, c) => c.say({ en: `${c.alertName(p.alertId)} reported to ${c.contact(p.to)}`, 'zh-CN': `${c.alertName(p.alertId)} 已报送 ${c.contact(p.to)}` }) + noted(p.note),
  }),
  'alert.step-done': kind({
    label: { en: 'Plan step done', 'zh-CN': '预案步骤完成' },
    // The step's text as the plan said it then: the record reads the same after the site edits its plan.
    payload: z.strictObject({ ...Id, step: IdSchema, text: LocalizedTextSchema }),
    text: (p) => `alert ${p.alertId} step ${p.step} ${typeof p.text === 'string' ? p.text : [p.text.en, p.text['zh-CN']].filter(Boolean).join(' ')}`,
    summary: (p, c) => c.say({ en: `Plan step done: ${c.alertName(p.alertId)}: `, 'zh-CN': `预案步骤完成：${c.alertName(p.alertId)}：` }) + localize(p.text, c.lang),
  }),
  'alert.resolved': kind({
    label: { en: 'Alert resolved', 'zh-CN': '告警处置完毕' },
    payload: Closed,
    text: (p) => `alert ${p.alertId} resolved ${p.code ?? ''} ${p.note ?? ''}`,
    summary: (p, c) => c.say({ en: `Resolved: ${c.alertName(p.alertId)}`, 'zh-CN': `处置完毕：${c.alertName(p.alertId)}` }) + coded(p.code, c) + noted(p.note),
  }),
  'alert.false-alarm': kind({
    label: { en: 'False alarm', 'zh-CN': '误报' },
    payload: Closed,
    text: (p) => `alert ${p.alertId} false alarm ${p.code ?? ''} ${p.note ?? ''}`,
    summary: (p, c) => c.say({ en: `False alarm: ${c.alertName(p.alertId)}`, 'zh-CN': `误报：${c.alertName(p.alertId)}` }) + coded(p.code, c) + noted(p.note),
  }),
  'alert.reopened': kind({
    label: { en: 'Alert reopened', 'zh-CN': '告警撤销关闭' },
    payload: z.strictObject({ ...Id, closedEntry: z.string().min(1).max(64) }),
    text: (p) => `alert ${p.alertId} reopened`,
    summary: (p, c) => c.say({ en: `Closing undone: ${c.alertName(p.alertId)}`, 'zh-CN': `撤销关闭：${c.alertName(p.alertId)}` }),
  }),
  'alert.escalated': kind({
    label: { en: 'Alert escalated', 'zh-CN': '告警升级' },
    payload: z.strictObject({ ...Id, reason: z.string().trim().min(1, 'must not be empty').max(2000), by: z.enum(['operator', 'system']), to: EscalatedTo.optional() }),
    text: (p) => `alert ${p.alertId} escalated ${p.reason} ${p.to?.person ?? ''}`,
    summary: (p, c) => {
      const by = p.by === 'system' ? c.say({ en: 'by the console', 'zh-CN': '系统' }) : c.say({ en: 'by the operator', 'zh-CN': '操作员' });
      return c.say({ en: `${c.alertName(p.alertId)} escalated ${by}: ${p.reason}`, 'zh-CN': `${c.alertName(p.alertId)} 由${by}升级：${p.reason}` }) + toSupervisor(p.to, c);
    },
  }),
  'alert.progress-due': kind({
    label: { en: 'No progress reported', 'zh-CN': '未报进展' },
    // The console writes it when an acknowledged alarm has had no handling step for progressEverySec.
    system: true,
    payload: z.strictObject({ ...Id, afterSec: z.number().int().positive(), to: EscalatedTo.optional() }),
    text: (p) => `alert ${p.alertId} no progress ${p.afterSec} s ${p.to?.person ?? ''}`,
    summary: (p, c) =>
      c.say({ en: `${c.alertName(p.alertId)}: no progress for ${c.duration(p.afterSec)}`, 'zh-CN': `${c.alertName(p.alertId)}：${c.duration(p.afterSec)}未报进展` }) + toSupervisor(p.to, c),
  }),
  'alert.silenced': kind({
    label: { en: 'Alarm tone silenced', 'zh-CN': '报警声已静音' },
    // Per console: the entry's console is the one that went quiet; the other desks keep sounding.
    payload: z.strictObject({ alertIds: z.array(AlertIdSchema).min(1, 'name at least one alarm').max(1000), reason: z.string().trim().min(1, 'must not be empty').max(500) }),
    text: (p) => `silenced ${p.alertIds.join(' ')} ${p.reason}`,
    summary: (p, c) =>
      c.say({ en: `Tone silenced at this console for ${p.alertIds.length === 1 ? c.alertName(p.alertIds[0] ?? '') : `${p.alertIds.length} alarms`}: ${p.reason}`, 'zh-CN': `本席位静音 ${p.alertIds.length === 1 ? c.alertName(p.alertIds[0] ?? '') : `${p.alertIds.length} 条报警`}：${p.reason}` }),
  }),
  'alert.quarantined': kind({
    label: { en: 'Alert quarantined', 'zh-CN': '告警隔离' },
    system: true,
    payload: z.strictObject({
      source: AlertSourceSchema,
      reason: z.string().min(1).max(2000),
      raw: z.string().max(QUARANTINE_RAW_MAX_BYTES + 1024),
    }),
    text: (p) => `quarantined alert ${p.source} ${p.reason}`,
    summary: (p, c) => c.say({ en: `An alert from ${p.source} was quarantined: ${p.reason}`, 'zh-CN': `来自 ${p.source} 的告警已隔离：${p.reason}` }),
  }),
  'duty-level.changed': kind({
    label: { en: 'Duty level changed', 'zh-CN': '勤务等级变更' },
    // Only setDutyLevel writes it: raising it to 一级 needs a supervisor.
    system: true,
    payload: z.strictObject({
      level: DutyLevelSchema,
      reason: z.string().trim().min(1, 'must not be empty').max(2000),
      /** The supervisor whose presence or PIN allowed it (four eyes), when not the actor. */
      approvedBy: z.string().max(64).optional(),
    }),
    text: (p) => `duty level ${p.level} ${p.reason}`,
    summary: (p, c) => `${c.t(`duty.level.${p.level}`)}${c.say({ en: ': ', 'zh-CN': '：' })}${p.reason}`,
  }),
};

export type AlertKind = keyof typeof alertKinds;


import { z } from 'zod';
import { kind } from '../journal/kindSpec';
import { AlertIdSchema, AlertNoteText, AlertPersonSchema, AlertRaisedSchema, AlertSourceSchema, DutyLevelSchema, QUARANTINE_RAW_MAX_BYTES } from './schema';

const Id = { alertId: AlertIdSchema };
const OptionalNote = AlertNoteText.optional();

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
  }),
  'alert.acknowledged': kind({ label: { en: 'Alert acknowledged', 'zh-CN': '告警确认' }, payload: z.strictObject(Id), text: (p) => `alert ${p.alertId} acknowledged` }),
  'alert.assigned': kind({ label: { en: 'Alert assigned', 'zh-CN': '告警指派' }, payload: z.strictObject({ ...Id, to: AlertPersonSchema }), text: (p) => `alert ${p.alertId} assigned ${p.to}` }),
  'alert.note': kind({ label: { en: 'Alert note', 'zh-CN': '告警备注' }, payload: z.strictObject({ ...Id, text: AlertNoteText }), text: (p) => `alert ${p.alertId} ${p.text}` }),
  'alert.dispatched': kind({
    label: { en: 'Response started', 'zh-CN': '启动处置' },
    payload: z.strictObject({ ...Id, to: AlertPersonSchema.optional(), note: OptionalNote }),
    text: (p) => `alert ${p.alertId} dispatched ${p.to ?? ''} ${p.note ?? ''}`,
  }),
  'alert.on-scene': kind({ label: { en: 'On scene', 'zh-CN': '到场' }, payload: z.strictObject({ ...Id, note: OptionalNote }), text: (p) => `alert ${p.alertId} on scene ${p.note ?? ''}` }),
  'alert.reported': kind({
    label: { en: 'Reported upward', 'zh-CN': '信息报送' },
    payload: z.strictObject({ ...Id, to: AlertPersonSchema, note: OptionalNote }),
    text: (p) => `alert ${p.alertId} reported ${p.to} ${p.note ?? ''}`,
  }),
  'alert.resolved': kind({ label: { en: 'Alert resolved', 'zh-CN': '告警处置完毕' }, payload: z.strictObject({ ...Id, note: OptionalNote }), text: (p) => `alert ${p.alertId} resolved ${p.note ?? ''}` }),
  'alert.false-alarm': kind({ label: { en: 'False alarm', 'zh-CN': '误报' }, payload: z.strictObject({ ...Id, note: OptionalNote }), text: (p) => `alert ${p.alertId} false alarm ${p.note ?? ''}` }),
  'alert.escalated': kind({
    label: { en: 'Alert escalated', 'zh-CN': '告警升级' },
    payload: z.strictObject({ ...Id, reason: z.string().trim().min(1, 'must not be empty').max(2000), by: z.enum(['operator', 'system']) }),
    text: (p) => `alert ${p.alertId} escalated ${p.reason}`,
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
  }),
  'duty-level.changed': kind({
    label: { en: 'Duty level changed', 'zh-CN': '勤务等级变更' },
    payload: z.strictObject({ level: DutyLevelSchema, reason: z.string().trim().min(1, 'must not be empty').max(2000) }),
    text: (p) => `duty level ${p.level} ${p.reason}`,
  }),
};

export type AlertKind = keyof typeof alertKinds;


import { z } from 'zod';
import type { KindSpec } from '../journal/kinds';
import { AlertIdSchema, AlertNoteText, AlertPersonSchema, AlertRaisedSchema, AlertSourceSchema, DutyLevelSchema, QUARANTINE_RAW_MAX_BYTES } from './schema';

function spec<P>(s: KindSpec<P>): KindSpec<unknown> {
  return s as KindSpec<unknown>;
}

const Id = { alertId: AlertIdSchema };
const OptionalNote = AlertNoteText.optional();

/**
 * Journal entries of alerts (see the alert contract): raised by the core's
 * ingest, handled at the desk. Alert state is a projection of these.
 */
export const alertKinds = {
  'alert.raised': spec({
    system: true,
    payload: AlertRaisedSchema,
    text: (p) => `alert ${p.alertId} ${p.type} ${p.severity} ${p.zone ?? ''} ${p.camera ?? ''} ${p.sensor ?? ''}`,
  }),
  'alert.acknowledged': spec({ payload: z.strictObject(Id), text: (p) => `alert ${p.alertId} acknowledged` }),
  'alert.assigned': spec({ payload: z.strictObject({ ...Id, to: AlertPersonSchema }), text: (p) => `alert ${p.alertId} assigned ${p.to}` }),
  'alert.note': spec({ payload: z.strictObject({ ...Id, text: AlertNoteText }), text: (p) => `alert ${p.alertId} ${p.text}` }),
  'alert.dispatched': spec({
    payload: z.strictObject({ ...Id, to: AlertPersonSchema.optional(), note: OptionalNote }),
    text: (p) => `alert ${p.alertId} dispatched ${p.to ?? ''} ${p.note ?? ''}`,
  }),
  'alert.on-scene': spec({ payload: z.strictObject({ ...Id, note: OptionalNote }), text: (p) => `alert ${p.alertId} on scene ${p.note ?? ''}` }),
  'alert.reported': spec({
    payload: z.strictObject({ ...Id, to: AlertPersonSchema, note: OptionalNote }),
    text: (p) => `alert ${p.alertId} reported ${p.to} ${p.note ?? ''}`,
  }),
  'alert.resolved': spec({ payload: z.strictObject({ ...Id, note: OptionalNote }), text: (p) => `alert ${p.alertId} resolved ${p.note ?? ''}` }),
  'alert.false-alarm': spec({ payload: z.strictObject({ ...Id, note: OptionalNote }), text: (p) => `alert ${p.alertId} false alarm ${p.note ?? ''}` }),
  'alert.escalated': spec({
    payload: z.strictObject({ ...Id, reason: z.string().trim().min(1, 'must not be empty').max(2000), by: z.enum(['operator', 'system']) }),
    text: (p) => `alert ${p.alertId} escalated ${p.reason}`,
  }),
  'alert.quarantined': spec({
    system: true,
    payload: z.strictObject({
      source: AlertSourceSchema,
      reason: z.string().min(1).max(2000),
      raw: z.string().max(QUARANTINE_RAW_MAX_BYTES + 1024),
    }),
    text: (p) => `quarantined alert ${p.source} ${p.reason}`,
  }),
  'duty-level.changed': spec({
    payload: z.strictObject({ level: DutyLevelSchema, reason: z.string().trim().min(1, 'must not be empty').max(2000) }),
    text: (p) => `duty level ${p.level} ${p.reason}`,
  }),
} satisfies Record<string, KindSpec<unknown>>;

export type AlertKind = keyof typeof alertKinds;

export const alertKindLabels = {
  'alert.raised': { en: 'Alert raised', 'zh-CN': '告警' },
  'alert.acknowledged': { en: 'Alert acknowledged', 'zh-CN': '告警确认' },
  'alert.assigned': { en: 'Alert assigned', 'zh-CN': '告警指派' },
  'alert.note': { en: 'Alert note', 'zh-CN': '告警备注' },
  'alert.dispatched': { en: 'Response started', 'zh-CN': '启动处置' },
  'alert.on-scene': { en: 'On scene', 'zh-CN': '到场' },
  'alert.reported': { en: 'Reported upward', 'zh-CN': '信息报送' },
  'alert.resolved': { en: 'Alert resolved', 'zh-CN': '告警处置完毕' },
  'alert.false-alarm': { en: 'False alarm', 'zh-CN': '误报' },
  'alert.escalated': { en: 'Alert escalated', 'zh-CN': '告警升级' },
  'alert.quarantined': { en: 'Alert quarantined', 'zh-CN': '告警隔离' },
  'duty-level.changed': { en: 'Duty level changed', 'zh-CN': '勤务等级变更' },
} as const;

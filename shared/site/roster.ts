import { z } from 'zod';
import { IdSchema } from '../domain/ids';
import { LocalizedTextSchema } from '../i18n/locale';

export const roles = [
  'overall-commander',
  'on-site-commander',
  'duty-officer',
  'monitoring-operator',
  'liaison-officer',
  'zone-warden',
  'response-team',
  'security',
  'reporting',
  'logistics',
  'medical',
] as const;
export const RoleSchema = z.enum(roles);
export type Role = z.infer<typeof RoleSchema>;

/** The working groups of the site plan (治安防控组, 应急处突组, 信息报送组, 后勤保障组) and command. */
export const groups = ['command', 'security', 'rapid-response', 'reporting', 'logistics'] as const;
export const GroupSchema = z.enum(groups);
export type Group = (typeof groups)[number];

/** The id an alarm's assignee or dispatch records when it goes to a working group, not a person. */
export const groupRecipient = (group: Group): string => `group:${group}`;

/** The working group a recorded recipient id names (`group:rapid-response`), if it names one. */
export function recipientGroup(id: string): Group | undefined {
  if (!id.startsWith('group:')) return undefined;
  const group = id.slice('group:'.length);
  return (groups as readonly string[]).includes(group) ? (group as Group) : undefined;
}

export const ladderRanks = ['primary', 'alternate', 'contingency', 'emergency'] as const;
const RankSchema = z.enum(ladderRanks);

/**
 * E.164 as given, "+" and 7-15 digits. Deliberately permissive about the
 * country code: Iridium (+881 6/7), Thuraya (+882 16) and other satellite
 * networks use codes that common phone validators reject.
 */
export const E164Schema = z.string().regex(/^\+[1-9][0-9]{6,14}$/, 'must be E.164: "+" then 7-15 digits, no spaces');

/** Local numbers as dialled on site: E.164, national numbers, or short codes such as 110/119/120. */
export const DialNumberSchema = z
  .string()
  .regex(/^(\+[1-9][0-9]{6,14}|[0-9]{3,15})$/, 'must be "+" and 7-15 digits, or 3-15 digits as dialled locally');

export const satNetworks = ['iridium', 'thuraya', 'tiantong', 'inmarsat', 'other'] as const;

export const ContactRouteSchema = z.discriminatedUnion('method', [
  z.strictObject({
    method: z.literal('radio'),
    rank: RankSchema,
    callSign: z.string().min(1).max(32),
    channel: z.string().min(1).max(32),
    talkgroup: z.string().max(32).optional(),
    radioId: z.string().max(32).optional(),
  }),
  z.strictObject({
    method: z.literal('satphone'),
    rank: RankSchema,
    number: E164Schema,
    network: z.enum(satNetworks),
    device: IdSchema.optional(),
  }),
  z.strictObject({ method: z.literal('mobile'), rank: RankSchema, number: DialNumberSchema }),
  z.strictObject({ method: z.literal('landline'), rank: RankSchema, number: DialNumberSchema }),
  z.strictObject({ method: z.literal('runner'), rank: RankSchema, post: LocalizedTextSchema }),
]);
export type ContactRoute = z.infer<typeof ContactRouteSchema>;
export type ContactMethod = ContactRoute['method'];

export const PersonSchema = z.strictObject({
  id: IdSchema,
  name: LocalizedTextSchema,
  role: RoleSchema,
  group: GroupSchema.optional(),
  /** Who is called when this person cannot be reached. */
  supervisor: IdSchema.optional(),
  backup: IdSchema.optional(),
  ladder: z.array(ContactRouteSchema).min(1, 'every person needs at least one way to reach them'),
});
export type Person = z.infer<typeof PersonSchema>;

export const unitKinds = ['police', 'fire', 'medical', 'hospital', 'command-centre', 'hq', 'neighbour', 'other'] as const;
export const UnitSchema = z.strictObject({
  id: IdSchema,
  name: LocalizedTextSchema,
  kind: z.enum(unitKinds),
  ladder: z.array(ContactRouteSchema).min(1),
});
export type Unit = z.infer<typeof UnitSchema>;

const ClockTimeSchema = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'must be HH:MM (24 h)');
const DateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

export const ShiftDefinitionSchema = z.strictObject({
  id: IdSchema,
  name: LocalizedTextSchema,
  start: ClockTimeSchema,
  hours: z.number().positive().max(24),
});
export type ShiftDefinition = z.infer<typeof ShiftDefinitionSchema>;

export const CrewSchema = z.strictObject({ id: IdSchema, members: z.array(IdSchema).min(1) });

/**
 * A periodic rota: day N after `anchor` (site time zone) uses `cycle[N mod length]`,
 * which names the crew for each shift of that day. Three shifts with two
 * rotating crews (三班两运转) and most other patterns fit this.
 */
export const RotaSchema = z.strictObject({
  anchor: DateSchema,
  cycle: z.array(z.record(IdSchema, IdSchema)).min(1),
});

export const EquipmentSchema = z.strictObject({
  id: IdSchema,
  kind: z.enum(['radio', 'satphone']),
  label: z.string().min(1).max(64),
  keeper: IdSchema,
  radioId: z.string().max(32).optional(),
  number: E164Schema.optional(),
  network: z.enum(satNetworks).optional(),
  lastTestAt: DateSchema.optional(),
  simExpiry: DateSchema.optional(),
});
export type Equipment = z.infer<typeof EquipmentSchema>;

/** A scheduled comms check: who, how, and when it warns and goes overdue. */
export const CommsCheckSchema = z.strictObject({
  id: IdSchema,
  name: LocalizedTextSchema,
  target: z.union([
    z.strictObject({ person: IdSchema }),
    z.strictObject({ group: GroupSchema }),
    z.strictObject({ onDuty: z.literal(true) }),
    z.strictObject({ equipment: z.literal('all') }),
  ]),
  method: z.enum(['radio', 'satphone', 'mobile', 'landline', 'runner', 'any']),
  everyMin: z.number().int().positive(),
  warnAfterMin: z.number().int().positive(),
  overdueAfterMin: z.number().int().positive(),
  /** Minutes between escalation steps once overdue (ladder, then backup, then supervisor). */
  escalationWaitMin: z.number().int().positive().default(5),
  /** How many times the whole escalation walks again when nobody acknowledges (on-call tools' "loops"). */
  escalationRepeat: z.number().int().min(0).max(5).default(0),
}).refine((c) => c.overdueAfterMin >= c.warnAfterMin, { message: 'must not be before warnAfterMin', path: ['overdueAfterMin'] });
export type CommsCheck = z.infer<typeof CommsCheckSchema>;

export const RosterSchema = z.strictObject({
  people: z.array(PersonSchema),
  units: z.array(UnitSchema).default([]),
  shifts: z.array(ShiftDefinitionSchema).default([]),
  crews: z.array(CrewSchema).default([]),
  rota: RotaSchema.optional(),
  equipment: z.array(EquipmentSchema).default([]),
  checks: z.array(CommsCheckSchema).default([]),
  /** Flag shifts longer than this (DOMAIN.md: 10 h by default). */
  maxShiftHours: z.number().positive().default(10),
});
export type Roster = z.infer<typeof RosterSchema>;

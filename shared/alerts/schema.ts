import { z } from 'zod';
import { SeveritySchema } from '../domain/severity';
import { ModeSchema } from '../journal/entry';

/** Where an alert came from: the site bus, a device via MQTT, the local webhook, a drill, or an operator. */
export const alertSources = ['nats', 'mqtt', 'webhook', 'drill', 'manual'] as const;
export const AlertSourceSchema = z.enum(alertSources);
export type AlertSource = z.infer<typeof AlertSourceSchema>;

export const AlertIdSchema = z.string().trim().min(1, 'must not be empty').max(128, 'must be at most 128 characters');

const Ref = z.string().min(1).max(64);
const Coordinate = z.number().min(-100_000).max(100_000);

/**
 * An alert as a source sends it (the bus, MQTT, the webhook). Only id, type
 * and a time are required; the place may be a floor position in plan metres,
 * a zone, a camera or a sensor (which knows its floor, place and cameras).
 * Severity defaults to the catalogue's severity for the type.
 */
export const AlertMessageSchema = z.strictObject({
  id: AlertIdSchema,
  type: z.string().min(1, 'must not be empty').max(64),
  severity: SeveritySchema.optional(),
  floor: Ref.optional(),
  x: Coordinate.optional(),
  y: Coordinate.optional(),
  zone: Ref.optional(),
  camera: Ref.optional(),
  sensor: Ref.optional(),
  /** Epoch milliseconds or an ISO 8601 time with an offset. */
  occurredAt: z.union([
    z.number().int().positive(),
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/, 'must be epoch milliseconds or an ISO time with an offset'),
  ]),
  mode: ModeSchema.default('LIVE'),
  payload: z.record(z.string(), z.unknown()).optional(),
});
export type AlertMessage = z.infer<typeof AlertMessageSchema>;

/** Payload of `alert.raised`: the alert as journaled, with its zone and linked cameras resolved at ingest. */
export const AlertRaisedSchema = z.strictObject({
  alertId: AlertIdSchema,
  source: AlertSourceSchema,
  type: z.string().min(1).max(64),
  severity: SeveritySchema,
  floor: Ref.optional(),
  x: Coordinate.optional(),
  y: Coordinate.optional(),
  zone: Ref.optional(),
  camera: Ref.optional(),
  /** The sensor that fired, when a sensor did (its place and cameras are already resolved). */
  sensor: Ref.optional(),
  cameras: z.array(Ref).max(64),
  /** The device's own time of the event (bounded at ingest: DEVICE_TIME_BOUNDS). */
  occurredAt: z.number().int().positive(),
  /** A device time outside the bounds, as the device reported it, and why `occurredAt` is the receipt time instead. */
  deviceTime: z.strictObject({ reported: z.number().int(), reason: z.string().max(300) }).optional(),
  /** The console decides the mode: DRILL only while a drill runs. A device's DRILL outside one is kept here and the alert is live. */
  deviceMode: z.strictObject({ reported: ModeSchema, reason: z.string().max(300) }).optional(),
  mode: ModeSchema,
  payload: z.record(z.string(), z.unknown()).optional(),
  /**
   * Set when a device re-used an id already raised with different content (a
   * counter reset after a reboot): this alarm is kept under `<id>~<n>` and
   * names the id it collided with, shown as a conflict; never absorbed.
   */
  conflictOf: AlertIdSchema.optional(),
});
export type AlertRaised = z.infer<typeof AlertRaisedSchema>;

/**
 * How far a device's own event time may lie from when the console received
 * it. Beyond these it is a clock fault (a device reset to 1970, a year typed
 * wrong), not a late or early delivery: the alert is raised with the receipt
 * time and the reported time kept beside it with the reason. A bus consumer
 * redelivers what arrived while the console was down, so the past bound is wide.
 */
export const DEVICE_TIME_BOUNDS = { pastMs: 30 * 24 * 3_600_000, futureMs: 24 * 3_600_000 } as const;

export const AlertNoteText = z.string().trim().min(1, 'must not be empty').max(4000);
export const AlertPersonSchema = z.string().trim().min(1, 'must not be empty').max(200);

/**
 * The deepest nesting an alert may have (the alert object is depth 0, its
 * `payload` depth 1). Well under canonical JSON's own limit, so the alert still
 * fits when an entry is written wrapped (relay, exports). Deeper: quarantined.
 */
export const ALERT_MAX_DEPTH = 32;

/** The largest raw message kept in quarantine (UTF-8 bytes); the journal's payload limit is 64 KiB. */
export const QUARANTINE_RAW_MAX_BYTES = 48 * 1024;

export const DutyLevelSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type DutyLevel = z.infer<typeof DutyLevelSchema>;

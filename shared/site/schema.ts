import { z } from 'zod';
import { IdSchema, PointSchema } from '../domain/ids';
import { LocalizedTextSchema } from '../i18n/locale';
import { AlertTypeSchema, ResponseTargetsSchema } from './alertTypes';
import { RosterSchema } from './roster';
import { SitePathSchema, StreamSourceSchema } from './streams';
import { checkSiteReferences } from './references';
import { AlertSourcesSchema } from '../alerts/siteConfig';
import { WallSiteSchema } from '../wall/layouts';

export const SITE_FORMAT = 'watchpost-site/1';

/**
 * A floor plan image and its metric scale: plan coordinates are metres from
 * the image's top-left corner, `metresPerPixel` converts image pixels.
 */
export const FloorSchema = z.strictObject({
  id: IdSchema,
  name: LocalizedTextSchema,
  /** Storey number: 0 ground, 1 first, -1 basement. Tabs are ordered by it. */
  level: z.number().int(),
  plan: z.strictObject({
    image: SitePathSchema,
    widthPx: z.number().int().positive(),
    heightPx: z.number().int().positive(),
    metresPerPixel: z.number().positive().max(10),
  }),
});
export type Floor = z.infer<typeof FloorSchema>;

export const zoneKinds = [
  'entrance',
  'checkpoint',
  'perimeter',
  'quarantine-wing',
  'key-area',
  'activity',
  'buffer',
  'cordon',
  'grid-cell',
  'fire-escape',
  'assembly-point',
  'control-room',
  'other',
] as const;

export const ZoneSchema = z.strictObject({
  id: IdSchema,
  name: LocalizedTextSchema,
  floor: IdSchema,
  kind: z.enum(zoneKinds),
  /** Polygon vertices in plan metres, not closed (the last joins the first). */
  polygon: z.array(PointSchema).min(3, 'a zone needs at least 3 corners'),
  /** Roster id of the zone warden (网格员), if any. */
  warden: IdSchema.optional(),
  /** People the zone may hold; occupancy alerts fire above 80 % of it. */
  capacity: z.number().int().positive().optional(),
});
export type Zone = z.infer<typeof ZoneSchema>;

/** A privacy mask: a rectangle over the picture, in fractions of its width and height. */
export const MaskSchema = z
  .strictObject({
    x: z.number().min(0).max(1),
    y: z.number().min(0).max(1),
    w: z.number().positive().max(1),
    h: z.number().positive().max(1),
  })
  .refine((m) => m.x + m.w <= 1.000001 && m.y + m.h <= 1.000001, 'mask must lie inside the picture');

export const CameraSchema = z.strictObject({
  id: IdSchema,
  name: LocalizedTextSchema,
  floor: IdSchema,
  position: PointSchema,
  /** Direction of view in degrees clockwise from the plan's up. */
  heading: z.number().min(0).max(360),
  /** Horizontal field of view in degrees. */
  fov: z.number().positive().max(360),
  /** How far the view reaches on the plan, in metres. */
  range: z.number().positive().max(500),
  zone: IdSchema.optional(),
  ptz: z.boolean().default(false),
  streams: z.strictObject({ main: StreamSourceSchema, sub: StreamSourceSchema }),
  masks: z.array(MaskSchema).default([]),
});
export type Camera = z.infer<typeof CameraSchema>;

export const sensorTypes = [
  'infrared-beam',
  'vibration-fibre',
  'door-contact',
  'smoke-detector',
  'fever-screen',
  'occupancy-counter',
  'drone-radar',
  'panic-button',
  'power-monitor',
] as const;

export const SensorSchema = z.strictObject({
  id: IdSchema,
  name: LocalizedTextSchema,
  type: z.enum(sensorTypes),
  floor: IdSchema,
  position: PointSchema,
  /** For line sensors (beams, fibre): the far end; `position` is the near end. */
  to: PointSchema.optional(),
  zone: IdSchema.optional(),
  cameras: z.array(IdSchema).default([]),
});
export type Sensor = z.infer<typeof SensorSchema>;

export const CameraGroupSchema = z.strictObject({
  id: IdSchema,
  name: LocalizedTextSchema,
  cameras: z.array(IdSchema).min(1),
});

/** The site's NATS server(s); absent means the console runs standalone. */
export const BusSchema = z.strictObject({
  servers: z.array(z.string().regex(/^(nats|tls|ws|wss):\/\/[^\s]+$/, 'must be a nats://host:port URL')).min(1),
  /** Path (relative to the site file) of a NATS credentials file, if the server needs one. */
  credentials: SitePathSchema.optional(),
  /** Copies JetStream keeps of the site's journal stream (3 on a three-node cluster). */
  replicas: z.number().int().min(1).max(5).default(1),
});

export const SfuSchema = z.strictObject({
  id: IdSchema,
  /** The SFU's signaling endpoint (ws:// or wss://). */
  url: z.string().regex(/^wss?:\/\/[^\s]+$/, 'must be a ws:// or wss:// URL'),
});

/**
 * A desk that is also a command centre: the sites it watches, read-only, over
 * this site's bus (each site's consoles publish their journals there).
 */
export const CommandCentreSchema = z.strictObject({
  sites: z.array(z.strictObject({ id: IdSchema, name: LocalizedTextSchema })).min(1, 'list at least one site to watch'),
});

/**
 * A zone the runtime knows. An unknown one (`Mars/Olympus`) passed before and
 * then every comms check threw when it formatted a time: refuse the file instead.
 */
function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat(undefined, { timeZone });
    return true;
  } catch {
    return false;
  }
}

export const SiteFileSchema = z
  .strictObject({
    format: z.literal(SITE_FORMAT, { error: `must be "${SITE_FORMAT}"` }),
    id: IdSchema,
    name: LocalizedTextSchema,
    /** IANA time zone of the site, used for shifts and daily reports. */
    timezone: z.string().min(1).refine(isTimeZone, { error: 'must be an IANA time zone, e.g. "Asia/Shanghai"' }),
    demo: z.boolean().default(false),
    floors: z.array(FloorSchema).min(1, 'a site needs at least one floor'),
    zones: z.array(ZoneSchema).default([]),
    cameras: z.array(CameraSchema).default([]),
    cameraGroups: z.array(CameraGroupSchema).default([]),
    sensors: z.array(SensorSchema).default([]),
    alertTypes: z.array(AlertTypeSchema).min(1, 'the alert catalogue is empty'),
    responseTargets: ResponseTargetsSchema,
    roster: RosterSchema,
    drills: z.array(SitePathSchema).default([]),
    bus: BusSchema.optional(),
    sfus: z.array(SfuSchema).default([]),
    commandCentre: CommandCentreSchema.optional(),
    alerts: AlertSourcesSchema.optional(),
    /** Saved wall layouts and tours (shared/wall/layouts.ts). */
    wall: WallSiteSchema.optional(),
  })
  .superRefine(checkSiteReferences);

export type SiteFile = z.infer<typeof SiteFileSchema>;
export type SiteFileInput = z.input<typeof SiteFileSchema>;

import { z } from 'zod';
import { IdSchema, PointSchema } from '../domain/ids';
import { LocalizedTextSchema } from '../i18n/locale';
import { AlertTypeSchema, ResponseTargetsSchema } from './alertTypes';
import { ClosureCodesSchema, DEFAULT_CLOSURE_CODES } from '../alerts/closure';
import { DEFAULT_DEVICE_CLOCK_TOLERANCE_SEC } from '../alerts/deviceClock';
import { RosterSchema } from './roster';
import { SitePathSchema, StreamSourceSchema } from './streams';
import { checkSiteReferences } from './references';
import { AlertSourcesSchema } from '../alerts/siteConfig';
import { WallSiteSchema } from '../wall/layouts';
import { isTimeZone } from '../time/format';

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

/**
 * A file holding a secret for the bus (an nkey seed, a token, a password, a
 * creds file, a TLS key): a relative path with "/" separators, read from the
 * site folder, or from the console's data folder when it starts with "data:"
 * (per-console secrets that must not travel with the site file).
 */
export const SecretPathSchema = z
  .string()
  .min(1)
  .refine((p) => {
    const rel = p.startsWith('data:') ? p.slice('data:'.length) : p;
    return rel.length > 0 && !rel.startsWith('/') && !/^[a-zA-Z]:/.test(rel) && !rel.includes('\\') && !rel.split('/').includes('..');
  }, 'must be a relative path with "/" separators and no "..", in the site folder or, prefixed "data:", in the data folder');

const BusServerSchema = z.string().regex(/^(nats|tls|ws|wss):\/\/[^\s]+$/, 'must be a nats://host:port URL');

/** Whether a bus server URL names this machine (the demo and tests): plaintext there never leaves the host. */
export function isLoopbackBusUrl(url: string): boolean {
  const m = /^[a-z]+:\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^:/]+)/i.exec(url);
  const host = (m?.[1] ?? '').toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Whether the URL's scheme itself asks for an encrypted connection. */
function isEncryptedBusUrl(url: string): boolean {
  return url.startsWith('tls://') || url.startsWith('wss://');
}

/** The site's NATS server(s); absent means the console runs standalone. */
export const BusSchema = z
  .strictObject({
    servers: z.array(BusServerSchema).min(1),
    /** A NATS credentials file (JWT + nkey seed, `nsc generate creds`). */
    credentials: SecretPathSchema.optional(),
    /** User and password (the password read from a file). */
    user: z.strictObject({ name: z.string().min(1).max(256), passwordFile: SecretPathSchema }).optional(),
    /** A file holding the server's authorization token. */
    tokenFile: SecretPathSchema.optional(),
    /** A file holding an nkey user seed (`SU…`). */
    nkeySeedFile: SecretPathSchema.optional(),
    /** TLS: the CA that signed the server's certificate, and a client certificate and key when the server verifies clients. */
    tls: z
      .strictObject({ ca: SecretPathSchema.optional(), cert: SecretPathSchema.optional(), key: SecretPathSchema.optional() })
      .refine((t) => (t.cert === undefined) === (t.key === undefined), 'cert and key go together')
      .optional(),
    /** A remote server over plaintext nats:// with no credentials is refused unless this says it is meant. */
    allowPlaintext: z.boolean().optional(),
    /** Copies JetStream keeps of the site's journal stream (3 on a three-node cluster). */
    replicas: z.number().int().min(1).max(5).default(1),
  })
  .superRefine((bus, ctx) => {
    const methods = (['credentials', 'user', 'tokenFile', 'nkeySeedFile'] as const).filter((k) => bus[k] !== undefined);
    if (methods.length > 1) {
      ctx.addIssue({ code: 'custom', path: [methods[1] as string], message: `give one way to authenticate, not ${methods.join(' and ')}` });
    }
    if (methods.length > 0 || bus.tls !== undefined || bus.allowPlaintext === true) return;
    bus.servers.forEach((url, i) => {
      if (isLoopbackBusUrl(url) || isEncryptedBusUrl(url)) return;
      ctx.addIssue({
        code: 'custom',
        path: ['servers', i],
        message: `${url} is a remote bus in plaintext with no credentials: anyone on the network could pose as a console. Add credentials (credentials, user, tokenFile or nkeySeedFile) and tls, or set bus.allowPlaintext: true to accept it`,
      });
    });
  });
export type BusConfig = z.infer<typeof BusSchema>;

/**
 * A console of this site, enrolled by its journal signing key: only entries
 * signed with that key count (electron/core/sync/README.md). The id and key
 * are what the console shows under "This console" (console.json).
 */
export const EnrolledConsoleSchema = z.strictObject({
  id: z.string().regex(/^c-[a-z0-9]{12}$/, 'must be a console id like "c-0123456789ab"'),
  name: z.string().trim().min(1).max(120).optional(),
  /** Its journal signing key: Ed25519 SubjectPublicKeyInfo DER, base64 (`journalKey` in its console.json). */
  publicKey: z.string().regex(/^MCowBQYDK2VwAyEA[A-Za-z0-9+/]{43}=$/, 'must be an Ed25519 public key (SPKI DER, base64), as journalKey in the console\'s console.json'),
});
export type EnrolledConsole = z.infer<typeof EnrolledConsoleSchema>;

export const EnrolledConsolesSchema = z.array(EnrolledConsoleSchema).superRefine((list, ctx) => {
  const seen = new Set<string>();
  list.forEach((c, i) => {
    if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `console ${c.id} is listed twice` });
    seen.add(c.id);
  });
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

/** Operators at the site's desks (electron/core/access). */
export const AccessSiteSchema = z.strictObject({
  /** A desk with no keyboard or pointer activity for this long locks; a PIN unlocks it. */
  idleLockMinutes: z.number().int().min(1).max(240).default(10),
});

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
    /**
     * The site's consoles and their journal keys. Listed, only their signed entries count; absent, every
     * console on a loopback bus counts (the demo, tests) and none on a remote one (electron/core/sync/README.md).
     */
    consoles: EnrolledConsolesSchema.optional(),
    sfus: z.array(SfuSchema).default([]),
    commandCentre: CommandCentreSchema.optional(),
    alerts: AlertSourcesSchema.optional(),
    /** How an alarm may be closed (shared/alerts/closure.ts); a site without the list gets the default one. */
    closureCodes: ClosureCodesSchema.default([...DEFAULT_CLOSURE_CODES]),
    /** A device time further than this from receipt is flagged on the alarm (shared/alerts/deviceClock.ts). */
    deviceClockToleranceSec: z.number().int().min(1).max(86_400).default(DEFAULT_DEVICE_CLOCK_TOLERANCE_SEC),
    /** Saved wall layouts and tours (shared/wall/layouts.ts). */
    wall: WallSiteSchema.optional(),
    access: AccessSiteSchema.default({ idleLockMinutes: 10 }),
  })
  .superRefine(checkSiteReferences);

export type SiteFile = z.infer<typeof SiteFileSchema>;
export type SiteFileInput = z.input<typeof SiteFileSchema>;

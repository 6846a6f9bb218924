import type { Severity } from '../../../shared/domain/severity';
import type { AlertMessage } from '../../../shared/alerts/schema';
import type { Sensor, SiteFile } from '../../../shared/site/schema';

/**
 * A realistic mixed stream of alarms for a site, as its devices would send
 * them: mostly low-severity events, now and then a red one; sensors fire the
 * alarm types they can raise, cameras their analytics, and some alarms come
 * with a zone only. A device retry re-sends an alarm unchanged now and then
 * (the console absorbs it). Pure: the randomness is injected, so a seed gives
 * the same stream.
 */

/** The alarm types each kind of sensor raises (only those the site's catalogue holds are used). */
const SENSOR_TYPES: Readonly<Record<Sensor['type'], readonly string[]>> = {
  'infrared-beam': ['ir-beam', 'fence-climb'],
  'vibration-fibre': ['vibration-fibre', 'fence-climb'],
  'door-contact': ['door-held', 'door-forced', 'tailgating'],
  'smoke-detector': ['fire'],
  'fever-screen': ['fever'],
  'occupancy-counter': ['over-capacity'],
  'drone-radar': ['drone'],
  'panic-button': ['conflict', 'forced-entry'],
  'power-monitor': ['power-cut', 'equipment-fault'],
};

/** How often each severity comes, relative to the others: a night is mostly blue and yellow. */
const SEVERITY_WEIGHT: Readonly<Record<Severity, number>> = { blue: 5, yellow: 4, orange: 2, red: 1 };

/** One in this many alarms is re-sent unchanged, as a device that missed the answer does. */
const RETRY_EVERY = 12;

export interface DemoAlarm {
  readonly message: AlertMessage;
  /** True for a device's unchanged re-send of an earlier alarm. */
  readonly retry: boolean;
}

type Random = () => number;

function pick<T>(items: readonly T[], random: Random): T {
  const item = items[Math.floor(random() * items.length) % items.length];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function weighted<T>(items: readonly T[], weight: (item: T) => number, random: Random): T {
  const total = items.reduce((sum, item) => sum + weight(item), 0);
  let left = random() * total;
  for (const item of items) {
    left -= weight(item);
    if (left < 0) return item;
  }
  return pick(items, random);
}

type Place = Pick<AlertMessage, 'sensor' | 'camera' | 'zone'>;

/** Where an alarm of this type can come from on this site: its sensors, else a camera with a zone, else a zone. */
function placesFor(site: SiteFile, type: string): readonly Place[] {
  const sensors = site.sensors.filter((s) => SENSOR_TYPES[s.type].includes(type)).map((s) => ({ sensor: s.id }));
  if (sensors.length > 0) return sensors;
  const cameras = site.cameras.filter((c) => c.zone !== undefined).map((c) => ({ camera: c.id }));
  const zones = site.zones.map((z) => ({ zone: z.id }));
  return [...cameras, ...zones];
}

export interface DemoStream {
  /** The next alarm, stamped `now` (epoch ms). */
  next(now: number): DemoAlarm;
}

export function demoStream(site: SiteFile, random: Random, options: { idPrefix?: string } = {}): DemoStream {
  const prefix = options.idPrefix ?? 'demo';
  // A type the site has no place for (no zone, camera or sensor at all) is never sent.
  const types = site.alertTypes.filter((t) => placesFor(site, t.code).length > 0);
  if (types.length === 0) throw new Error('the site has no alarm type with a place to raise it');
  let count = 0;
  let last: AlertMessage | undefined;
  return {
    next(now) {
      if (last !== undefined && random() * RETRY_EVERY < 1) return { message: last, retry: true };
      count += 1;
      const type = weighted(types, (t) => SEVERITY_WEIGHT[t.severity], random);
      const place = pick(placesFor(site, type.code), random);
      // The counter and the time make the id unique across runs, as a device's event number and clock do.
      const message: AlertMessage = { id: `${prefix}-${now.toString(36)}-${count}`, type: type.code, ...place, occurredAt: now, mode: 'LIVE' };
      last = message;
      return { message, retry: false };
    },
  };
}

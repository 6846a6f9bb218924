import type { AlertRaised } from '../../../shared/alerts/schema';
import { canonicalJson } from '../../../shared/journal/canonical';

/** What a re-send must repeat to be the same alarm (the source, the console's mode stamp and time bounding may differ). */
export type AlertContent = Pick<AlertRaised, 'type' | 'severity' | 'floor' | 'x' | 'y' | 'zone' | 'camera' | 'sensor' | 'occurredAt' | 'deviceTime' | 'payload'>;

/**
 * An alert's content as one string: two messages with one id and the same
 * fingerprint are one alarm sent twice (absorbed); with different ones they are
 * two alarms (a device whose counter restarted after a reboot) and both are
 * kept. The device's own time counts as reported, before any bounding.
 */
export function alertFingerprint(a: AlertContent): string {
  return canonicalJson({
    type: a.type,
    severity: a.severity,
    floor: a.floor ?? null,
    x: a.x ?? null,
    y: a.y ?? null,
    zone: a.zone ?? null,
    camera: a.camera ?? null,
    sensor: a.sensor ?? null,
    occurredAt: a.deviceTime?.reported ?? a.occurredAt,
    payload: a.payload ?? null,
  });
}

/** The id the n-th different alarm under one device id is kept as (n ≥ 2): "door-7~2". */
export function conflictId(id: string, n: number): string {
  // Alert ids are at most 128 characters: a long one gives way to the suffix.
  return `${id.slice(0, 120)}~${n}`;
}

/**
 * The ids raised so far with their content, and how many different alarms
 * each device id has had; an in-flight batch adds to a copy-free overlay so a
 * batch the journal refuses leaves nothing behind.
 */
export class SeenAlerts {
  private readonly fingerprints = new Map<string, string>();
  private readonly variants = new Map<string, number>();

  remember(alertId: string, fingerprint: string | undefined, conflictOf: string | undefined): void {
    // The first content of an id is what later copies are compared with; '' marks an id whose content is unknown.
    const known = this.fingerprints.get(alertId);
    if (known === undefined || (known === '' && fingerprint !== undefined)) this.fingerprints.set(alertId, fingerprint ?? '');
    if (conflictOf !== undefined) {
      const n = Number(alertId.slice(alertId.lastIndexOf('~') + 1));
      if (Number.isInteger(n)) this.variants.set(conflictOf, Math.max(this.variants.get(conflictOf) ?? 1, n));
    }
  }

  has(alertId: string): boolean {
    return this.fingerprints.has(alertId);
  }

  /** The id is held with its content (not only known from the site state). */
  knows(alertId: string): boolean {
    const known = this.fingerprints.get(alertId);
    return known !== undefined && known !== '';
  }

  /**
   * What a message with this id and content is: new (raise as is), a copy of
   * an alarm already raised (its id), or a different alarm under a used id
   * (raise as the next conflict id). `pending` holds the batch not yet stored.
   */
  classify(alertId: string, fingerprint: string, pending: SeenAlerts | undefined): { kind: 'new' } | { kind: 'duplicate'; of: string } | { kind: 'conflict'; id: string } {
    const known = (id: string): string | undefined => pending?.fingerprints.get(id) ?? this.fingerprints.get(id);
    const first = known(alertId);
    if (first === undefined) return { kind: 'new' };
    // An id known only from the site state (no content: a peer's alert evicted from the journal scan) counts as the same alarm.
    if (first === fingerprint || first === '') return { kind: 'duplicate', of: alertId };
    const count = Math.max(this.variants.get(alertId) ?? 1, pending?.variants.get(alertId) ?? 1);
    for (let n = 2; n <= count; n++) {
      const id = conflictId(alertId, n);
      if (known(id) === fingerprint) return { kind: 'duplicate', of: id };
    }
    return { kind: 'conflict', id: conflictId(alertId, count + 1) };
  }
}

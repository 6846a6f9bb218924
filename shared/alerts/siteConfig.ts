import { z } from 'zod';

const Subject = z
  .string()
  .regex(/^[A-Za-z0-9_-]+(\.([A-Za-z0-9_-]+|\*))*(\.>)?$/, 'must be a NATS subject such as wp.site.alerts.>');

/**
 * Where a site's alerts come from (the `alerts` block of the site file).
 * Every source is optional: a site without the block has no alert ingest.
 */
/** Where the desktop app listens for the alert webhook unless the site file says otherwise. */
export const DEFAULT_WEBHOOK_PORT = 8790;

export const AlertSourcesSchema = z.strictObject({
  /** A subject on the site bus read through a durable JetStream consumer (alerts sent while the console was closed arrive at start). */
  nats: z
    .strictObject({
      subject: Subject,
      durable: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 of A-Z, a-z, 0-9, "_" or "-"'),
    })
    .optional(),
  /** An MQTT topic on nats-server's MQTT listener (topic a/b is subject a.b); needs `bus`. */
  mqtt: z.strictObject({ topic: z.string().regex(/^[A-Za-z0-9_-]+(\/([A-Za-z0-9_-]+|\+))*(\/#)?$/, 'must be an MQTT topic such as wp/site/alerts/#') }).optional(),
  /**
   * POST /api/alerts with a bearer token kept in the data folder: on the host
   * server in host mode; the desktop app listens on 127.0.0.1:`port` for it.
   */
  webhook: z.strictObject({ enabled: z.boolean(), port: z.number().int().min(1024).max(65535).default(DEFAULT_WEBHOOK_PORT) }).optional(),
});
export type AlertSources = z.infer<typeof AlertSourcesSchema>;

/** The NATS subject nats-server's MQTT listener uses for a topic filter (a/b/# is a.b.>). */
export function mqttTopicToSubject(topic: string): string {
  return topic
    .split('/')
    .map((part) => (part === '#' ? '>' : part === '+' ? '*' : part))
    .join('.');
}

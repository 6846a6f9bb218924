import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, StorageType, type ConsumerMessages, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { mqttTopicToSubject, type AlertSources } from '../../../shared/alerts/siteConfig';
import type { NatsLink } from '../bus/natsLink';
import type { Clock } from '../support/clock';
import type { Log } from '../support/log';
import type { AlertIngest } from './alertIngest';
import { logFailure } from '../support/background';

export function alertStreamName(site: string): string {
  return `WP_ALERTS_${site.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}`;
}

/** Messages in flight between the stream and the journal at most. */
const IN_FLIGHT = 2000;

/**
 * Alerts from the site bus: a durable JetStream consumer on the site's alert
 * stream (created if absent, file storage), so alerts published while the
 * console was closed are delivered when it starts. MQTT devices arrive the
 * same way through nats-server's MQTT listener (topic a/b is subject a.b).
 * A message is acknowledged only after its journal entry is committed; one
 * the journal could not store is redelivered later (a redelivered alert the
 * journal already holds is absorbed as a duplicate).
 */
export class AlertBusSource {
  private running: ConsumerMessages | undefined;
  private generation = 0;
  private stopped = false;
  private readonly stream: string;
  private readonly subjects: string[];
  private readonly mqttSubject: string | undefined;
  private received = 0;

  constructor(
    private readonly deps: {
      link: NatsLink;
      ingest: AlertIngest;
      site: string;
      config: AlertSources;
      clock: Clock;
      log: Log;
    },
  ) {
    this.stream = alertStreamName(deps.site);
    this.mqttSubject = deps.config.mqtt ? mqttTopicToSubject(deps.config.mqtt.topic) : undefined;
    this.subjects = [deps.config.nats?.subject, this.mqttSubject].filter((s): s is string => s !== undefined);
  }

  start(): void {
    if (this.subjects.length === 0) return;
    this.deps.link.onChange((state, nc) => {
      if (state.state === 'connected' && nc) void this.consume(nc).catch(logFailure(this.deps.log, 'alerts: the bus consumer failed; it restarts on the next connection', { stream: this.stream }));
      else this.halt();
    });
    const nc = this.deps.link.connection();
    if (nc) void this.consume(nc).catch(logFailure(this.deps.log, 'alerts: the bus consumer failed; it restarts on the next connection', { stream: this.stream }));
  }

  /** Messages taken from the bus since start (for status and tests). */
  count(): number {
    return this.received;
  }

  private halt(): void {
    this.generation += 1;
    const running = this.running;
    this.running = undefined;
    running?.stop();
  }

  private durable(): string {
    return this.deps.config.nats?.durable ?? `wp-alerts-${this.deps.site}`;
  }

  private async ensure(jsm: JetStreamManager): Promise<void> {
    try {
      const info = await jsm.streams.info(this.stream);
      const missing = this.subjects.filter((s) => !info.config.subjects?.includes(s));
      if (missing.length > 0) await jsm.streams.update(this.stream, { ...info.config, subjects: [...(info.config.subjects ?? []), ...missing] });
    } catch (err) {
      if ((err as { code?: unknown }).code !== 10059 && !/stream not found/i.test(String(err))) throw err;
      // Alerts are evidence until journaled: keep them on disk; the consumer's acks tell which are done.
      await jsm.streams.add({ name: this.stream, subjects: this.subjects, storage: StorageType.File, max_age: 0 });
    }
    const durable = this.durable();
    try {
      await jsm.consumers.info(this.stream, durable);
    } catch {
      await jsm.consumers.add(this.stream, {
        durable_name: durable,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        max_ack_pending: IN_FLIGHT * 2,
        // Journal commits take milliseconds; a long wait avoids redelivering what is only queued.
        ack_wait: 30_000_000_000,
      });
    }
  }

  private async consume(nc: NatsConnection): Promise<void> {
    this.halt();
    const generation = this.generation;
    let backoff = 250;
    while (!this.stopped && generation === this.generation) {
      try {
        await this.ensure(await jetstreamManager(nc));
        const consumer = await jetstream(nc).consumers.get(this.stream, this.durable());
        const messages = await consumer.consume({ max_messages: 1000 });
        this.running = messages;
        this.deps.log.info('alert consumer reading', { stream: this.stream, durable: this.durable() });
        let inFlight = 0;
        let drained: (() => void) | undefined;
        for await (const m of messages) {
          if (generation !== this.generation) break;
          this.received += 1;
          inFlight += 1;
          void this.handle(m)
            .catch(logFailure(this.deps.log, 'alerts: handling a bus message failed', { subject: m.subject }))
            .finally(() => {
              inFlight -= 1;
              if (inFlight < IN_FLIGHT && drained) {
                const d = drained;
                drained = undefined;
                d();
              }
            });
          if (inFlight >= IN_FLIGHT) await new Promise<void>((r) => (drained = r));
        }
        return;
      } catch (err) {
        if (generation !== this.generation || this.stopped) return;
        this.deps.log.warn('alert consumer waiting', { error: err instanceof Error ? err.message : String(err) });
        await new Promise<void>((resolve) => this.deps.clock.setTimeout(resolve, backoff));
        backoff = Math.min(10_000, backoff * 2);
      }
    }
  }

  private async handle(m: JsMsg): Promise<void> {
    const source = this.mqttSubject !== undefined && subjectMatches(this.mqttSubject, m.subject) ? 'mqtt' : 'nats';
    try {
      await this.deps.ingest.submit(m.string(), source);
      m.ack();
    } catch (err) {
      // The journal could not store it: ask for it again later rather than lose it.
      this.deps.log.error('alert not journaled; redelivery requested', { subject: m.subject, error: String(err) });
      m.nak(5000);
    }
  }

  stop(): void {
    this.stopped = true;
    this.halt();
  }
}

/** NATS subject matching with * and > wildcards. */
export function subjectMatches(pattern: string, subject: string): boolean {
  const p = pattern.split('.');
  const s = subject.split('.');
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '>') return s.length > i;
    if (i >= s.length) return false;
    if (p[i] !== '*' && p[i] !== s[i]) return false;
  }
  return p.length === s.length;
}

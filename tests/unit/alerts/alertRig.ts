import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { freePort, NatsServer } from '../../support/natsServer';
import { waitFor } from '../../support/relayRig';
import { tempDir } from '../../support/paths';
import { startConsole } from '../../support/siteConsoles';
import { copyDemoSite } from '../../support/siteCopy';

/** A nats-server with JetStream and its MQTT listener on loopback (MQTT topic a/b reaches NATS as a.b). */
export async function natsWithMqtt(): Promise<{ server: NatsServer; mqttPort: number }> {
  const mqttPort = await freePort();
  const conf = join(tempDir('nats-conf'), 'nats.conf');
  writeFileSync(conf, `server_name: wp-alerts-test\nmqtt {\n  listen: "127.0.0.1:${mqttPort}"\n}\n`);
  const server = await NatsServer.start({ args: ['-c', conf] });
  return { server, mqttPort };
}

export const ALERT_SUBJECT_ROOT = 'wp.demo.alerts';
export const MQTT_TOPIC = 'wp/demo/devices/alerts';

/** The demo site on a bus with every alert source on. */
export function alertSite(servers: string[] | undefined, durable = 'desk-1'): string {
  return copyDemoSite((s) => {
    if (servers) s.bus = { servers };
    s.alerts = {
      ...(servers ? { nats: { subject: `${ALERT_SUBJECT_ROOT}.>`, durable }, mqtt: { topic: MQTT_TOPIC } } : {}),
      webhook: { enabled: true },
    };
  });
}

/**
 * Waits until every consumer of the stream has acknowledged the message at `seq`: the console acks a bus
 * message only once its ingest is done with it, so a check that something did not happen may follow.
 */
export async function waitForAck(nc: NatsConnection, at: { stream: string; seq: number }, what: string): Promise<void> {
  const jsm = await jetstreamManager(nc);
  await waitFor(
    async () => {
      const consumers = await jsm.consumers.list(at.stream).next();
      return consumers.length > 0 && consumers.every((c) => c.ack_floor.stream_seq >= at.seq);
    },
    15_000,
    what,
  );
}

/** A console on a copy of the demo site whose loopback webhook listens on a free port; closed by the caller's cleanups. */
export async function consoleWithWebhook(cleanups: (() => Promise<void>)[]) {
  const port = await freePort();
  const site = copyDemoSite((s) => {
    s.alerts = { webhook: { enabled: true, port } };
  });
  const core = await startConsole(site);
  cleanups.push(() => core.close());
  await core.alerts.listenForWebhook();
  return { site, core, port };
}

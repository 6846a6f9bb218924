import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, NatsServer } from '../../support/natsServer';
import { tempDir } from '../../support/paths';
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

import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import mqtt from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../support/fakeClock';
import { tempDir } from '../../support/paths';
import { signedIn } from '../../support/operators';
import { waitFor } from '../../support/relayRig';
import { startConsole } from '../../support/siteConsoles';
import { alertById, alertList } from '../../../shared/state/alertsDomain';
import { alertSite, ALERT_SUBJECT_ROOT, MQTT_TOPIC, natsWithMqtt, waitForAck } from './alertRig';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

const now = (): number => Date.now();

describe('alert ingest (real nats-server, JetStream, MQTT listener)', () => {
  it('journals bus and MQTT alerts, quarantines bad ones with reasons, absorbs duplicates, and delivers what was sent while the console was closed', async () => {
    const { server, mqttPort } = await natsWithMqtt();
    cleanups.push(() => server.stop());
    const site = alertSite([server.url]);
    const dataDir = tempDir('alerts-console');
    let core = await startConsole(site, 'desk', dataDir);
    cleanups.push(() => core.close());
    const nc = await connect({ servers: server.url });
    cleanups.push(() => nc.close());
    const js = jetstream(nc);
    // The console creates the stream and its durable consumer.
    await waitFor(async () => (await js.publish(`${ALERT_SUBJECT_ROOT}.probe`, JSON.stringify({ id: 'probe', type: 'theft', zone: 'stores', occurredAt: now() })).then(() => true, () => false)), 10_000, 'alert stream');
    // One device message sent twice (a device re-send repeats its own time): absorbed.
    const n1 = JSON.stringify({ id: 'n-1', type: 'conflict', zone: 'gate', occurredAt: now() });
    await js.publish(`${ALERT_SUBJECT_ROOT}.gate`, n1);
    await js.publish(`${ALERT_SUBJECT_ROOT}.gate`, n1);
    await js.publish(`${ALERT_SUBJECT_ROOT}.gate`, '{"id": "bad-1", "type": "conflict"}');
    await js.publish(`${ALERT_SUBJECT_ROOT}.gate`, 'not json at all');
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${mqttPort}`, { clientId: 'beam-controller', protocolVersion: 4 });
    await client.publishAsync(MQTT_TOPIC, JSON.stringify({ id: 'm-1', type: 'conflict', sensor: 'beam-n', occurredAt: now() }), { qos: 1 });
    await client.endAsync();

    await waitFor(() => core.state.current().alerts.order.length >= 3 && core.state.current().alerts.quarantine.length >= 2, 15_000, 'alerts in state');
    const alerts = core.state.current().alerts;
    expect([...alerts.order].sort()).toEqual(['m-1', 'n-1', 'probe']);
    expect(alertById(alerts, 'm-1')).toMatchObject({ source: 'mqtt', zone: 'perimeter-n', floor: 'f1' });
    expect(alertById(alerts, 'n-1')).toMatchObject({ source: 'nats', zone: 'gate', status: 'new' });
    expect(alerts.quarantine.map((q) => q.reason)).toEqual([expect.stringMatching(/^occurredAt:/), expect.stringMatching(/^not JSON/)]);
    expect(alerts.quarantine[1]?.raw).toBe('not json at all');
    const raised = await core.journal.query({ kinds: ['alert.raised'], limit: 100 });
    expect(raised.entries).toHaveLength(3);

    // Handling, by the operator signed in: acknowledge once, refuse the second, resolve.
    const op = await signedIn(core, 'op-he');
    await op.acknowledgeAlert({ alertId: 'n-1' });
    await expect(op.acknowledgeAlert({ alertId: 'n-1' })).rejects.toMatchObject({ code: 'conflict' });
    await op.closeAlert({ alertId: 'n-1', code: 'real-incident', note: 'done' });
    await expect(op.dispatchAlert({ alertId: 'n-1' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(op.acknowledgeAlert({ alertId: 'nope' })).rejects.toMatchObject({ code: 'not-found' });
    expect(alertById(core.state.current().alerts, 'n-1')).toMatchObject({ status: 'resolved', ackBy: 'op-he' });

    // Closed console: what is published now arrives when it starts again; a redelivered duplicate is absorbed.
    await core.close();
    await js.publish(`${ALERT_SUBJECT_ROOT}.gate`, JSON.stringify({ id: 'while-closed', type: 'fire', zone: 'lobby', occurredAt: now() }));
    const duplicate = await js.publish(`${ALERT_SUBJECT_ROOT}.gate`, n1);
    core = await startConsole(site, 'desk', dataDir);
    await waitFor(() => alertById(core.state.current().alerts, 'while-closed') !== undefined, 15_000, 'alert sent while closed');
    await waitForAck(nc, duplicate, 'duplicate taken and acknowledged');
    expect((await core.journal.query({ kinds: ['alert.raised'], limit: 100 })).entries).toHaveLength(4);
    expect(alertById(core.state.current().alerts, 'n-1')?.status).toBe('resolved');
  }, 60_000);

  it('escalates an unacknowledged alert once when its target passes (restart-safe), and raises drill alerts in DRILL mode', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 22, 8, 0, 0));
    const site = alertSite(undefined);
    const dataDir = tempDir('alerts-escalate');
    let core = await startConsole(site, 'desk', dataDir, clock);
    cleanups.push(() => core.close());
    // Red: acknowledge within 30 s on the demo site.
    const red1 = { id: 'red-1', type: 'unauthorised-exit', zone: 'gate', occurredAt: clock.now() };
    const r = await core.alerts.ingest.submit(red1, 'manual');
    expect(r.status).toBe('raised');
    expect(await core.alerts.escalateOverdue()).toBe(0);
    clock.set(clock.now() + 31_000);
    expect(await core.alerts.escalateOverdue()).toBe(1);
    expect(await core.alerts.escalateOverdue()).toBe(0);
    expect(alertById(core.state.current().alerts, 'red-1')?.status).toBe('escalated');
    await core.close();
    core = await startConsole(site, 'desk', dataDir, clock);
    expect(await core.alerts.escalateOverdue()).toBe(0);
    await core.handlers.acknowledgeAlert({ alertId: 'red-1' });
    expect(alertById(core.state.current().alerts, 'red-1')).toMatchObject({ status: 'acknowledged' });
    // A duplicate submitted after restart is absorbed (ids come from the journal).
    expect((await core.alerts.ingest.submit(red1, 'manual')).status).toBe('duplicate');
    // The demo drill's alert injects go through the ingest as DRILL alerts.
    await core.handlers.startDrill({ scenarioId: 'perimeter-night', speed: 10 });
    for (let s = 0; s < 30; s++) {
      clock.advance(1000);
      await new Promise((res) => setTimeout(res, 20));
    }
    const drillAlerts = alertList(core.state.current().alerts).filter((a) => a.id.startsWith('drill:'));
    expect(drillAlerts.length).toBeGreaterThan(0);
    expect(drillAlerts.every((a) => a.mode === 'DRILL' && a.source === 'drill')).toBe(true);
  }, 60_000);
});

import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterEach, describe, expect, it } from 'vitest';
import { QUARANTINE_RAW_MAX_BYTES } from '../../../shared/alerts/schema';
import { canonicalJson, CanonicalJsonDepthError, CANONICAL_MAX_DEPTH } from '../../../shared/journal/canonical';
import { alertById } from '../../../shared/state/alertsDomain';
import { freePort } from '../../support/natsServer';
import { waitFor } from '../../support/relayRig';
import { startConsole } from '../../support/siteConsoles';
import { copyDemoSite } from '../../support/siteCopy';
import { alertSite, ALERT_SUBJECT_ROOT, natsWithMqtt } from './alertRig';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

/** An object nested `depth` levels: {"a":{"a":…}}. */
function nested(depth: number): Record<string, unknown> {
  let v: Record<string, unknown> = { leaf: true };
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

const oversized = (id: string) => ({ id, type: 'fire', zone: 'lobby', occurredAt: Date.now(), payload: { blob: 'x'.repeat(100 * 1024) } });
/** JSON text of an alert whose payload nests 5,000 deep (as a device would send it: text, not built by JSON.stringify). */
const deep = (id: string) => `{"id":"${id}","type":"fire","zone":"lobby","occurredAt":${Date.now()},"payload":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`;

describe('canonical JSON depth', () => {
  it('refuses a 5,000-deep value with a typed error, not a stack overflow, and writes up to the limit', () => {
    expect(() => canonicalJson(nested(5000))).toThrow(CanonicalJsonDepthError);
    expect(() => canonicalJson(nested(100_000))).toThrow(CanonicalJsonDepthError);
    expect(() => canonicalJson(nested(CANONICAL_MAX_DEPTH - 2))).not.toThrow();
    expect(() => canonicalJson(nested(10), 5)).toThrow(/nested deeper than 5 levels/);
  });
});

describe('alerts that can never be journaled (oversized, nested too deep)', () => {
  it('the webhook quarantines each with the reason (raw cut) and answers at once; the next alert is raised', async () => {
    const port = await freePort();
    const core = await startConsole(copyDemoSite((s) => {
      s.alerts = { webhook: { enabled: true, port } };
    }));
    cleanups.push(() => core.close());
    await core.alerts.listenForWebhook();
    const post = (body: unknown) =>
      fetch(core.alerts.webhookUrl ?? '', { method: 'POST', headers: { authorization: `Bearer ${core.alerts.webhookToken}`, 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

    const big = await post(oversized('big-1'));
    expect(big.status).toBe(400);
    expect(await big.json()).toMatchObject({ status: 'quarantined', reason: expect.stringMatching(/bytes as stored; the journal's limit is 65536/) });
    const nest = await post(deep('deep-1'));
    expect(nest.status).toBe(400);
    expect(await nest.json()).toMatchObject({ status: 'quarantined', reason: expect.stringMatching(/^payload: nested deeper than 32 levels/) });
    expect((await post({ id: 'fine-1', type: 'fire', zone: 'lobby', occurredAt: Date.now() })).status).toBe(202);

    const quarantined = (await core.journal.query({ kinds: ['alert.quarantined'], limit: 10 })).entries.map((e) => e.payload as { source: string; reason: string; raw: string });
    expect(quarantined).toHaveLength(2);
    for (const q of quarantined) {
      expect(q.source).toBe('webhook');
      expect(Buffer.byteLength(q.raw)).toBeLessThanOrEqual(QUARANTINE_RAW_MAX_BYTES);
    }
    expect(quarantined.find((q) => q.raw.includes('big-1'))?.raw).toMatch(/… \[cut: \d+ bytes in all\]$/);
    expect(quarantined.some((q) => q.raw.includes('deep-1'))).toBe(true);
    expect(alertById(core.state.current().alerts, 'fine-1')).toBeDefined();
    expect(alertById(core.state.current().alerts, 'big-1')).toBeUndefined();
  }, 30_000);

  it('the bus quarantines each, alone in its batch, and acknowledges it (no redelivery)', async () => {
    const { server } = await natsWithMqtt();
    cleanups.push(() => server.stop());
    const core = await startConsole(alertSite([server.url]));
    cleanups.push(() => core.close());
    const nc = await connect({ servers: server.url });
    cleanups.push(() => nc.close());
    const js = jetstream(nc);
    await waitFor(async () => (await js.publish(`${ALERT_SUBJECT_ROOT}.probe`, JSON.stringify({ id: 'probe', type: 'theft', zone: 'stores', occurredAt: Date.now() })).then(() => true, () => false)), 10_000, 'alert stream');
    await waitFor(() => alertById(core.state.current().alerts, 'probe') !== undefined, 10_000, 'probe raised');

    // One at a time, so each is a batch of one (the case that used to be nacked forever).
    const big = await js.publish(`${ALERT_SUBJECT_ROOT}.gate`, JSON.stringify(oversized('bus-big')));
    await waitFor(() => core.state.current().alerts.quarantine.length >= 1, 10_000, 'oversized quarantined');
    const nest = await js.publish(`${ALERT_SUBJECT_ROOT}.gate`, deep('bus-deep'));
    await waitFor(() => core.state.current().alerts.quarantine.length >= 2, 10_000, 'deep quarantined');
    await js.publish(`${ALERT_SUBJECT_ROOT}.gate`, JSON.stringify({ id: 'bus-fine', type: 'fire', zone: 'lobby', occurredAt: Date.now() }));
    await waitFor(() => alertById(core.state.current().alerts, 'bus-fine') !== undefined, 10_000, 'next alert raised');

    const reasons = core.state.current().alerts.quarantine.map((q) => q.reason);
    expect(reasons).toEqual([expect.stringMatching(/journal's limit is 65536/), expect.stringMatching(/nested deeper than 32 levels/)]);
    const jsm = await jetstreamManager(nc);
    await waitFor(
      async () => {
        const [consumer] = await jsm.consumers.list(big.stream).next();
        return consumer !== undefined && consumer.ack_floor.stream_seq >= nest.seq + 1 && consumer.num_ack_pending === 0;
      },
      10_000,
      'bad alerts acknowledged',
    );
    const [consumer] = await jsm.consumers.list(big.stream).next();
    expect(consumer?.num_redelivered).toBe(0);
    expect((await core.journal.query({ kinds: ['alert.quarantined'], limit: 10 })).entries).toHaveLength(2);
  }, 60_000);
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runDemoAlarms, startDemoAlarms } from '../../../electron/core/alerts/demoCli';
import { parseConsoleArgs } from '../../../electron/core/options';
import { createMemoryLog } from '../../../electron/core/support/log';
import { demoStream } from '../../../electron/core/alerts/demoStream';
import { readWebhookEndpoint } from '../../../electron/core/alerts/webhook';
import { loadSite } from '../../../electron/core/site/loadSite';
import { ConsoleError } from '../../../shared/errors';
import { alertList } from '../../../shared/state/alertsDomain';
import { demoSiteFile, tempDir } from '../../support/paths';
import { startConsole } from '../../support/siteConsoles';
import { consoleWithWebhook } from './alertRig';

const cleanups: (() => Promise<void>)[] = [];
const real = { now: () => Date.now(), random: Math.random };
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A seeded generator (mulberry32), so a failing stream can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}


describe('the demo alarm stream', () => {
  it('is mixed and realistic for the demo site: every alarm is raised by the real ingest, none quarantined; re-sends are absorbed', async () => {
    const core = await startConsole(demoSiteFile);
    cleanups.push(() => core.close());
    const stream = demoStream(core.site.site, seeded(7));
    const statuses = { raised: 0, duplicate: 0, quarantined: 0, conflict: 0 };
    const quarantined: string[] = [];
    let retries = 0;
    const now = Date.now();
    for (let i = 0; i < 300; i++) {
      const { message, retry } = stream.next(now + i);
      if (retry) retries += 1;
      const result = await core.alerts.ingest.submit(message, 'webhook');
      statuses[result.status] += 1;
      if (result.status === 'quarantined') quarantined.push(`${message.type}: ${result.reason}`);
    }
    expect(quarantined).toEqual([]);
    expect(statuses.duplicate).toBe(retries);
    // The demo's re-sends repeat their alarm exactly: none is taken for a different one.
    expect(statuses.conflict).toBe(0);
    expect(retries).toBeGreaterThan(0);
    const alerts = alertList(core.state.current().alerts);
    expect(alerts).toHaveLength(statuses.raised);
    // Mixed: every severity, many types, sensors and cameras alike; low severities outnumber red.
    const count = (severity: string): number => alerts.filter((a) => a.severity === severity).length;
    for (const severity of ['blue', 'yellow', 'orange', 'red']) expect(count(severity), severity).toBeGreaterThan(0);
    expect(count('blue') + count('yellow')).toBeGreaterThan(2 * count('red'));
    expect(new Set(alerts.map((a) => a.type)).size).toBeGreaterThan(15);
    expect(alerts.some((a) => a.sensor !== undefined)).toBe(true);
    expect(alerts.some((a) => a.cameras.length > 0 && a.sensor === undefined)).toBe(true);
  });

  it('only raises the types a sensor can raise from that sensor', () => {
    const site = loadSite(demoSiteFile).site;
    const stream = demoStream(site, seeded(11));
    for (let i = 0; i < 500; i++) {
      const { message } = stream.next(1_800_000_000_000 + i);
      if (message.sensor === undefined) continue;
      const sensor = site.sensors.find((s) => s.id === message.sensor);
      if (sensor?.type === 'smoke-detector') expect(message.type).toBe('fire');
      if (sensor?.type === 'fever-screen') expect(message.type).toBe('fever');
    }
  });

  it('npm run demo:alarms finds a running console from its data folder and its alarms reach the queue', async () => {
    const { site, core, port } = await consoleWithWebhook(cleanups);
    expect(readWebhookEndpoint(core.dataDir)).toBe(`http://127.0.0.1:${port}/api/alerts`);
    const lines: string[] = [];
    const code = await runDemoAlarms(['--data-dir', core.dataDir, '--site', site, '--count', '8', '--every', '0.01'], {}, demoSiteFile, (l) => lines.push(l), real);
    expect(code).toBe(0);
    expect(lines.at(-1)).toBe('8 sent, 0 refused');
    const sent = lines.filter((l) => / sent {3}/.test(l)).length;
    expect(alertList(core.state.current().alerts)).toHaveLength(sent);
  });

  it('says what is wrong: no console served from the folder, a wrong token, bad arguments', async () => {
    const empty = tempDir('no-console');
    await expect(runDemoAlarms(['--data-dir', empty, '--count', '1'], {}, demoSiteFile, () => undefined, real)).rejects.toThrow(/no console has served its alert webhook from .*no-console/);

    const { core } = await consoleWithWebhook(cleanups);
    const wrong = runDemoAlarms(['--data-dir', core.dataDir, '--token', 'f'.repeat(48), '--count', '1'], {}, demoSiteFile, () => undefined, real);
    await expect(wrong).rejects.toThrow(/refused the token \(401\)/);
    expect(alertList(core.state.current().alerts)).toHaveLength(0);
    expect(readFileSync(join(core.dataDir, 'alert-webhook-token'), 'utf8').trim()).toBe(core.alerts.webhookToken);

    for (const args of [['--every', 'soon'], ['--count', '0'], ['--url', 'http://127.0.0.1:1/'], ['--loud']]) {
      const bad = runDemoAlarms(args, {}, demoSiteFile, () => undefined, real);
      await expect(bad).rejects.toBeInstanceOf(ConsoleError);
      await expect(bad).rejects.toMatchObject({ code: 'invalid-argument' });
    }
  });

  it('--demo-alarms: the console sends itself the stream through its webhook, on a demo site only, until stopped', async () => {
    expect(parseConsoleArgs(['--demo-alarms'], {}, demoSiteFile).demoAlarms).toBe(true);
    expect(parseConsoleArgs([], {}, demoSiteFile).demoAlarms).toBe(false);
    const { core } = await consoleWithWebhook(cleanups);
    const url = core.alerts.webhookUrl ?? '';
    const log = createMemoryLog();
    const demo = startDemoAlarms({ site: core.site.site, url, token: core.alerts.webhookToken, log, everySec: 0.02, ...real });
    await expect.poll(() => alertList(core.state.current().alerts).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(5);
    await demo.stop();
    // Every post was answered before stop resolved: the journal holds each one that was not a device re-send.
    const raised = alertList(core.state.current().alerts).length;
    expect(demo.sent).toBeGreaterThanOrEqual(raised);
    expect(raised).toBeGreaterThan(demo.sent / 2);
    expect(alertList(core.state.current().alerts).every((a) => a.source === 'webhook')).toBe(true);

    const real2 = { ...core.site.site, demo: false };
    expect(() => startDemoAlarms({ site: real2, url, token: core.alerts.webhookToken, log, ...real })).toThrow(/--demo-alarms is for a demo site/);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core';
import { NatsServer } from '../../support/natsServer';
import { waitFor } from '../../support/relayRig';
import { startConsole } from '../../support/siteConsoles';
import { copyDemoSite } from '../../support/siteCopy';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(site: string, station: 'desk' | 'wall' = 'desk'): Promise<Core> {
  const core = await startConsole(site, station);
  cleanups.push(() => core.close());
  return core;
}

describe('a command-centre desk', () => {
  it('watches several sites over a three-node cluster, read-only, and keeps up when a node dies', async () => {
    const nodes = await NatsServer.cluster(3);
    cleanups.push(() => Promise.all(nodes.map((n) => n.stop())).then(() => undefined));
    const servers = nodes.map((n) => n.url);
    const siteA = copyDemoSite((s) => {
      s.id = 'harbour-a';
      s.name = { en: 'Harbour hotel A', 'zh-CN': '港湾酒店A' };
      s.bus = { servers, replicas: 3 };
    });
    const siteB = copyDemoSite((s) => {
      s.id = 'checkpoint-b';
      s.name = { en: 'Checkpoint B', 'zh-CN': '卡口B' };
      s.bus = { servers, replicas: 3 };
    });
    const centre = copyDemoSite((s) => {
      s.id = 'command-centre';
      s.bus = { servers: [servers[2] as string, servers[0] as string], replicas: 3 };
      s.commandCentre = {
        sites: [
          { id: 'harbour-a', name: { en: 'Harbour hotel A', 'zh-CN': '港湾酒店A' } },
          { id: 'checkpoint-b', name: { en: 'Checkpoint B', 'zh-CN': '卡口B' } },
        ],
      };
    });
    const deskA = await start(siteA);
    const wallA = await start(siteA, 'wall');
    const deskB = await start(siteB);
    const cc = await start(centre);
    await waitFor(() => (deskA.relay?.status().lastAck?.seq ?? 0) >= 1 && (deskB.relay?.status().lastAck?.seq ?? 0) >= 1, 60_000, 'both sites upstream');

    await deskA.journal.append({ kind: 'note', payload: { text: 'A: 北门巡查正常' } }, { actor: 'duty-liu' });
    await wallA.journal.append({ kind: 'note', payload: { text: 'A wall note' } }, { actor: 'op-he' });
    await deskB.journal.append({ kind: 'note', payload: { text: 'B: 卡口车辆排队' } }, { actor: 'duty-sun' });

    const summary = (site: string) => cc.handlers.getCommandCentre().then((all) => all.find((s) => s.site === site));
    await waitFor(async () => (await summary('harbour-a'))?.consoles === 2 && (await summary('checkpoint-b'))?.consoles === 1, 60_000, 'both sites in view');
    const headsA = deskA.journal.status().headSeq + wallA.journal.status().headSeq;
    await waitFor(async () => (await summary('harbour-a'))?.entries === headsA, 30_000, 'every entry of site A');
    expect(await summary('harbour-a')).toMatchObject({ link: 'connected', consoles: 2, openAlerts: 0, drillActive: false, problem: null });
    expect((await summary('checkpoint-b'))?.lastEntry?.kind).toBe('note');

    // The centre holds copies only: its own journal has no entry of a watched site, and the sites hold nothing of it.
    const own = await cc.journal.query({ limit: 500 });
    expect(own.entries.every((e) => e.site === 'command-centre')).toBe(true);
    expect(deskA.state.snapshot().heads[cc.identity.consoleId]).toBeUndefined();

    // A node dies; the sites keep writing; the centre catches up through the survivors.
    await nodes[2]?.stop('SIGKILL');
    for (let i = 0; i < 50; i++) await deskB.journal.append({ kind: 'note', payload: { text: `B traffic ${i}` } }, { actor: 'duty-sun' });
    const headB = deskB.journal.status().headSeq;
    await waitFor(async () => (await summary('checkpoint-b'))?.entries === headB, 90_000, 'the centre to hold every entry of site B').catch(async (e) => {
      const records = (cc.log as unknown as { records: { msg?: string; message?: string }[] }).records;
      console.log(headB, JSON.stringify(await summary('checkpoint-b')), JSON.stringify(records.slice(-40)));
      throw e;
    });
    // An alert at site A shows as open at the centre until it is resolved.
    await deskA.alerts.ingest.submit({ id: 'cc-1', type: 'door-forced', floor: 'f1', x: 22, y: 2, occurredAt: Date.now(), mode: 'LIVE' }, 'webhook');
    await waitFor(async () => (await summary('harbour-a'))?.openAlerts === 1, 30_000, 'the open alert at the centre');
    expect((await summary('harbour-a'))?.bySeverity).toEqual({ red: 1 });
    await deskA.handlers.acknowledgeAlert({ alertId: 'cc-1' });
    await deskA.handlers.closeAlert({ alertId: 'cc-1', code: 'test' });
    await waitFor(async () => (await summary('harbour-a'))?.openAlerts === 0, 30_000, 'the resolved alert at the centre');
    // A drill at a site shows as a drill, never as an incident.
    await deskA.handlers.startDrill({ scenarioId: 'perimeter-night', speed: 1 });
    await waitFor(async () => (await summary('harbour-a'))?.drillActive === true, 30_000, 'the drill to show').catch(async (e) => {
      console.log(JSON.stringify(await summary('harbour-a')), deskA.journal.status().headSeq, JSON.stringify(deskA.relay?.status()), JSON.stringify(await cc.journal.peerHeads('harbour-a')));
      throw e;
    });
    expect((await summary('harbour-a'))?.openAlerts).toBe(0);
  }, 240_000);
});

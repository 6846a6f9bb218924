import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core';
import { dueStates } from '../../../shared/roster/schedule';
import { NatsServer } from '../../support/natsServer';
import { TcpProxy } from '../../support/tcpProxy';
import { waitFor } from '../../support/relayRig';
import { siteOnBus, startConsole, stateHash } from '../../support/siteConsoles';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function consoleOn(site: string, station: 'desk' | 'wall' = 'desk', dataDir?: string): Promise<Core & { dataDir: string }> {
  const core = await startConsole(site, station, dataDir);
  cleanups.push(() => core.close());
  return core;
}

/** Desk A, desk B and a wall console of one site, on one nats-server. */
async function twoDesksAndAWall(): Promise<{ a: Core; b: Core; wall: Core }> {
  const nats = await NatsServer.start();
  cleanups.push(() => nats.stop());
  const site = siteOnBus([nats.url]);
  return { a: await consoleOn(site), b: await consoleOn(site), wall: await consoleOn(site, 'wall') };
}

const handover = (incoming: string) => ({ kind: 'handover', payload: { outgoing: 'duty-liu', incoming, summary: `to ${incoming}` } });

describe('several consoles of one site', () => {
  it('each keeps its own journal, and every console folds all of them to the same state', async () => {
    const { a, b, wall } = await twoDesksAndAWall();

    await a.journal.append(handover('duty-sun'), { actor: 'duty-liu' });
    await waitFor(() => [b, wall].every((c) => c.state.current().duty.lastHandover?.incoming === 'duty-sun'), 10_000, 'peers to see the handover');
    await b.journal.append(handover('op-he'), { actor: 'duty-sun' });
    await waitFor(() => [a, wall].every((c) => c.state.current().duty.lastHandover?.incoming === 'op-he'), 10_000, 'the second handover everywhere');
    expect(stateHash(a)).toBe(stateHash(b));
    expect(stateHash(b)).toBe(stateHash(wall));
    // Each console's own journal holds only its own entries.
    expect((await a.journal.query({ kinds: ['handover'] })).entries.map((e) => e.console)).toEqual([a.identity.consoleId]);
    await waitFor(() => a.handlers.getPeers().then((p) => p.filter((x) => x.present).length === 2), 10_000, 'presence');
    const peers = await a.handlers.getPeers();
    expect(peers.map((p) => p.station).sort()).toEqual(['desk', 'wall']);
  });

  it('a camera pushed at one desk shows on the wall console; a comms check logged at the other desk resets its timer everywhere', async () => {
    const { a, b, wall } = await twoDesksAndAWall();

    await a.handlers.wallPush({ wall: 'wall-1', tile: 2, camera: 'lobby' });
    await waitFor(() => wall.state.current().wall.walls['wall-1']?.tiles[2] === 'lobby', 10_000, 'the push on the wall console');

    const due = (c: Core, subject: string) => {
      const roster = c.roster.current();
      return dueStates(c.state.current().roster, roster, c.site.site.timezone, Date.now()).find((d) => d.subject === subject);
    };
    const first = dueStates(a.state.current().roster, a.roster.current(), a.site.site.timezone, Date.now())[0];
    if (!first) throw new Error('the demo roster has no comms check on duty');
    const attempt = await b.handlers.logAttempt({ to: first.person, method: 'radio', result: 'answered', ...(first.checkId ? { checkId: first.checkId } : {}) });
    for (const c of [a, wall]) {
      await waitFor(() => due(c, first.subject)?.lastContact === attempt.occurredAt, 10_000, 'the check reset on every console');
    }
    expect(due(a, first.subject)?.dueAt).toBe(due(b, first.subject)?.dueAt);
  });

  it('converges to identical state after a partition with work on both sides', async () => {
    const nats = await NatsServer.start();
    cleanups.push(() => nats.stop());
    // A reaches the bus through a proxy we can cut: a real network partition.
    const proxy = new TcpProxy(nats.port);
    await proxy.start();
    cleanups.push(() => proxy.stop());
    const a = await consoleOn(siteOnBus([proxy.url]));
    const b = await consoleOn(siteOnBus([nats.url]));
    await a.journal.append({ kind: 'note', payload: { text: 'before' } }, { actor: 'duty-liu' });
    await waitFor(() => stateHash(a) === stateHash(b) && (b.state.snapshot().heads[a.identity.consoleId] ?? 0) >= 2, 10_000, 'first sync');

    proxy.partition();
    await waitFor(() => a.link?.current().state === 'offline', 15_000, 'A to notice the partition');
    for (let i = 0; i < 20; i++) {
      await a.journal.append(i % 5 === 0 ? handover(`a-${i}`) : { kind: 'note', payload: { text: `a ${i}` } }, { actor: 'duty-liu' });
      await b.journal.append(i % 7 === 0 ? handover(`b-${i}`) : { kind: 'note', payload: { text: `b ${i}` } }, { actor: 'duty-sun' });
    }
    // Over a thousand more on each side: each journal signs a checkpoint of its own (an entry every console
    // must fold), and the catch-up arrives as several stream messages whose late entries are slotted in together.
    const many = (side: string): { kind: 'note'; payload: { text: string } }[] =>
      Array.from({ length: 1200 }, (_, k) => ({ kind: 'note' as const, payload: { text: `${side} 分区 ${k}` } }));
    await Promise.all([a.journal.appendMany(many('a'), { actor: 'duty-liu' }), b.journal.appendMany(many('b'), { actor: 'duty-sun' })]);
    expect(stateHash(a)).not.toBe(stateHash(b));

    proxy.heal();
    await waitFor(() => stateHash(a) === stateHash(b), 30_000, 'convergence after the partition heals');
    // The later handover (by HLC) holds the desk on both.
    expect(a.state.current().duty.lastHandover?.incoming).toBe(b.state.current().duty.lastHandover?.incoming);

    // And a console restarted from its data folder comes back to the same state, bus or not.
    const bDir = b.dataDir;
    const before = stateHash(b);
    await b.close();
    cleanups.splice(cleanups.length - 1, 1);
    await nats.stop();
    const b2 = await consoleOn(siteOnBus([nats.url]), 'desk', bDir);
    expect(stateHash(b2)).toBe(before);
  });
});

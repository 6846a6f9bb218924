import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { afterEach, describe, expect, it } from 'vitest';
import type { JournalService } from '../../../electron/core/journal/service';
import { journalStreamName } from '../../../electron/core/sync/subjects';
import { systemClock } from '../../../electron/core/support/clock';
import { openTestJournal } from '../../support/journal';
import { NatsServer } from '../../support/natsServer';
import { DRILL_SUBJECT, LIVE_SUBJECT, startRelay, waitFor } from '../../support/relayRig';
import { TcpProxy } from '../../support/tcpProxy';
import { readUpstream } from '../../support/upstream';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function liveEntries(journal: JournalService): Promise<{ seq: number; hash: string }[]> {
  const out: { seq: number; hash: string }[] = [];
  let after = 0;
  for (;;) {
    const page = await journal.pageAfter(after, 'LIVE', 5000);
    if (page.length === 0) return out;
    out.push(...page.map((e) => ({ seq: e.seq, hash: e.hash })));
    after = page[page.length - 1]!.seq;
  }
}

/** Upstream holds exactly the local LIVE entries: each once, in order, same hashes. */
async function expectExactlyOnce(url: string, journal: JournalService): Promise<number> {
  const local = await liveEntries(journal);
  const { entries } = await readUpstream(url, 'test-site', LIVE_SUBJECT);
  expect(entries.map((e) => e.seq)).toEqual(local.map((e) => e.seq));
  expect(entries.map((e) => e.hash)).toEqual(local.map((e) => e.hash));
  expect(entries.every((e) => e.mode === 'LIVE')).toBe(true);
  return entries.length;
}

async function openJournalWithSystemClock(): Promise<JournalService> {
  const { journal } = await openTestJournal({ clock: systemClock });
  cleanups.push(() => journal.close());
  return journal;
}

describe('journal relay to NATS JetStream', () => {
  it('works fully locally with no upstream, then publishes everything once a server appears', async () => {
    const journal = await openJournalWithSystemClock();
    const server = await NatsServer.start();
    await server.stop();
    const rig = await startRelay(journal, server.url);
    cleanups.push(() => rig.stop());
    for (let i = 0; i < 50; i++) await journal.append({ kind: 'note', payload: { text: `offline ${i}` } }, { actor: 'duty-liu' });
    expect(rig.relay.status()).toMatchObject({ configured: true, state: 'offline' });
    expect(rig.relay.status().behind).toBeGreaterThanOrEqual(50);
    await server.start();
    cleanups.push(() => server.stop());
    await waitFor(() => rig.relay.status().behind === 0 && rig.relay.status().state === 'connected', 20_000, 'catch-up');
    expect(await expectExactlyOnce(server.url, journal)).toBe(51);
    expect(rig.relay.status().lastAck?.seq).toBe((await journal.status()).headSeq);
  });

  it('delivers 10,000 entries exactly once, in order, while nats-server is stopped and restarted twice', async () => {
    const journal = await openJournalWithSystemClock();
    const server = await NatsServer.start();
    cleanups.push(() => server.stop());
    const rig = await startRelay(journal, server.url);
    cleanups.push(() => rig.stop());
    let appended = 0;
    while (appended < 10_000) {
      const batch = Array.from({ length: 50 }, (_, i) => ({ kind: 'note', payload: { text: `entry ${appended + i}` } }));
      await journal.appendMany(batch, { actor: 'duty-liu' });
      appended += batch.length;
      if (appended === 2000 || appended === 6000) {
        await server.stop(appended === 2000 ? 'SIGTERM' : 'SIGKILL');
        await waitFor(() => rig.relay.status().state === 'offline', 15_000, 'the relay to see the outage');
      }
      if (appended === 4000 || appended === 8000) {
        expect(rig.relay.status().behind).toBeGreaterThan(0);
        await server.start();
      }
    }
    // A few drill entries: they go to the drill subject, never the live one.
    await journal.append({ kind: 'note', payload: { text: 'drill note' }, mode: 'DRILL' }, { actor: 'duty-liu' });
    await waitFor(() => rig.relay.status().behind === 0 && rig.relay.status().state === 'connected', 60_000, 'catch-up after restarts');
    // 10,000 notes + the segment start + a signed checkpoint every 1000 entries.
    expect(await expectExactlyOnce(server.url, journal)).toBe(10_011);
    await waitFor(async () => (await readUpstream(server.url, 'test-site', DRILL_SUBJECT)).entries.length === 1, 10_000, 'drill subject');
  });

  it('stays exactly-once when acknowledgements are lost, even past the duplicate window', async () => {
    const journal = await openJournalWithSystemClock();
    const server = await NatsServer.start();
    cleanups.push(() => server.stop());
    // A stream with a one-second duplicate window: dedupe by message id cannot save us.
    const nc = await connect({ servers: server.url });
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: journalStreamName('test-site'), subjects: ['wp.test-site.journal.*', 'wp.test-site.drill.*'], duplicate_window: 1_000_000_000 });
    await nc.close();
    const proxy = new TcpProxy(server.port);
    await proxy.start();
    cleanups.push(() => proxy.stop());
    const rig = await startRelay(journal, proxy.url);
    cleanups.push(() => rig.stop());

    for (let i = 0; i < 100; i++) await journal.append({ kind: 'note', payload: { text: `before ${i}` } }, { actor: 'a' });
    await waitFor(() => rig.relay.status().behind === 0, 20_000, 'first batch');

    // The server keeps receiving publishes, but no acknowledgement comes back.
    proxy.blackholeReplies(true);
    for (let i = 0; i < 300; i++) await journal.append({ kind: 'note', payload: { text: `during ${i}` } }, { actor: 'a' });
    await new Promise((r) => setTimeout(r, 2500)); // longer than the duplicate window
    proxy.blackholeReplies(false);
    proxy.cut();
    for (let i = 0; i < 100; i++) await journal.append({ kind: 'note', payload: { text: `after ${i}` } }, { actor: 'a' });
    await waitFor(() => rig.relay.status().behind === 0 && rig.relay.status().state === 'connected', 60_000, 'catch-up after lost acks');
    expect(await expectExactlyOnce(server.url, journal)).toBe(501);
  });

  it('picks up exactly where upstream is after the relay is killed mid-batch', async () => {
    const journal = await openJournalWithSystemClock();
    const server = await NatsServer.start();
    cleanups.push(() => server.stop());
    const first = await startRelay(journal, server.url);
    for (let round = 0; round < 5; round++) {
      await journal.appendMany(Array.from({ length: 400 }, (_, i) => ({ kind: 'note', payload: { text: `r${round} ${i}` } })), { actor: 'a' });
    }
    await new Promise((r) => setTimeout(r, 5)); // some batches in flight
    await first.stop();
    await journal.appendMany(Array.from({ length: 300 }, (_, i) => ({ kind: 'note', payload: { text: `later ${i}` } })), { actor: 'a' });
    const second = await startRelay(journal, server.url);
    cleanups.push(() => second.stop());
    await waitFor(() => second.relay.status().behind === 0 && second.relay.status().state === 'connected', 30_000, 'second relay');
    expect(await expectExactlyOnce(server.url, journal)).toBe(2303); // 2300 notes, segment start, 2 checkpoints
  });
});

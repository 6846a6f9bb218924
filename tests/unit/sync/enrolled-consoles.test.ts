import { createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { connect, headers, type NatsConnection } from '@nats-io/transport-node';
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, type Core } from '../../../electron/core';
import { createMemoryLog } from '../../../electron/core/support/log';
import { SealedFileVault } from '../../../electron/core/support/keyVault';
import { sourceWorkers } from '../../support/journal';
import { signedIn } from '../../support/operators';
import { tempDir } from '../../support/paths';
import { isSubjectOf, journalSubject, JOURNAL_HEADERS, sealSubject } from '../../../electron/core/sync/subjects';
import { checkpointStatement, GENESIS_HASH, type JournalEntry } from '../../../shared/journal/entry';
import type { PeerStatus } from '../../../shared/sync/peers';
import { alertById, alertList } from '../../../shared/state/alertsDomain';
import { makeEntry } from '../../support/entries';
import { NatsServer } from '../../support/natsServer';
import { waitFor } from '../../support/relayRig';
import { enrolledConsoleDir, siteOnBus, startConsole } from '../../support/siteConsoles';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const SITE = 'demo-harbour-hotel';

/** A client on the site bus with no console behind it: it writes journals by hand, hashed and chained so they pass every internal check. */
class Rogue {
  private readonly key = generateKeyPairSync('ed25519').privateKey;
  readonly publicKey = createPublicKey(this.key).export({ type: 'spki', format: 'der' }).toString('base64');
  constructor(private readonly nc: NatsConnection, private readonly site: string) {}

  /** Entries under `consoleId` from `after` (the place they claim), chained to it. */
  chain(consoleId: string, after: { seq: number; hash: string }, drafts: readonly { kind: string; payload: unknown }[]): JournalEntry[] {
    const out: JournalEntry[] = [];
    let prev = after;
    for (const d of drafts) {
      const e = makeEntry({ site: this.site, console: consoleId, seq: prev.seq + 1, prevHash: prev.hash, kind: d.kind, payload: d.payload, actor: 'duty-liu', occurredAt: Date.now() });
      out.push(e);
      prev = { seq: e.seq, hash: e.hash };
    }
    return out;
  }

  signature(consoleId: string, seq: number, hash: string): string {
    return sign(null, Buffer.from(checkpointStatement(this.site, consoleId, seq, hash)), this.key).toString('base64');
  }

  /** Publishes entries as one journal message, the way a console's relay does. */
  async publish(entries: readonly JournalEntry[], opts: { subjectOf?: string } = {}): Promise<void> {
    const first = entries[0] as JournalEntry;
    const last = entries[entries.length - 1] as JournalEntry;
    const h = headers();
    h.set(JOURNAL_HEADERS.console, first.console);
    h.set(JOURNAL_HEADERS.mode, 'LIVE');
    h.set(JOURNAL_HEADERS.firstSeq, String(first.seq));
    h.set(JOURNAL_HEADERS.lastSeq, String(last.seq));
    h.set(JOURNAL_HEADERS.count, String(entries.length));
    await jetstream(this.nc).publish(journalSubject(this.site, opts.subjectOf ?? first.console, 'LIVE'), entries.map((e) => JSON.stringify(e)).join('\n'), { headers: h });
  }

  /** A signed head under that console's name, signed with the rogue's key. */
  seal(consoleId: string, seq: number, hash: string): void {
    this.nc.publish(sealSubject(this.site, consoleId), JSON.stringify({ site: this.site, console: consoleId, seq, hash, signature: this.signature(consoleId, seq, hash) }));
  }
}

async function peersOf(core: Core): Promise<PeerStatus[]> {
  return core.handlers.getPeers();
}

describe('only the site’s enrolled consoles count', () => {
  it('a rogue client cannot close a real alarm or inject one, under a made-up id nor under a real console’s id; its entries are kept apart and shown', async () => {
    const nats = await NatsServer.start();
    cleanups.push(() => nats.stop());
    const dirA = enrolledConsoleDir('c-deskaaaaaaaa');
    const dirB = enrolledConsoleDir('c-deskbbbbbbbb');
    const site = siteOnBus([nats.url], [dirA, dirB]);
    const a = await startConsole(site, 'desk', dirA.dataDir);
    cleanups.push(() => a.close());
    const b = await startConsole(site, 'desk', dirB.dataDir);
    cleanups.push(() => b.close());
    expect(a.identity.consoleId).toBe(dirA.id);

    // A genuine red alarm raised at desk A reaches desk B (its entries are signed by A's enrolled key).
    await a.alerts.ingest.submit({ id: 'red-gate-1', type: 'unauthorised-exit', zone: 'gate', occurredAt: Date.now(), mode: 'LIVE' }, 'webhook');
    await waitFor(() => alertList(b.state.current().alerts).length === 1, 10_000, 'desk B to hold the genuine alarm');
    const alarm = alertList(b.state.current().alerts)[0];
    if (!alarm) throw new Error('no alarm');
    const statusBefore = alarm.status;

    const nc = await connect({ servers: nats.url });
    cleanups.push(() => nc.close());
    const rogue = new Rogue(nc, SITE);
    const fake = { alertId: 'fake-red-1', source: 'nats', type: 'unauthorised-exit', severity: 'red', zone: 'gate', cameras: [], occurredAt: Date.now(), mode: 'LIVE' };
    const forged = [
      { kind: 'alert.false-alarm', payload: { alertId: alarm.id } },
      { kind: 'alert.raised', payload: fake },
    ];

    // 1. A made-up console id, with its own key, segment and seals.
    const madeUp = 'c-rogue0000001';
    const segment = { kind: 'journal.segment', payload: { reason: 'new', publicKey: rogue.publicKey } };
    const madeUpEntries = rogue.chain(madeUp, { seq: 0, hash: GENESIS_HASH }, [segment, ...forged]);
    await rogue.publish(madeUpEntries);
    const madeUpHead = madeUpEntries[madeUpEntries.length - 1] as JournalEntry;
    rogue.seal(madeUp, madeUpHead.seq, madeUpHead.hash);

    // 2. Desk A's id on the rogue's own subject.
    const aHead = a.journal.status();
    const onWrongSubject = rogue.chain(dirA.id, { seq: aHead.headSeq, hash: aHead.headHash }, forged);
    expect(isSubjectOf(journalSubject(SITE, madeUp, 'LIVE'), SITE, dirA.id)).toBe(false);
    await rogue.publish(onWrongSubject, { subjectOf: madeUp });

    await waitFor(
      async () => {
        const peers = await peersOf(b);
        const r = peers.find((p) => p.console === madeUp);
        const forgedA = peers.find((p) => p.console === dirA.id);
        return r?.unknown === true && r.keptApart?.count === 3 && forgedA?.keptApart?.count === 2;
      },
      10_000,
      'desk B to keep the made-up console and the misplaced entries apart',
    );
    const unknown = (await peersOf(b)).find((p) => p.console === madeUp);
    expect(unknown?.keptApart?.why).toBe('not-enrolled');
    expect(unknown?.keptApart?.claimedKey).toMatch(/^SHA256:[0-9a-f]{16}$/);

    // 3. Desk A's id on A's own subject, continuing A's chain, with a seal signed by another key.
    const continuation = rogue.chain(dirA.id, { seq: aHead.headSeq, hash: aHead.headHash }, [forged[0] as (typeof forged)[number]]);
    const injected = rogue.chain(dirA.id, { seq: aHead.headSeq, hash: aHead.headHash }, [forged[1] as (typeof forged)[number]]);
    await rogue.publish(continuation);
    await rogue.publish(injected);
    for (const e of [...continuation, ...injected]) rogue.seal(dirA.id, e.seq, e.hash);
    await waitFor(() => (b.replicator?.unsignedOf(dirA.id) ?? 0) === 2, 10_000, 'desk B to hold the continuation back, unsigned');

    // Nothing the rogue sent is in desk B's fold (nor desk A's).
    for (const core of [a, b]) {
      expect(alertById(core.state.current().alerts, alarm.id)?.status).toBe(statusBefore);
      expect(alertById(core.state.current().alerts, 'fake-red-1')).toBeUndefined();
      expect(alertList(core.state.current().alerts)).toHaveLength(1);
    }

    // Desk A's next entry is signed at that place: what the rogue put there is proved not A's and kept apart.
    await a.journal.append({ kind: 'note', payload: { text: 'gate checked' } }, { actor: 'duty-liu' });
    await waitFor(async () => (await peersOf(b)).find((p) => p.console === dirA.id)?.keptApart?.count === 4, 10_000, 'the continuation kept apart');
    expect(b.replicator?.unsignedOf(dirA.id)).toBe(0);
    const peerA = (await peersOf(b)).find((p) => p.console === dirA.id);
    expect(peerA?.unknown).toBeUndefined();
    expect(peerA?.keptApart?.why).toBe('not-signed');
    expect(alertById(b.state.current().alerts, alarm.id)?.status).toBe(statusBefore);
    expect(alertById(b.state.current().alerts, 'fake-red-1')).toBeUndefined();
    // And no system escalation of a fake alarm was written anywhere.
    for (const core of [a, b]) {
      const own = await core.journal.entriesAfter(0, 10_000);
      expect(own.some((e) => JSON.stringify(e.payload).includes('fake-red-1'))).toBe(false);
    }

    // A restart of desk B reads the stream again: the fold still leaves the rogue out, and what was kept apart is kept once.
    await b.close();
    const b2 = await startConsole(site, 'desk', dirB.dataDir);
    cleanups.push(() => b2.close());
    await waitFor(() => alertList(b2.state.current().alerts).length === 1, 10_000, 'the restarted desk to fold the genuine alarm');
    await waitFor(async () => (await peersOf(b2)).find((p) => p.console === madeUp)?.keptApart?.count === 3, 10_000, 'the kept-apart entries read back');
    expect(alertById(b2.state.current().alerts, alarm.id)?.status).toBe(statusBefore);
    expect(alertById(b2.state.current().alerts, 'fake-red-1')).toBeUndefined();
    expect((await peersOf(b2)).find((p) => p.console === dirA.id)?.keptApart?.count).toBe(4);
  });

  it('a console enrolled at a desk by a supervisor counts from then on, there and at the site’s other consoles, after a restart too', async () => {
    const nats = await NatsServer.start();
    cleanups.push(() => nats.stop());
    const dirA = enrolledConsoleDir('c-deskaaaaaaaa');
    const dirB = enrolledConsoleDir('c-deskbbbbbbbb');
    const dirC = enrolledConsoleDir('c-deskcccccccc');
    const site = siteOnBus([nats.url], [dirA, dirB]);
    const start = async (dataDir: string): Promise<Core> => {
      const core = await startConsole(site, 'desk', dataDir);
      cleanups.push(() => core.close());
      return core;
    };
    const a = await start(dirA.dataDir);
    const b = await start(dirB.dataDir);
    const c = await start(dirC.dataDir);
    const handover = (incoming: string) => ({ kind: 'handover', payload: { outgoing: 'duty-liu', incoming, summary: `to ${incoming}` } });

    await c.journal.append(handover('duty-sun'), { actor: 'duty-liu' });
    await waitFor(async () => (await peersOf(a)).find((p) => p.console === dirC.id)?.keptApart !== undefined, 10_000, 'desk A to keep the unenrolled console apart');
    expect((await peersOf(a)).find((p) => p.console === dirC.id)?.unknown).toBe(true);
    expect(a.state.current().duty.lastHandover?.incoming).not.toBe('duty-sun');

    const enrol = { consoleId: dirC.id, publicKey: dirC.publicKey, name: 'Desk C', reason: 'key read off its own screen by duty-liu' };
    const operator = await signedIn(a, 'op-he');
    await expect(operator.enrollConsole(enrol)).rejects.toThrow(/needs a supervisor/);
    const supervisor = await signedIn(a, 'duty-liu');
    await expect(supervisor.enrollConsole({ ...enrol, consoleId: dirB.id })).rejects.toThrow(/enrolled in the site file with another key/);
    await supervisor.enrollConsole(enrol);

    // What C had written before counts now, at A and (through A's signed journal) at B.
    await waitFor(() => [a, b].every((x) => x.state.current().duty.lastHandover?.incoming === 'duty-sun'), 10_000, 'C’s handover folded at A and B');
    const peerC = (await peersOf(a)).find((p) => p.console === dirC.id);
    expect(peerC?.unknown).toBeUndefined();
    expect(peerC?.keptApart).toBeUndefined();
    const logged = (await a.journal.query({ kinds: ['console.enrolled'] })).entries;
    expect(logged.map((e) => [e.actor, (e.payload as { reason: string }).reason])).toEqual([['duty-liu', enrol.reason]]);

    // B remembers what it learned from A's journal across a restart.
    await b.close();
    const b2 = await start(dirB.dataDir);
    await c.journal.append(handover('op-he'), { actor: 'duty-sun' });
    await waitFor(() => b2.state.current().duty.lastHandover?.incoming === 'op-he', 10_000, 'C’s next entry at the restarted desk B');
    expect((await peersOf(b2)).find((p) => p.console === dirC.id)?.unknown).toBeUndefined();
  });

  it('a desk whose key is in the key store (the desktop app) still signs its heads: its entries count at once', async () => {
    const nats = await NatsServer.start();
    cleanups.push(() => nats.stop());
    const dirA = enrolledConsoleDir('c-deskaaaaaaaa');
    const dirB = enrolledConsoleDir('c-deskbbbbbbbb');
    const site = siteOnBus([nats.url], [dirA, dirB]);
    const rendererDir = tempDir('renderer');
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
    // A stand-in for the OS keystore: reversible, and not the plain key file (which the journal moves into it).
    const cipher = { encrypt: async (plain: string) => new Uint8Array(Buffer.from(plain, 'utf8').reverse()), decrypt: async (sealed: Uint8Array) => Buffer.from(sealed).reverse().toString('utf8') };
    const a = await createCore({
      paths: { siteFile: site, dataDir: dirA.dataDir },
      rendererDir,
      workers: sourceWorkers,
      station: 'desk',
      shell: 'host',
      version: 'test',
      random: Math.random,
      log: createMemoryLog(),
      keyVault: new SealedFileVault(join(dirA.dataDir, 'keys', 'journal.sealed'), cipher, 'the test keystore'),
    });
    cleanups.push(() => a.close());
    expect(existsSync(join(dirA.dataDir, 'keys', 'journal-ed25519.pem'))).toBe(false);
    const b = await startConsole(site, 'desk', dirB.dataDir);
    cleanups.push(() => b.close());
    // The first append is followed by a checkpoint (none was due before); the second is covered only by a seal.
    await a.journal.append({ kind: 'handover', payload: { outgoing: 'duty-liu', incoming: 'duty-sun', summary: 'to duty-sun' } }, { actor: 'duty-liu' });
    await waitFor(() => b.state.current().duty.lastHandover?.incoming === 'duty-sun', 10_000, 'desk A’s first handover at desk B');
    await a.journal.append({ kind: 'handover', payload: { outgoing: 'duty-sun', incoming: 'op-he', summary: 'to op-he' } }, { actor: 'duty-sun' });
    await waitFor(() => b.state.current().duty.lastHandover?.incoming === 'op-he', 10_000, 'desk A’s second handover at desk B, sealed with the key from the key store');
  });
});

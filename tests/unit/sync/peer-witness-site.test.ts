import { headers, connect } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../shared/journal/canonical';
import type { Core } from '../../../electron/core';
import { JOURNAL_HEADERS, journalSubject } from '../../../electron/core/sync/subjects';
import { openTestJournal } from '../../support/journal';
import { NatsServer } from '../../support/natsServer';
import { waitFor } from '../../support/relayRig';
import { siteOnBus, startConsole } from '../../support/siteConsoles';

// Issue 13 §2: a console whose journal contradicts what its peers witnessed is reported as divergent and not folded.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function consoleOn(site: string): Promise<Core & { dataDir: string }> {
  const core = await startConsole(site, 'desk');
  cleanups.push(() => core.close());
  return core;
}

const handover = (incoming: string) => ({ kind: 'handover', payload: { outgoing: 'duty-liu', incoming, summary: `to ${incoming}` } });

describe('peer witness on the site bus', () => {
  it('another history published under a console’s name (a restart at #1) is a divergent peer at the desk: seq, both hashes; kept apart, not folded', async () => {
    const nats = await NatsServer.start();
    cleanups.push(() => nats.stop());
    const site = siteOnBus([nats.url]);
    const siteId = (JSON.parse(readFileSync(site, 'utf8')) as { id: string }).id;
    const a = await consoleOn(site);
    const b = await consoleOn(site);
    await a.journal.append(handover('duty-sun'), { actor: 'duty-liu' });
    const aHead = a.journal.status().headSeq;
    await waitFor(() => b.handlers.getPeers().then((p) => p.some((x) => x.console === a.identity.consoleId && x.held >= aHead)), 15_000, 'B to hold A');
    expect(b.state.current().duty.lastHandover?.incoming).toBe('duty-sun');
    const heldAt1 = (await a.journal.entriesAfter(0, 1))[0]!;

    // Another journal under A's console id, starting again at #1, published on A's subject.
    const { journal: other } = await openTestJournal({ consoleId: a.identity.consoleId, site: siteId });
    cleanups.push(() => other.close());
    // Longer than what B holds of A: without the witness, the entries past A's head would be stored and folded.
    for (let i = 0; i < 5; i++) await other.append({ kind: 'note', payload: { text: `other ${i}` } }, { actor: 'duty-liu' });
    await other.append(handover('op-he'), { actor: 'duty-liu' });
    const entries = await other.entriesAfter(0, 100);
    const nc = await connect({ servers: nats.url });
    cleanups.push(() => nc.close());
    const h = headers();
    h.set(JOURNAL_HEADERS.console, a.identity.consoleId);
    h.set(JOURNAL_HEADERS.mode, 'LIVE');
    h.set(JOURNAL_HEADERS.firstSeq, String(entries[0]!.seq));
    h.set(JOURNAL_HEADERS.lastSeq, String(entries.at(-1)!.seq));
    h.set(JOURNAL_HEADERS.count, String(entries.length));
    await jetstream(nc).publish(journalSubject(siteId, a.identity.consoleId, 'LIVE'), entries.map((e) => canonicalJson(e)).join('\n'), { headers: h });

    await waitFor(() => b.handlers.getPeers().then((p) => p.some((x) => x.divergence !== undefined)), 15_000, 'B to report A divergent');
    const peer = (await b.handlers.getPeers()).find((p) => p.console === a.identity.consoleId)!;
    expect(peer.divergence).toEqual({ seq: 1, heldHash: heldAt1.hash, receivedHash: entries[0]!.hash });
    expect(peer.problem).toContain('divergent');
    // Not folded: the officer on duty is still the one A's real journal names.
    expect(b.state.current().duty.lastHandover?.incoming).toBe('duty-sun');
    expect(entries.at(-1)!.seq).toBeGreaterThan(aHead + 1);
    expect((await b.handlers.getPeers()).find((p) => p.console === a.identity.consoleId)?.held).toBe(aHead);
    // Kept apart on disk, beside (not in) the peer copies.
    const apartFile = join(b.dataDir, 'peers', `divergent-${siteId}.jsonl`);
    expect(existsSync(apartFile)).toBe(true);
    const kept = readFileSync(apartFile, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { entry: { seq: number; hash: string } }).entry);
    expect(kept.map((e) => e.hash)).toEqual(entries.map((e) => e.hash));
  });
});

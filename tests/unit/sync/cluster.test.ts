import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core';
import { journalSubject } from '../../../electron/core/sync/subjects';
import { NatsServer } from '../../support/natsServer';
import { waitFor } from '../../support/relayRig';
import { startConsole } from '../../support/siteConsoles';
import { copyDemoSite } from '../../support/siteCopy';
import { readUpstream } from '../../support/upstream';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('a three-node nats-server cluster', () => {
  it('loses nothing when a node is killed during traffic', async () => {
    const nodes = await NatsServer.cluster(3);
    cleanups.push(() => Promise.all(nodes.map((n) => n.stop())).then(() => undefined));
    const site = copyDemoSite((s) => {
      s.bus = { servers: nodes.map((n) => n.url), replicas: 3 };
    });
    const consoles: Core[] = [];
    for (let i = 0; i < 2; i++) {
      const c = await startConsole(site);
      consoles.push(c);
      cleanups.push(() => c.close());
    }
    const [a, b] = consoles as [Core, Core];
    // Wait for the cluster to elect a JetStream leader and the relay to create the R3 stream.
    await waitFor(() => (a.relay?.status().lastAck?.seq ?? 0) >= 1, 60_000, 'the first entry upstream');

    for (let i = 0; i < 600; i++) {
      await a.journal.append({ kind: 'note', payload: { text: `traffic ${i}` } }, { actor: 'duty-liu' });
      if (i === 200) await nodes[1]?.stop('SIGKILL');
      if (i % 50 === 0) await new Promise((r) => setTimeout(r, 20));
    }
    const head = a.journal.status().headSeq;
    await waitFor(() => a.relay?.status().behind === 0 && (a.relay.status().lastAck?.seq ?? 0) >= head, 60_000, 'the relay to catch up on the surviving nodes');
    await waitFor(() => (b.state.snapshot().heads[a.identity.consoleId] ?? 0) >= head, 60_000, 'the other console to hold every entry');

    const survivor = nodes[0] as NatsServer;
    const upstream = await readUpstream(survivor.url, a.site.site.id, journalSubject(a.site.site.id, a.identity.consoleId, 'LIVE'));
    const seqs = upstream.entries.map((e) => e.seq);
    // Said in full when it fails: which entries are missing upstream, and which landed twice.
    const counts = new Map<number, number>();
    for (const q of seqs) counts.set(q, (counts.get(q) ?? 0) + 1);
    const missing = Array.from({ length: head }, (_, i) => i + 1).filter((q) => !counts.has(q));
    const twice = [...counts].filter(([, n]) => n > 1).map(([q]) => q);
    expect({ missing, twice, inOrder: seqs.every((q, i) => i === 0 || q > (seqs[i - 1] ?? 0)) }).toEqual({ missing: [], twice: [], inOrder: true });
    expect(seqs).toEqual(Array.from({ length: head }, (_, i) => i + 1));
  }, 180_000);
});

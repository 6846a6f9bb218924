import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { NatsLink } from '../../../electron/core/bus/natsLink';
import { systemClock } from '../../../electron/core/support/clock';
import { createMemoryLog } from '../../../electron/core/support/log';
import { StateService } from '../../../electron/core/state/stateService';
import { PeerReplicator } from '../../../electron/core/sync/peerReplicator';
import type { JournalEntry } from '../../../shared/journal/entry';
import { journalKinds, payloadProblem, type KindRegistry } from '../../../shared/journal/kinds';
import { alertById } from '../../../shared/state/alertsDomain';
import { openTestJournal } from '../../support/journal';
import { NatsServer } from '../../support/natsServer';
import { tempDir } from '../../support/paths';
import { startRelayFor, waitFor } from '../../support/relayRig';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const raised = (alertId: string) => ({ alertId, source: 'nats', type: 'intrusion', severity: 'red', cameras: ['perimeter-n'], occurredAt: 1_700_000_000_000, mode: 'LIVE' });

/** A peer whose journal takes any `alert.raised` payload (an older or broken console): its entries hash and chain correctly. */
const laxKinds: KindRegistry = { ...journalKinds, 'alert.raised': { ...journalKinds['alert.raised'], payload: z.unknown(), text: () => 'malformed' } };

describe('peer entries checked against their kind', () => {
  it('payloadProblem names the field of a payload that does not fit its kind', () => {
    expect(payloadProblem({ kind: 'alert.acknowledged', payload: { alertId: 'A1' } })).toBeUndefined();
    expect(payloadProblem({ kind: 'alert.acknowledged', payload: { alertId: { id: 'A1' } } })).toMatch(/^payload\.alertId: /);
    expect(payloadProblem({ kind: 'alert.nope', payload: {} })).toMatch(/unknown entry kind/);
  });

  it('on arrival: a peer entry whose payload does not fit is stored (chain whole), logged, named in the peer status and not folded; a restart leaves it out too', async () => {
    const server = await NatsServer.start();
    cleanups.push(() => server.stop());
    const b = await openTestJournal({ dataDir: tempDir('peer-b'), consoleId: 'c-testconsole2', kinds: laxKinds });
    cleanups.push(() => b.journal.close());
    await b.journal.append({ kind: 'alert.raised', payload: raised('P1') }, { actor: 'system', allowSystem: true });
    await b.journal.append({ kind: 'alert.raised', payload: { alertId: 'P2', severity: 'purple' } }, { actor: 'system', allowSystem: true });
    await b.journal.append({ kind: 'alert.acknowledged', payload: { alertId: 'P1' } }, { actor: 'op-b' });
    const relay = await startRelayFor(b.journal, server.url, 'test-site', 'c-testconsole2');
    cleanups.push(() => relay.stop());

    const a = await openTestJournal({ dataDir: tempDir('peer-a') });
    cleanups.push(() => a.journal.close());
    const log = createMemoryLog();
    const link = new NatsLink({ servers: [server.url], name: 'test replicator', clock: systemClock, random: Math.random, log });
    const state = new StateService('test-site');
    await state.load(a.journal);
    const handed: JournalEntry[] = [];
    const replicator = new PeerReplicator({
      journal: a.journal,
      link,
      site: 'test-site',
      consoleId: 'c-testconsole1',
      clock: systemClock,
      log,
      onEntries: (entries, more) => {
        handed.push(...entries);
        state.apply(entries, { more });
      },
    });
    await replicator.start();
    link.start();
    cleanups.push(async () => {
      replicator.stop();
      await link.close();
    });
    await waitFor(() => replicator.heldHeads().get('c-testconsole2') === 4, 15_000, 'the peer copy');

    // Stored whole: every entry of the peer (its segment entry, then ours), in its chain.
    expect((await a.journal.peerHeads('test-site')).find((h) => h.console === 'c-testconsole2')?.seq).toBe(4);
    // Not folded: the state never saw P2, and P1 is acknowledged.
    expect(handed.map((e) => e.seq)).toEqual([1, 2, 4]);
    expect(alertById(state.current().alerts, 'P2')).toBeUndefined();
    expect(alertById(state.current().alerts, 'P1')?.status).toBe('acknowledged');
    // Logged and shown in the peer's status.
    expect(log.records.some((r) => r.message === 'peer entry payload refused by its kind' && r.seq === 3)).toBe(true);
    expect(replicator.problemOf('c-testconsole2')).toMatch(/1 entry not folded.*#3 alert\.raised: payload\./);

    // A restart folds the peer copy from the files: the same entry is left out and named.
    const restarted = new StateService('test-site');
    await restarted.load(a.journal);
    expect(alertById(restarted.current().alerts, 'P2')).toBeUndefined();
    expect(alertById(restarted.current().alerts, 'P1')?.status).toBe('acknowledged');
    expect(restarted.current().alerts.raised).toBe(1);
    expect(restarted.peerProblem('c-testconsole2')).toMatch(/1 entry not folded.*#3 alert\.raised/);
    expect(restarted.peerProblem('c-testconsole1')).toBeUndefined();
  });
});

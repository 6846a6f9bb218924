import { generateKeyPairSync, createPublicKey, sign } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core';
import { accountSubject } from '../../../electron/core/access/accountSync';
import { canonicalJson } from '../../../shared/journal/canonical';
import { NatsServer } from '../../support/natsServer';
import { connectionTo, TEST_PASSWORD, TEST_PIN } from '../../support/operators';
import { waitFor } from '../../support/relayRig';
import { enrolledConsoleDir, siteOnBus, startConsole } from '../../support/siteConsoles';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function canSignIn(core: Core, accountId: string, password = TEST_PASSWORD): Promise<boolean> {
  return connectionTo(core)
    .handlers.signIn({ accountId, password, reason: 'test' })
    .then(
      () => true,
      () => false,
    );
}

describe('accounts shared by the site’s consoles (real nats-server, JetStream)', () => {
  it('an account enrolled, reset or disabled at one desk holds at the other, across a restart; a forged record is ignored; a new console waits for the site’s accounts', async () => {
    const nats = await NatsServer.start();
    cleanups.push(() => nats.stop());
    const dirA = enrolledConsoleDir('c-deskaaaaaaaa');
    const dirB = enrolledConsoleDir('c-deskbbbbbbbb');
    const dirC = enrolledConsoleDir('c-deskcccccccc');
    const site = siteOnBus([nats.url], [dirA, dirB, dirC]);
    const start = async (dataDir: string, accounts = true): Promise<Core> => {
      const core = await startConsole(site, 'desk', dataDir, undefined, { accounts });
      cleanups.push(() => core.close());
      return core;
    };
    const a = await start(dirA.dataDir);
    // B is closed and started again below: closed by hand.
    const b = await startConsole(site, 'desk', dirB.dataDir);

    const admin = connectionTo(a).handlers;
    await admin.signIn({ accountId: 'admin-it', password: TEST_PASSWORD, reason: 'test' });
    await admin.enrolAccount({ id: 'op-new', name: 'New operator', role: 'operator', password: 'a fine passphrase', pin: '582047' });
    await waitFor(() => canSignIn(b, 'op-new', 'a fine passphrase'), 15_000, 'the account enrolled at A to work at B');

    // Disabled at B while someone uses it at A: signed out at A at the next call.
    const atA = connectionTo(a).handlers;
    await atA.signIn({ accountId: 'op-new', password: 'a fine passphrase', reason: 'test' });
    const adminB = connectionTo(b).handlers;
    await adminB.signIn({ accountId: 'admin-it', password: TEST_PASSWORD, reason: 'test' });
    await adminB.setAccountDisabled({ id: 'op-new', disabled: true, reason: 'left the site' });
    await waitFor(() => a.access.accounts.get('op-new')?.disabled === true, 15_000, 'the disabling to reach A');
    await expect(atA.appendEntry({ kind: 'note', payload: { text: 'x' } })).rejects.toMatchObject({ code: 'forbidden' });

    // B is closed while A resets a PIN: B has it when it starts again.
    await b.close();
    await admin.resetAccount({ id: 'op-he', pin: '739154', reason: 'forgot the PIN' });
    const b2 = await start(dirB.dataDir);
    const atB = connectionTo(b2).handlers;
    await atB.signIn({ accountId: 'op-he', password: TEST_PASSWORD, reason: 'test' });
    await atB.lockSession();
    await waitFor(
      () =>
        atB.usePin({ accountId: 'op-he', pin: '739154' }).then(
          () => true,
          () => false,
        ),
      15_000,
      'the new PIN at the restarted desk B',
    );
    await expect(atB.lockSession().then(() => atB.usePin({ accountId: 'op-he', pin: TEST_PIN }))).rejects.toMatchObject({ code: 'unauthenticated' });

    // Someone with access to the bus but no enrolled console's key publishes an administrator: ignored everywhere.
    const { privateKey } = generateKeyPairSync('ed25519');
    const publicKey = createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('base64');
    const stolen = JSON.parse(JSON.stringify(a.access.accounts.records().find((r) => r.id === 'admin-it'))) as Record<string, unknown>;
    const forged = { ...stolen, id: 'intruder', name: 'Intruder', updatedAt: Date.now() + 1000 };
    const by = dirA.id;
    const signature = sign(null, Buffer.from(canonicalJson({ format: 'watchpost-account/1', site: a.site.site.id, by, account: forged }), 'utf8'), privateKey).toString('base64');
    const nc = await connect({ servers: nats.url });
    await jetstream(nc).publish(accountSubject(a.site.site.id, 'intruder'), JSON.stringify({ format: 'watchpost-account/1', site: a.site.site.id, by, publicKey, account: forged, signature }));
    await nc.close();

    // A new console of the site, no accounts of its own: it does not offer to set up a first administrator; it learns the site's.
    const c = await start(dirC.dataDir, false);
    await waitFor(() => canSignIn(c, 'admin-it'), 15_000, 'the site’s accounts at the new console C');
    expect((await connectionTo(c).handlers.getSession()).setupNeeded).toBe(false);
    for (const core of [a, b2, c]) expect(core.access.accounts.get('intruder')).toBeUndefined();
    expect(await canSignIn(c, 'intruder')).toBe(false);
  }, 120_000);
});

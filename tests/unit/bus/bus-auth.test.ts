import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nkeys } from '@nats-io/transport-node';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveBusConnection } from '../../../electron/core/bus/busOptions';
import { NatsLink, type LinkState } from '../../../electron/core/bus/natsLink';
import { systemClock } from '../../../electron/core/support/clock';
import { createMemoryLog } from '../../../electron/core/support/log';
import { BusSchema, type BusConfig } from '../../../shared/site/schema';
import { existsSync } from 'node:fs';
import { ConsoleError } from '../../../shared/errors';
import { loadSite } from '../../../electron/core/site/loadSite';
import { NatsServer } from '../../support/natsServer';
import { operatorSetup } from '../../support/natsJwt';
import { tempDir } from '../../support/paths';
import { copyDemoSite } from '../../support/siteCopy';
import { startConsole } from '../../support/siteConsoles';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function server(config: string): Promise<NatsServer> {
  const nats = await NatsServer.start({ config });
  cleanups.push(() => nats.stop());
  return nats;
}

/** A site folder holding the given files, and a data folder beside it. */
function folders(files: Record<string, string>): { siteDir: string; dataDir: string } {
  const siteDir = tempDir('bus-site');
  const dataDir = tempDir('bus-data');
  for (const [name, text] of Object.entries(files)) {
    const [dir, rel] = name.startsWith('data:') ? [dataDir, name.slice(5)] : [siteDir, name];
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return { siteDir, dataDir };
}

/** A link with the bus section as a site file gives it; resolves on the first state that is not 'connecting'. */
async function linkState(bus: Omit<BusConfig, 'replicas'>, dirs: { siteDir: string; dataDir: string }, want: LinkState['state']): Promise<LinkState> {
  const config = BusSchema.parse(bus);
  const link = new NatsLink({ servers: config.servers, connection: resolveBusConnection(config, dirs), name: 'test', clock: systemClock, random: () => 0.5, log: createMemoryLog() });
  cleanups.push(() => link.close());
  const reached = new Promise<LinkState>((resolve) => {
    link.onChange((s) => {
      if (s.state === want) resolve(s);
    });
  });
  link.start();
  return reached;
}

describe('the bus connection authenticates as nats-server asks', () => {
  it('user and password: the right password connects, a wrong one is an offline state naming the refusal', async () => {
    const nats = await server('authorization { users = [ { user: "desk", password: "s3cret-pass" } ] }');
    const good = folders({ 'secrets/desk.pass': 's3cret-pass\n' });
    expect((await linkState({ servers: [nats.url], user: { name: 'desk', passwordFile: 'secrets/desk.pass' } }, good, 'connected')).state).toBe('connected');
    const bad = folders({ 'secrets/desk.pass': 'wrong' });
    const refused = await linkState({ servers: [nats.url], user: { name: 'desk', passwordFile: 'secrets/desk.pass' } }, bad, 'offline');
    expect(refused.error).toMatch(/refused this console's credentials/);
    expect(refused.error).toMatch(/bus\.user/);
  });

  it('a token read from the data folder', async () => {
    const nats = await server('authorization { token: "t0ken-of-the-site" }');
    const dirs = folders({ 'data:bus/token': 't0ken-of-the-site' });
    expect((await linkState({ servers: [nats.url], tokenFile: 'data:bus/token' }, dirs, 'connected')).state).toBe('connected');
    const wrong = folders({ 'data:bus/token': 'guess' });
    expect((await linkState({ servers: [nats.url], tokenFile: 'data:bus/token' }, wrong, 'offline')).error).toMatch(/refused this console's credentials/);
  });

  it('a creds file (operator mode: user JWT signed by the site account, and its seed); a user of another operator is refused', async () => {
    const site = operatorSetup();
    const nats = await server(site.serverConfig);
    const dirs = folders({ 'data:bus/desk.creds': site.userCreds('desk-a') });
    expect((await linkState({ servers: [nats.url], credentials: 'data:bus/desk.creds' }, dirs, 'connected')).state).toBe('connected');
    const stranger = folders({ 'data:bus/desk.creds': operatorSetup().userCreds('rogue') });
    const refused = await linkState({ servers: [nats.url], credentials: 'data:bus/desk.creds' }, stranger, 'offline');
    expect(refused.error).toMatch(/refused this console's credentials/);
    expect(refused.error).toMatch(/bus\.credentials/);
  });

  it('an nkey user: the seed signs the server nonce; another seed is refused', async () => {
    const user = nkeys.createUser();
    const nats = await server(`authorization { users = [ { nkey: "${user.getPublicKey()}" } ] }`);
    const dirs = folders({ 'data:bus/desk.nk': new TextDecoder().decode(user.getSeed()) });
    expect((await linkState({ servers: [nats.url], nkeySeedFile: 'data:bus/desk.nk' }, dirs, 'connected')).state).toBe('connected');
    const other = folders({ 'data:bus/desk.nk': new TextDecoder().decode(nkeys.createUser().getSeed()) });
    expect((await linkState({ servers: [nats.url], nkeySeedFile: 'data:bus/desk.nk' }, other, 'offline')).error).toMatch(/refused this console's credentials/);
  });

  it('TLS with the site CA: a self-signed server certificate made by openssl', async () => {
    const dir = tempDir('bus-tls');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=watchpost-test-bus', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', join(dir, 'server.key'), '-out', join(dir, 'server.crt')], { stdio: 'ignore' });
    const nats = await server(`tls { cert_file: "${join(dir, 'server.crt')}", key_file: "${join(dir, 'server.key')}" }\nauthorization { token: "over-tls" }`);
    const { readFileSync } = await import('node:fs');
    const dirs = folders({ 'tls/ca.crt': readFileSync(join(dir, 'server.crt'), 'utf8'), 'secrets/token': 'over-tls' });
    expect((await linkState({ servers: [`tls://127.0.0.1:${nats.port}`], tokenFile: 'secrets/token', tls: { ca: 'tls/ca.crt' } }, dirs, 'connected')).state).toBe('connected');
    // Without the site's CA the server's certificate is not trusted: a state naming TLS, not a crash.
    const noCa = folders({ 'secrets/token': 'over-tls' });
    expect((await linkState({ servers: [`tls://127.0.0.1:${nats.port}`], tokenFile: 'secrets/token' }, noCa, 'offline')).error).toMatch(/TLS with the bus failed|certificate/i);
  });

  it('TLS with a client certificate the server verifies (mutual TLS), signed by the site CA', async () => {
    const dir = tempDir('bus-mtls');
    const at = (name: string): string => join(dir, name);
    const ssl = (...args: string[]): void => {
      execFileSync('openssl', args, { stdio: 'ignore' });
    };
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    ssl('req', '-x509', ...ec, '-days', '2', '-subj', '/CN=watchpost-test-ca', '-keyout', at('ca.key'), '-out', at('ca.crt'));
    for (const [name, san] of [['server', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], ['desk', 'subjectAltName=DNS:desk']] as const) {
      ssl('req', ...ec, '-subj', `/CN=${name}`, '-keyout', at(`${name}.key`), '-out', at(`${name}.csr`));
      writeFileSync(at(`${name}.ext`), `${san}\n`);
      ssl('x509', '-req', '-in', at(`${name}.csr`), '-CA', at('ca.crt'), '-CAkey', at('ca.key'), '-CAcreateserial', '-days', '2', '-extfile', at(`${name}.ext`), '-out', at(`${name}.crt`));
    }
    const nats = await server(`tls { cert_file: "${at('server.crt')}", key_file: "${at('server.key')}", ca_file: "${at('ca.crt')}", verify: true }`);
    const { readFileSync } = await import('node:fs');
    const files = { 'tls/ca.crt': readFileSync(at('ca.crt'), 'utf8'), 'data:tls/desk.crt': readFileSync(at('desk.crt'), 'utf8'), 'data:tls/desk.key': readFileSync(at('desk.key'), 'utf8') };
    const tls = { ca: 'tls/ca.crt', cert: 'data:tls/desk.crt', key: 'data:tls/desk.key' };
    expect((await linkState({ servers: [`tls://127.0.0.1:${nats.port}`], tls }, folders(files), 'connected')).state).toBe('connected');
    // Without a client certificate the server refuses the handshake: an offline state, not a crash.
    const refused = await linkState({ servers: [`tls://127.0.0.1:${nats.port}`], tls: { ca: 'tls/ca.crt' } }, folders(files), 'offline');
    expect(refused.error).toMatch(/did not answer in time.*bus\.tls\.cert/);
  });

  it('a missing secret file stops the start with the field named', () => {
    const dirs = folders({});
    const config = BusSchema.parse({ servers: ['nats://127.0.0.1:4222'], nkeySeedFile: 'data:bus/desk.nk' });
    expect(() => resolveBusConnection(config, dirs)).toThrow(/^bus\.nkeySeedFile: .*desk\.nk is not found$/);
    expect(() => resolveBusConnection(BusSchema.parse({ servers: ['nats://127.0.0.1:4222'], tls: { ca: 'ca.crt' } }), dirs)).toThrow(/^bus\.tls\.ca: /);
  });
});

describe('a plaintext bus off this machine', () => {
  const issues = (bus: unknown): string[] => {
    const r = BusSchema.safeParse(bus);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('is refused without credentials, naming the server, unless allowPlaintext says it is meant', () => {
    expect(issues({ servers: ['nats://10.1.2.3:4222'] })).toEqual([expect.stringMatching(/^servers\.0: nats:\/\/10\.1\.2\.3:4222 is a remote bus in plaintext with no credentials.*allowPlaintext/)]);
    expect(issues({ servers: ['nats://127.0.0.1:4222', 'nats://bus.site.example:4222'] })).toEqual([expect.stringMatching(/^servers\.1: /)]);
    expect(issues({ servers: ['nats://10.1.2.3:4222'], allowPlaintext: true })).toEqual([]);
  });

  it('loopback, TLS and credentials pass', () => {
    expect(issues({ servers: ['nats://127.0.0.1:4222', 'nats://localhost:4222', 'nats://[::1]:4222'] })).toEqual([]);
    expect(issues({ servers: ['tls://10.1.2.3:4222'] })).toEqual([]);
    expect(issues({ servers: ['nats://10.1.2.3:4222'], tls: { ca: 'ca.crt' } })).toEqual([]);
    expect(issues({ servers: ['nats://10.1.2.3:4222'], nkeySeedFile: 'data:desk.nk' })).toEqual([]);
  });

  it('one way to authenticate, and secret paths stay relative', () => {
    expect(issues({ servers: ['nats://127.0.0.1:4222'], tokenFile: 't', nkeySeedFile: 'n' })).toEqual([expect.stringMatching(/^nkeySeedFile: give one way/)]);
    expect(issues({ servers: ['nats://127.0.0.1:4222'], tokenFile: '/etc/token' })).toEqual([expect.stringMatching(/^tokenFile: must be a relative path/)]);
    expect(issues({ servers: ['nats://127.0.0.1:4222'], tokenFile: 'data:../x' })).toEqual([expect.stringMatching(/^tokenFile: must be a relative path/)]);
  });
});

describe('the site file', () => {
  it('with a remote plaintext bus and no credentials is refused at load, the server named', () => {
    const file = copyDemoSite((site) => {
      site.bus = { servers: ['nats://10.20.30.40:4222'] };
    });
    let err: unknown;
    try {
      loadSite(file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConsoleError);
    expect((err as ConsoleError).issues).toEqual([{ path: 'bus.servers[0]', message: expect.stringMatching(/remote bus in plaintext with no credentials.*allowPlaintext: true/) as unknown }]);
    const allowed = copyDemoSite((site) => {
      site.bus = { servers: ['nats://10.20.30.40:4222'], allowPlaintext: true };
    });
    expect(loadSite(allowed).site.bus?.allowPlaintext).toBe(true);
  });

  it('naming a secret file that is missing stops the console before its identity or journal is made', async () => {
    const file = copyDemoSite((site) => {
      site.bus = { servers: ['nats://127.0.0.1:4222'], user: { name: 'desk', passwordFile: 'secrets/desk.pass' } };
    });
    const dataDir = join(tempDir('bus-data'), 'data');
    await expect(startConsole(file, 'desk', dataDir)).rejects.toThrow(/^bus\.user\.passwordFile: .*secrets\/desk\.pass is not found$/);
    expect(existsSync(join(dataDir, 'console.json'))).toBe(false);
    expect(existsSync(join(dataDir, 'journal'))).toBe(false);
  });
});

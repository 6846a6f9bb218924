import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectionOptions } from '@nats-io/transport-node';
import { AuthorizationError, credsAuthenticator, nkeyAuthenticator, UserAuthenticationExpiredError } from '@nats-io/transport-node';
import { ConsoleError } from '../../../shared/errors';
import type { BusConfig } from '../../../shared/site/schema';

/** How the link authenticates and encrypts: what the site file's bus section resolves to, its files read. */
export type BusConnection = Pick<ConnectionOptions, 'user' | 'pass' | 'token' | 'authenticator' | 'tls'>;

/** A secret file's place: `data:` paths in the console's data folder, others in the site folder. */
export function secretPath(path: string, dirs: { siteDir: string; dataDir: string }): string {
  return path.startsWith('data:') ? join(dirs.dataDir, path.slice('data:'.length)) : join(dirs.siteDir, path);
}

/**
 * Reads the bus section's secret files once, at start, so a missing or
 * unreadable one stops the console with the field named (never a reconnect
 * loop that fails the same way every few seconds).
 */
export function resolveBusConnection(bus: BusConfig, dirs: { siteDir: string; dataDir: string }): BusConnection {
  const read = (field: string, path: string): Buffer => {
    const file = secretPath(path, dirs);
    try {
      return readFileSync(file);
    } catch (err) {
      const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : `unreadable (${(err as Error).message})`;
      const message = `bus.${field}: ${file} is ${why}`;
      throw new ConsoleError('invalid-site', message, [{ path: `bus.${field}`, message }]);
    }
  };
  const text = (field: string, path: string): string => {
    const value = read(field, path).toString('utf8').trim();
    if (value === '') {
      const message = `bus.${field}: ${secretPath(path, dirs)} is empty`;
      throw new ConsoleError('invalid-site', message, [{ path: `bus.${field}`, message }]);
    }
    return value;
  };
  const options: { -readonly [K in keyof BusConnection]: BusConnection[K] } = {};
  if (bus.credentials !== undefined) {
    const creds = read('credentials', bus.credentials);
    options.authenticator = credsAuthenticator(new Uint8Array(creds));
  } else if (bus.user !== undefined) {
    options.user = bus.user.name;
    options.pass = text('user.passwordFile', bus.user.passwordFile);
  } else if (bus.tokenFile !== undefined) {
    options.token = text('tokenFile', bus.tokenFile);
  } else if (bus.nkeySeedFile !== undefined) {
    const seed = text('nkeySeedFile', bus.nkeySeedFile);
    if (!/^SU[A-Z2-7]{56}$/.test(seed)) {
      const message = `bus.nkeySeedFile: ${secretPath(bus.nkeySeedFile, dirs)} does not hold an nkey user seed (a line starting "SU")`;
      throw new ConsoleError('invalid-site', message, [{ path: 'bus.nkeySeedFile', message }]);
    }
    options.authenticator = nkeyAuthenticator(new TextEncoder().encode(seed));
  }
  if (bus.tls !== undefined) {
    const tls: { ca?: string; cert?: string; key?: string } = {};
    if (bus.tls.ca !== undefined) tls.ca = read('tls.ca', bus.tls.ca).toString('utf8');
    if (bus.tls.cert !== undefined) tls.cert = read('tls.cert', bus.tls.cert).toString('utf8');
    if (bus.tls.key !== undefined) tls.key = read('tls.key', bus.tls.key).toString('utf8');
    options.tls = tls;
  }
  return options;
}

/** The bus's refusal in words an officer can act on (nats.js says "Authorization Violation"). */
export function describeBusError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const cause = err instanceof Error ? err.cause : undefined;
  const refused = [err, cause].some((e) => e instanceof AuthorizationError || e instanceof UserAuthenticationExpiredError);
  if (refused || /authorization violation/i.test(message)) {
    return `the bus refused this console's credentials (${message}): check bus.credentials, bus.user, bus.tokenFile or bus.nkeySeedFile in the site file`;
  }
  if (/certificate|self[- ]signed|tls|ssl|handshake/i.test(message)) return `TLS with the bus failed (${message}): check bus.tls and the server's certificate`;
  // nats.js says only "timeout" when nothing came back, a server that drops a TLS handshake (no client certificate) included.
  if (/^timeout$/i.test(message)) return 'the bus did not answer in time (timeout): check bus.servers, and bus.tls.cert and bus.tls.key if the server verifies clients';
  return message;
}

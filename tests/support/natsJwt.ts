import { createHash } from 'node:crypto';
import { nkeys } from '@nats-io/transport-node';

// NATS's decentralised auth (operator mode) for tests, made here with nkeys:
// an operator signs an account, the account signs a user, and the user's JWT
// and seed form the creds file a console is given. The server trusts the
// operator and holds the account in its memory resolver. (JWT v2: header
// {"typ":"JWT","alg":"ed25519-nkey"}, claims with a `nats` section, signed by
// the issuer's nkey; jti is the base32 SHA-256 of the claims without it.)
type KeyPair = ReturnType<typeof nkeys.createOperator>;

const b64url = (bytes: Uint8Array | string): string => Buffer.from(bytes).toString('base64url');

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

function jwt(issuer: KeyPair, subject: string, name: string, nats: Record<string, unknown>): string {
  const claims: Record<string, unknown> = { jti: '', iat: Math.floor(Date.now() / 1000), iss: issuer.getPublicKey(), name, sub: subject, nats: { ...nats, version: 2 } };
  claims.jti = base32(createHash('sha256').update(JSON.stringify(claims)).digest());
  const signing = `${b64url(JSON.stringify({ typ: 'JWT', alg: 'ed25519-nkey' }))}.${b64url(JSON.stringify(claims))}`;
  return `${signing}.${b64url(issuer.sign(new TextEncoder().encode(signing)))}`;
}

const UNLIMITED = { subs: -1, conn: -1, leaf: -1, imports: -1, exports: -1, data: -1, payload: -1, wildcards: true, mem_storage: -1, disk_storage: -1, streams: -1, consumer: -1 };

export interface OperatorSetup {
  /** The nats-server configuration: the operator, and the account in the memory resolver. */
  readonly serverConfig: string;
  /** A user of the account: the creds file's text. */
  userCreds(name: string): string;
}

export function operatorSetup(): OperatorSetup {
  const operator = nkeys.createOperator();
  const account = nkeys.createAccount();
  // JetStream in operator mode needs the server's own (system) account.
  const system = nkeys.createAccount();
  const operatorJwt = jwt(operator, operator.getPublicKey(), 'site-operator', { type: 'operator', system_account: system.getPublicKey() });
  const accountJwt = jwt(operator, account.getPublicKey(), 'site', { type: 'account', limits: UNLIMITED, default_permissions: { pub: {}, sub: {} } });
  const systemJwt = jwt(operator, system.getPublicKey(), 'SYS', { type: 'account', limits: { ...UNLIMITED, mem_storage: 0, disk_storage: 0, streams: 0, consumer: 0 }, default_permissions: { pub: {}, sub: {} } });
  return {
    serverConfig: `operator: ${operatorJwt}\nsystem_account: ${system.getPublicKey()}\nresolver: MEMORY\nresolver_preload: {\n  ${account.getPublicKey()}: ${accountJwt}\n  ${system.getPublicKey()}: ${systemJwt}\n}\n`,
    userCreds: (name) => {
      const user = nkeys.createUser();
      const userJwt = jwt(account, user.getPublicKey(), name, { type: 'user', pub: {}, sub: {}, subs: -1, data: -1, payload: -1 });
      const seed = new TextDecoder().decode(user.getSeed());
      return `-----BEGIN NATS USER JWT-----\n${userJwt}\n------END NATS USER JWT------\n\n-----BEGIN USER NKEY SEED-----\n${seed}\n------END USER NKEY SEED------\n`;
    },
  };
}

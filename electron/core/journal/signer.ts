import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConsoleError } from '../../../shared/errors';
import { writeFileAtomic } from '../support/atomicFile';

/**
 * The console's Ed25519 key for signing journal checkpoints, kept in the data
 * folder (PKCS#8 PEM, mode 0600). Created on first use; a damaged key file
 * stops the journal rather than silently signing with a new identity.
 */
export interface Signer {
  /** SubjectPublicKeyInfo DER, base64: recorded in every segment's first entry. */
  readonly publicKey: string;
  sign(statement: string): string;
}

export function loadOrCreateSigner(keyFile: string): Signer {
  if (existsSync(keyFile)) return signerFromPem(readFileSync(keyFile, 'utf8'), keyFile);
  mkdirSync(dirname(keyFile), { recursive: true, mode: 0o700 });
  const privateKey = generateKeyPairSync('ed25519').privateKey;
  writeFileAtomic(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'the journal signing key');
  return signerOf(privateKey);
}

/** A signer for a key loaded elsewhere (support/keyVault.ts: the OS keystore); `where` names it in errors. */
export function signerFromPem(pem: string, where: string): Signer {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch (err) {
    throw new ConsoleError('integrity', `journal signing key ${where} is unreadable (${(err as Error).message}); restore it from a backup`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new ConsoleError('integrity', `journal signing key ${where} is not an Ed25519 key`);
  return signerOf(privateKey);
}

function signerOf(privateKey: KeyObject): Signer {
  const publicKey = createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('base64');
  return {
    publicKey,
    sign: (statement) => sign(null, Buffer.from(statement, 'utf8'), privateKey).toString('base64'),
  };
}

export function verifySignature(publicKeyBase64: string, statement: string, signature: string): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKeyBase64, 'base64'), format: 'der', type: 'spki' });
    return verify(null, Buffer.from(statement, 'utf8'), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** A short, comparable name for a public key: "SHA256:" and the first 16 hex digits of the SPKI DER's digest. */
export function keyFingerprint(publicKeyBase64: string): string {
  return `SHA256:${createHash('sha256').update(Buffer.from(publicKeyBase64, 'base64')).digest('hex').slice(0, 16)}`;
}

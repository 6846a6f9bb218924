import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { z } from 'zod';
import { ConsoleError } from '../../../shared/errors';
import { isCommonPassword, isWeakPin } from './weakSecrets';

/**
 * Passwords and PINs are kept only as scrypt hashes (memory-hard), each with
 * its own salt and the parameters it was made with, so the cost can be raised
 * later without invalidating what is stored. The costs are chosen for a
 * control-room PC: a password check takes about a tenth to a fifth of a
 * second (npm run bench:operators, passwordVerifyMs), a PIN check, which is
 * short and repeated at the desk, well under a tenth. Hashing runs on libuv's
 * thread pool, never on the core's thread.
 */
export const PASSWORD_COST = { N: 2 ** 15, r: 8, p: 1 } as const;
export const PIN_COST = { N: 2 ** 13, r: 8, p: 2 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;

export const SecretHashSchema = z.strictObject({
  scheme: z.literal('scrypt'),
  N: z.number().int().positive(),
  r: z.number().int().positive(),
  p: z.number().int().positive(),
  salt: z.string().regex(/^[0-9a-f]+$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type SecretHash = z.infer<typeof SecretHashSchema>;

function derive(secret: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  // scrypt needs 128·N·r bytes (plus the p lanes' blocks): allow that and a margin, not Node's 32 MB default.
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(secret.normalize('NFC'), salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashSecret(secret: string, cost: { N: number; r: number; p: number }): Promise<SecretHash> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(secret, salt, cost);
  return { scheme: 'scrypt', ...cost, salt: salt.toString('hex'), hash: key.toString('hex') };
}

export async function verifySecret(secret: string, stored: SecretHash): Promise<boolean> {
  const key = await derive(secret, Buffer.from(stored.salt, 'hex'), stored);
  return timingSafeEqual(key, Buffer.from(stored.hash, 'hex'));
}

/**
 * A hash to check against when the account named does not exist, so a wrong
 * name costs the same time as a wrong password and the answer says nothing
 * about which names exist.
 */
let decoy: Promise<SecretHash> | undefined;
export function decoyHash(cost: { N: number; r: number; p: number }): Promise<SecretHash> {
  decoy ??= hashSecret(randomBytes(16).toString('hex'), cost);
  return decoy;
}

/** Refuses a password or PIN that is on the lists of common ones, or is the account's own id or name. */
export function checkNewSecrets(input: { id: string; name: string; password?: string | undefined; pin?: string | undefined }): void {
  if (input.password !== undefined) {
    const p = input.password.toLowerCase();
    if (isCommonPassword(p) || p.includes(input.id.toLowerCase()) || (input.name.length >= 3 && p.includes(input.name.toLowerCase()))) {
      throw new ConsoleError('invalid-argument', 'this password is too easy to guess: it is a common one or contains the account name', [
        { path: 'password', message: 'too easy to guess: a common password, or it contains the account id or name' },
      ]);
    }
  }
  if (input.pin !== undefined && isWeakPin(input.pin)) {
    throw new ConsoleError('invalid-argument', 'this PIN is too easy to guess (one digit repeated, a run like 123456, or a common PIN)', [
      { path: 'pin', message: 'too easy to guess: one digit repeated, a run like 123456, or a common PIN' },
    ]);
  }
}

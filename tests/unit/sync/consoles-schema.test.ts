import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EnrolledConsolesSchema } from '../../../shared/site/schema';

const key = (): string => createPublicKey(generateKeyPairSync('ed25519').privateKey).export({ type: 'spki', format: 'der' }).toString('base64');
const issues = (value: unknown): string[] => {
  const r = EnrolledConsolesSchema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('the site file’s consoles list', () => {
  it('takes console ids with their Ed25519 journal keys', () => {
    expect(issues([{ id: 'c-deskaaaaaaaa', name: 'Desk A', publicKey: key() }, { id: 'c-wallbbbbbbbb', publicKey: key() }])).toEqual([]);
  });

  it('names a bad id, a key that is not an Ed25519 SPKI and a console listed twice', () => {
    const rsa = createPublicKey(generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey).export({ type: 'spki', format: 'der' }).toString('base64');
    expect(issues([{ id: 'desk-a', publicKey: key() }])).toEqual([expect.stringMatching(/^0\.id: must be a console id/)]);
    expect(issues([{ id: 'c-deskaaaaaaaa', publicKey: rsa }])).toEqual([expect.stringMatching(/^0\.publicKey: must be an Ed25519 public key/)]);
    const k = key();
    expect(issues([{ id: 'c-deskaaaaaaaa', publicKey: k }, { id: 'c-deskaaaaaaaa', publicKey: k }])).toEqual(['1.id: console c-deskaaaaaaaa is listed twice']);
  });
});

import { createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConsoleEnrolment } from '../../../electron/core/sync/enrolment';
import { SignedCopies } from '../../../electron/core/sync/signedCopies';
import { checkpointStatement, GENESIS_HASH, type JournalEntry } from '../../../shared/journal/entry';
import { makeEntry } from '../../support/entries';

const SITE = 'test-site';
const A = 'c-deskaaaaaaaa';

function keyPair(): { publicKey: string; sign(seq: number, hash: string, consoleId?: string): string } {
  const { privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKey: createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('base64'),
    sign: (seq, hash, consoleId = A) => sign(null, Buffer.from(checkpointStatement(SITE, consoleId, seq, hash)), privateKey).toString('base64'),
  };
}

function chain(count: number, after = { seq: 0, hash: GENESIS_HASH }, text = 'note'): JournalEntry[] {
  const out: JournalEntry[] = [];
  let prev = after;
  for (let i = 0; i < count; i += 1) {
    const e = makeEntry({ site: SITE, console: A, seq: prev.seq + 1, prevHash: prev.hash, payload: { text: `${text} ${prev.seq + 1}` } });
    out.push(e);
    prev = { seq: e.seq, hash: e.hash };
  }
  return out;
}

describe('which consoles count', () => {
  it('no consoles list: every console counts on a loopback bus, none on a remote one; listed: only those', () => {
    expect(new ConsoleEnrolment({ id: SITE, bus: { servers: ['nats://127.0.0.1:4222'] } }).open).toBe(true);
    const remote = new ConsoleEnrolment({ id: SITE, bus: { servers: ['tls://bus.example:4222'] } });
    expect(remote.open).toBe(false);
    expect(remote.enrolled(A)).toBe(false);
    const listed = new ConsoleEnrolment({ id: SITE, consoles: [{ id: A, publicKey: keyPair().publicKey }], bus: { servers: ['nats://127.0.0.1:4222'] } });
    expect(listed.open).toBe(false);
    expect(listed.enrolled(A)).toBe(true);
    expect(listed.enrolled('c-other0000000')).toBe(false);
  });
});

describe('entries count once the enrolled key has signed a head that chains to them', () => {
  const key = keyPair();
  const enrolment = new ConsoleEnrolment({ id: SITE, consoles: [{ id: A, publicKey: key.publicKey }] });

  it('waits without a signature, stores the chain a seal covers, and leaves what lies after it waiting', () => {
    const copies = new SignedCopies(enrolment);
    const entries = chain(5);
    expect(copies.admit(A, true, entries, 7)).toEqual([]);
    expect(copies.settle(A, 0).ready).toEqual([]);
    expect(copies.unsigned(A)).toBe(5);
    const third = entries[2] as JournalEntry;
    expect(copies.seal(A, 3, third.hash, key.sign(3, third.hash))).toBe(true);
    const out = copies.settle(A, 0);
    expect(out.ready.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(copies.unsigned(A)).toBe(2);
    expect(copies.oldestStreamSeq()).toBe(7);
  });

  it('a journal.checkpoint in the chain, signed with the enrolled key, is a signed head', () => {
    const copies = new SignedCopies(enrolment);
    const entries = chain(3);
    const head = entries[2] as JournalEntry;
    const cp = makeEntry({ site: SITE, console: A, seq: 4, prevHash: head.hash, kind: 'journal.checkpoint', payload: { upToSeq: 3, headHash: head.hash, signature: key.sign(3, head.hash) } });
    copies.admit(A, true, [...entries, cp], 1);
    expect(copies.settle(A, 0).ready.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(copies.unsigned(A)).toBe(1);
  });

  it('ignores a seal or checkpoint from another key; keeps apart what a signed head proves forged, and bad hashes', () => {
    const copies = new SignedCopies(enrolment);
    const genuine = chain(2);
    const forged = chain(1, { seq: 1, hash: (genuine[0] as JournalEntry).hash }, 'forged');
    const rogue = keyPair();
    const forgedHead = forged[0] as JournalEntry;
    expect(copies.seal(A, 2, forgedHead.hash, rogue.sign(2, forgedHead.hash))).toBe(false);
    const tampered = { ...(genuine[1] as JournalEntry), payload: { text: 'changed' } };
    expect(copies.admit(A, true, [tampered], 1).map((k) => k.reason)).toEqual(['content does not match its hash']);
    copies.admit(A, true, forged, 2);
    copies.admit(A, true, genuine, 3);
    expect(copies.settle(A, 0).ready).toEqual([]);
    const head = genuine[1] as JournalEntry;
    expect(copies.seal(A, 2, head.hash, key.sign(2, head.hash))).toBe(true);
    const out = copies.settle(A, 0);
    expect(out.ready.map((e) => e.hash)).toEqual(genuine.map((e) => e.hash));
    expect(out.kept.map((k) => [k.entry.hash, k.reason])).toEqual([[forgedHead.hash, 'not signed by the enrolled key: differs from #2 that console signed']]);
    expect(copies.unsigned(A)).toBe(0);
    expect(copies.oldestStreamSeq()).toBeUndefined();
  });

  it('an id not enrolled, or entries on another console’s subject, are kept apart at once', () => {
    const copies = new SignedCopies(enrolment);
    const other = makeEntry({ site: SITE, console: 'c-rogue0000001', seq: 1 });
    expect(copies.admit('c-rogue0000001', true, [other], 1).map((k) => k.reason)).toEqual(['not a console this site has enrolled']);
    expect(copies.admit(A, false, chain(1), 2).map((k) => k.reason)).toEqual(["published on another console's subject"]);
  });
});

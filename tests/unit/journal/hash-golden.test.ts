import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../shared/journal/canonical';
import { checkpointStatement, GENESIS_HASH, hashHeader, hashInput } from '../../../shared/journal/entry';
import { checkRow, createEntryHasher, entryHash } from '../../../electron/core/journal/chain';
import { loadOrCreateSigner, verifySignature } from '../../../electron/core/journal/signer';
import { tempDir } from '../../support/paths';

// The on-disk format, pinned. Every journal already written carries these
// hashes and signatures: a change to the field order, the quoting, the
// canonical JSON or the checkpoint statement breaks every one of them while
// every other test (which computes both sides with the same code) still
// passes. The literals were computed once from the code as it stood; if this
// test fails, the change needs a new format version and a migration, not new
// literals.

const first = {
  seq: 1,
  id: '0190a000-0000-7000-8000-000000000001',
  site: 'harbour-hotel',
  console: 'c-desk0001',
  kind: 'note',
  occurredAt: 1_764_000_000_000,
  hlc: '001764000000000.000000',
  actor: 'duty-liu',
  mode: 'LIVE' as const,
  ref: null,
  prevHash: GENESIS_HASH,
};
const firstPayload = { text: '东门巡查完毕 "ok"', tags: ['a', 'b'], n: 1.5 };
const FIRST_PAYLOAD_TEXT = '{"n":1.5,"tags":["a","b"],"text":"东门巡查完毕 \\"ok\\""}';
const FIRST_HASH = '263c4e088771240b3514fcb89c9c214bcde68a7a59b8620a0b8383a11af45f4a';

const second = {
  seq: 2,
  id: '0190a000-0000-7000-8000-000000000002',
  site: 'harbour-hotel',
  console: 'c-desk0001',
  kind: 'alert.acknowledged',
  occurredAt: 1_764_000_001_234,
  hlc: '001764000001234.000003',
  actor: 'op "he"',
  mode: 'DRILL' as const,
  ref: first.id,
  prevHash: FIRST_HASH,
};
const secondPayload = { z: null, alertId: 'A-1', nested: { b: 2, a: [true, false] } };
const SECOND_PAYLOAD_TEXT = '{"alertId":"A-1","nested":{"a":[true,false],"b":2},"z":null}';
const SECOND_HEADER =
  'watchpost-entry-v1[2,"0190a000-0000-7000-8000-000000000002","harbour-hotel","c-desk0001","alert.acknowledged",1764000001234,' +
  '"001764000001234.000003","op \\"he\\"","DRILL","0190a000-0000-7000-8000-000000000001",' +
  '"263c4e088771240b3514fcb89c9c214bcde68a7a59b8620a0b8383a11af45f4a"]\n';
const SECOND_HASH = '4b5124e3aa289b1bc0f580c3edf9a34a37635e80fa1b8be90ac1cb4ffa218536';

// A fixed Ed25519 key made for this test only (it signs nothing real). Ed25519 signatures are deterministic.
const TEST_KEY_PEM = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIK1Opp6hLhNrmTURxLlR/BLWBKSWjaW/D7uotBDeFoIn\n-----END PRIVATE KEY-----\n';
const TEST_PUBLIC_KEY = 'MCowBQYDK2VwAyEAmWIcxxgIVGYZccM8bjGB7Mx9pKQ4wHKTTgrDWt2lR0g=';
const STATEMENT = 'watchpost-checkpoint-v1|harbour-hotel|c-desk0001|2|4b5124e3aa289b1bc0f580c3edf9a34a37635e80fa1b8be90ac1cb4ffa218536';
const SIGNATURE = 'Zr4CaW/m2bEz3yiA/jKv5HR6SdnNfsrdTE3TVnP6RheoTmf5eBEzmMjD0g5nftSibRMiM/I2RyQZVZr9OdToAQ==';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

describe('journal format v1, pinned', () => {
  it('stores payloads as canonical JSON', () => {
    expect(canonicalJson(firstPayload)).toBe(FIRST_PAYLOAD_TEXT);
    expect(canonicalJson(secondPayload)).toBe(SECOND_PAYLOAD_TEXT);
  });

  it('hashes the fields in their fixed order, then the stored payload', () => {
    expect(hashHeader(second)).toBe(SECOND_HEADER);
    expect(hashInput(second, SECOND_PAYLOAD_TEXT)).toBe(SECOND_HEADER + SECOND_PAYLOAD_TEXT);
    expect(sha256(hashInput(first, FIRST_PAYLOAD_TEXT))).toBe(FIRST_HASH);
    expect(sha256(hashInput(second, SECOND_PAYLOAD_TEXT))).toBe(SECOND_HASH);
  });

  it('gives the same hashes through the verifier and the writer', () => {
    expect(entryHash(first, FIRST_PAYLOAD_TEXT)).toBe(FIRST_HASH);
    expect(entryHash(second, SECOND_PAYLOAD_TEXT)).toBe(SECOND_HASH);
    // The writer's hasher caches the quoted site, console, kind and actor: its bytes must be the same.
    const writer = createEntryHasher('harbour-hotel', 'c-desk0001');
    expect(writer(first, FIRST_PAYLOAD_TEXT)).toBe(FIRST_HASH);
    expect(writer(second, SECOND_PAYLOAD_TEXT)).toBe(SECOND_HASH);
    expect(writer(second, SECOND_PAYLOAD_TEXT)).toBe(SECOND_HASH); // again, from its cache
    const row = (e: typeof first | typeof second, payload: string, hash: string) => ({
      seq: e.seq,
      id: e.id,
      site: e.site,
      console: e.console,
      kind: e.kind,
      occurred_at: e.occurredAt,
      hlc: e.hlc,
      actor: e.actor,
      mode: e.mode,
      ref: e.ref,
      payload,
      prev_hash: e.prevHash,
      hash,
    });
    const firstRow = row(first, FIRST_PAYLOAD_TEXT, FIRST_HASH);
    expect(checkRow(firstRow, undefined)).toBeUndefined();
    expect(checkRow(row(second, SECOND_PAYLOAD_TEXT, SECOND_HASH), firstRow)).toBeUndefined();
  });

  it('signs the checkpoint statement in its fixed form', () => {
    expect(checkpointStatement('harbour-hotel', 'c-desk0001', 2, SECOND_HASH)).toBe(STATEMENT);
    const keyFile = join(tempDir('golden-key'), 'journal-key.pem');
    writeFileSync(keyFile, TEST_KEY_PEM);
    const signer = loadOrCreateSigner(keyFile);
    expect(signer.publicKey).toBe(TEST_PUBLIC_KEY);
    expect(signer.sign(STATEMENT)).toBe(SIGNATURE);
    expect(verifySignature(TEST_PUBLIC_KEY, STATEMENT, SIGNATURE)).toBe(true);
  });
});

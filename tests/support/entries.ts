import { createHash } from 'node:crypto';
import { canonicalJson } from '../../shared/journal/canonical';
import { GENESIS_HASH, hashInput, type JournalEntry } from '../../shared/journal/entry';
import { encodeHlc } from '../../shared/journal/hlc';

/** Sequence numbers of entries made without one: 1, 2, 3… per test file. */
let made = 0;

/**
 * One journal entry for tests that fold or show entries without a journal:
 * a valid `JournalEntry` (it passes JournalEntrySchema) from defaults and
 * `overrides`. Without overrides it is a LIVE note by "system" on
 * test-site/c-testconsole1; `seq` counts up from 1 per test file; `id`
 * (UUIDv7 form), `hlc` (from `occurredAt`) and `hash` (over the final
 * fields and the payload's canonical JSON) follow the other fields unless
 * given. `prevHash` is the genesis hash: entries made here do not chain.
 */
export function makeEntry(overrides: Partial<JournalEntry> = {}): JournalEntry {
  made += 1;
  const seq = overrides.seq ?? made;
  const occurredAt = overrides.occurredAt ?? 1_764_000_000_000 + seq * 1000;
  const fields = {
    seq,
    id: overrides.id ?? `0190a000-0000-7000-8000-${String(made).padStart(12, '0')}`,
    site: 'test-site',
    console: 'c-testconsole1',
    kind: 'note',
    occurredAt,
    hlc: encodeHlc({ wall: occurredAt, counter: 0 }),
    actor: 'system',
    mode: 'LIVE' as const,
    ref: null,
    prevHash: GENESIS_HASH,
    ...withoutPayloadAndHash(overrides),
  };
  const payload = 'payload' in overrides ? overrides.payload : { text: `note ${seq}` };
  const hash = overrides.hash ?? createHash('sha256').update(hashInput(fields, canonicalJson(payload)), 'utf8').digest('hex');
  return { ...fields, payload, hash };
}

function withoutPayloadAndHash(overrides: Partial<JournalEntry>): Partial<Omit<JournalEntry, 'payload' | 'hash'>> {
  const { payload: _payload, hash: _hash, ...rest } = overrides;
  return rest;
}

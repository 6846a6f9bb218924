import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../shared/journal/canonical';
import { JournalEntrySchema } from '../../../shared/journal/entry';
import { entryHash } from '../../../electron/core/journal/chain';
import { makeEntry } from '../../support/entries';

describe('the tests’ entry builder', () => {
  it('makes valid entries whose hash covers their fields, with overrides', () => {
    const a = makeEntry();
    const b = makeEntry({ kind: 'alert.raised', payload: { alertId: 'A1' }, occurredAt: 1_764_000_123_000, mode: 'DRILL', ref: a.id });
    for (const e of [a, b]) {
      expect(JournalEntrySchema.safeParse(e).success).toBe(true);
      const { payload, hash, ...fields } = e;
      expect(hash).toBe(entryHash(fields, canonicalJson(payload)));
    }
    expect(b.seq).toBe(a.seq + 1);
    expect(b.id).not.toBe(a.id);
    expect(b.hlc).toBe('001764000123000.000000');
    expect(makeEntry({ hash: 'f'.repeat(64) }).hash).toBe('f'.repeat(64));
  });
});

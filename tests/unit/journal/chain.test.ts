import { describe, expect, it } from 'vitest';
import { createEntryHasher, entryHash } from '../../../electron/core/journal/chain';
import { canonicalJson } from '../../../shared/journal/canonical';
import { ftsQuery, spaceCjk } from '../../../shared/journal/searchText';
import { uuid7, UUID7_PATTERN } from '../../../shared/journal/uuid7';

describe('entry hashing', () => {
  it('the writer hasher (with its caches) gives exactly the reference hash', () => {
    const hasher = createEntryHasher('demo-site', 'c-abc');
    const base = { seq: 7, id: '0190a5d0-ac96-774b-bcce-b302099a8057', site: 'demo-site', console: 'c-abc', kind: 'note', occurredAt: 1763800000000, hlc: '001763800000000.000001', mode: 'LIVE' as const, prevHash: 'ab'.repeat(32) };
    for (const extra of [{ actor: 'duty-liu', ref: null }, { actor: '刘"洋\n', ref: '0190a5d0-ac96-774b-bcce-b302099a8058' }]) {
      const fields = { ...base, ...extra };
      expect(hasher(fields, '{"text":"x"}')).toBe(entryHash(fields, '{"text":"x"}'));
      expect(hasher(fields, '{"text":"x"}')).toBe(hasher(fields, '{"text":"x"}'));
    }
    const foreign = { ...base, site: 'other', actor: 'a', ref: null };
    expect(hasher(foreign, '{}')).toBe(entryHash(foreign, '{}'));
  });
});

describe('canonical JSON', () => {
  it('sorts keys, drops undefined, and refuses what JSON cannot carry', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: undefined, d: { z: -0, y: 1.5 } })).toBe('{"a":[true,null,"x"],"b":1,"d":{"y":1.5,"z":0}}');
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/finite/);
    expect(() => canonicalJson({ a: new Date(0) })).toThrow(/plain objects/);
    expect(() => canonicalJson({ a: () => 1 })).toThrow(/function/);
  });
});

describe('search text', () => {
  it('spaces Chinese characters so single words match inside sentences', () => {
    expect(spaceCjk('北侧围墙有人翻越 gate 2')).toBe('北 侧 围 墙 有 人 翻 越 gate 2');
    expect(spaceCjk('  hello   world  ')).toBe('hello world');
    expect(spaceCjk('A区围墙B')).toBe('A 区 围 墙 B');
    expect(ftsQuery('围墙 "gate"')).toBe('"围 墙" AND """gate"""');
    expect(ftsQuery('   ')).toBeUndefined();
  });
});

describe('UUIDv7', () => {
  it('encodes the time first and the version and variant bits', () => {
    const random = new Uint8Array([255, 255, 255, 255, 255, 255, 255, 255, 255, 255]);
    const ms = Date.UTC(2026, 10, 22);
    const id = uuid7(ms, random);
    expect(id).toMatch(UUID7_PATTERN);
    const hex = ms.toString(16).padStart(12, '0');
    expect(id.slice(0, 13)).toBe(`${hex.slice(0, 8)}-${hex.slice(8)}`);
    expect(id.slice(13)).toBe('-7fff-bfff-ffffffffffff');
    expect(uuid7(1, new Uint8Array(10)) < uuid7(2, new Uint8Array(10))).toBe(true);
  });
});

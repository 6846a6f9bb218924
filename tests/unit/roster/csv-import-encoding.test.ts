import { describe, expect, it } from 'vitest';
import { decodeCsvBytes } from '../../../renderer/features/roster/csvEncoding';
import { rosterChanges } from '../../../shared/roster/importChanges';
import { PersonSchema, type Person } from '../../../shared/site/roster';

// Issue 17: the console's own CSV saved by Excel on Chinese Windows (GBK) imported every Chinese name as "����".
const hex = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h, 'hex'));
const header = Buffer.from('id,name_zh\r\nduty-liu,', 'utf8').toString('hex');

describe('roster CSV encodings', () => {
  it('reads UTF-8 with and without a byte-order mark', () => {
    expect(decodeCsvBytes(new TextEncoder().encode('id,name_zh\r\nduty-liu,刘洋'))).toEqual({ ok: true, text: 'id,name_zh\r\nduty-liu,刘洋', encoding: 'utf-8' });
    expect(decodeCsvBytes(hex(`efbbbf${header}e58898e6b48b`))).toEqual({ ok: true, text: 'id,name_zh\r\nduty-liu,刘洋', encoding: 'utf-8-bom' });
  });

  it('reads GBK (what Excel saves on Chinese Windows) as GB18030 and says so', () => {
    // 刘洋 in GBK: c1f5 d1f3.
    expect(decodeCsvBytes(hex(`${header}c1f5d1f3`))).toEqual({ ok: true, text: 'id,name_zh\r\nduty-liu,刘洋', encoding: 'gb18030' });
  });

  it('reads UTF-16 with its byte-order mark ("Unicode text")', () => {
    const body = Buffer.from('id,name_zh\r\nduty-liu,刘洋', 'utf16le');
    expect(decodeCsvBytes(Uint8Array.from(Buffer.concat([Buffer.from([0xff, 0xfe]), body])))).toEqual({ ok: true, text: 'id,name_zh\r\nduty-liu,刘洋', encoding: 'utf-16le' });
  });

  it('refuses bytes that are no text it knows, with what to do', () => {
    const result = decodeCsvBytes(hex('efbbbf' + 'ff'));
    expect(result.ok).toBe(false);
    const binary = decodeCsvBytes(hex('80ff80ff'));
    expect(binary).toEqual({ ok: false, message: expect.stringContaining('CSV UTF-8') });
  });
});

describe('what an import would change', () => {
  const person = (id: string, zh: string): Person =>
    PersonSchema.parse({ id, name: { 'zh-CN': zh }, role: 'zone-warden', ladder: [{ method: 'runner', rank: 'primary', post: { 'zh-CN': '一号门' } }] });
  it('lists people added, removed and changed by id, and counts the rest', () => {
    const before = [person('a', '甲'), person('b', '乙'), person('c', '丙')];
    const after = [person('a', '甲'), person('b', '乙二'), person('d', '丁')];
    expect(rosterChanges(before, after)).toEqual({ added: ['d'], removed: ['c'], changed: ['b'], unchanged: 1 });
  });
});

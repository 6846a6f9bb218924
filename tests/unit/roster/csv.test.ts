import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportRosterCsv, importRosterCsv, parseCsv } from '../../../shared/roster/csv';
import { SiteFileSchema } from '../../../shared/site/schema';
import { PersonSchema, type Person } from '../../../shared/site/roster';
import { demoSiteFile } from '../../support/paths';

const site = SiteFileSchema.parse(JSON.parse(readFileSync(demoSiteFile, 'utf8')));

describe('roster CSV', () => {
  it('round-trips the demo roster, satellite numbers and runner posts included', () => {
    const csv = exportRosterCsv(site.roster.people);
    const back = importRosterCsv(csv, site.roster);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.people).toEqual(site.roster.people.map((p) => ({ ...p, ladder: [...p.ladder].sort((a, b) => ['primary', 'alternate', 'contingency', 'emergency'].indexOf(a.rank) - ['primary', 'alternate', 'contingency', 'emergency'].indexOf(b.rank)) })));
    expect(csv).toContain('+8816314412345');
    expect(csv).toContain('+88216555000111');
  });

  it('parses quotes, commas, line breaks in fields, CRLF and a BOM', () => {
    const rows = parseCsv('\uFEFFa,b\r\n"x, y","say ""hi""\nthere"\r\n\r\nlast,');
    expect(rows).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, y', 'say "hi"\nthere'] },
      { line: 5, cells: ['last', ''] },
    ]);
  });

  it('names missing columns and refuses an empty file', () => {
    expect(importRosterCsv('', site.roster)).toEqual({ ok: false, errors: [{ line: 0, field: 'file', message: 'the file is empty' }] });
    const r = importRosterCsv('id,name_en\np1,P', site.roster);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field)).toContain('method');
  });

  it('checks the rest of the site roster still names people in the file', () => {
    const csv = exportRosterCsv(site.roster.people.filter((p) => p.id !== 'warden-li' && p.id !== 'op-he'));
    const r = importRosterCsv(csv, site.roster);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const fields = r.errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['crews.a', 'checks.wardens', 'equipment.radio-06']));
    expect(r.errors.find((e) => e.field === 'backup')?.message).toBe('unknown person "warden-li"');
  });

  describe('formula injection', () => {
    const person = (number: string, name = 'Ops'): Person =>
      PersonSchema.parse({ id: 'p1', name, role: 'security', ladder: [{ method: 'mobile', rank: 'primary', number }] });
    const noChecks = { crews: [], equipment: [], checks: [] };

    it.each(['=HYPERLINK("http://x","y")', '+SUM(1,2)', '-2+3', '@SUM(A1)', '\tcmd', "'=already quoted", "''two quotes", "'plain quote"])('neutralises %j on export and gets it back on import', (name) => {
      const csv = exportRosterCsv([person('13800001111', name)]);
      const cell = parseCsv(csv)[1]?.cells[1] ?? '';
      expect(/^[=+\-@\t\r]/.test(cell)).toBe(false);
      const back = importRosterCsv(csv, noChecks);
      expect(back.ok && back.people[0]?.name).toEqual({ en: name.trim() });
      expect(back.ok && back.warnings).toEqual([]);
    });

    it('round-trips a satellite number starting with + (the quote goes, the number stays)', () => {
      const csv = exportRosterCsv([person('+8816314412345')]);
      expect(csv).toContain("'+8816314412345");
      const back = importRosterCsv(csv, noChecks);
      expect(back.ok).toBe(true);
      if (!back.ok) return;
      expect(back.people[0]?.ladder[0]).toMatchObject({ number: '+8816314412345' });
      expect(back.warnings).toEqual([]);
    });

    it('warns about formula cells in a file it did not write, but not about plain signed numbers', () => {
      const header = 'id,name_en,name_zh,role,group,supervisor,backup,rank,method,call_sign,channel,talkgroup,radio_id,number,network,post_en,post_zh,device';
      const csv = `${header}\np1,=cmd|' /C calc'!A0,,security,,,,primary,mobile,,,,,+8613800001111,,,,\n`;
      const back = importRosterCsv(csv, noChecks);
      expect(back.ok).toBe(true);
      if (!back.ok) return;
      expect(back.warnings).toEqual([{ line: 2, field: 'name_en', message: expect.stringContaining('formula') as string }]);
    });
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportRosterCsv, importRosterCsv, parseCsv } from '../../../shared/roster/csv';
import { SiteFileSchema } from '../../../shared/site/schema';
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
});

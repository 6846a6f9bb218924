import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { translate } from '../../../shared/i18n';
import { SiteFileSchema } from '../../../shared/site/schema';
import { entrySummary, summaryContext } from '../../../shared/journal/summary';
import { recipients } from '../../../renderer/features/alerts/recipients';
import { makeEntry } from '../../support/entries';
import { demoSiteFile } from '../../support/paths';

// Pickers, not free text (issue 16): who an alarm is assigned, dispatched or reported to.

const site = SiteFileSchema.parse(JSON.parse(readFileSync(demoSiteFile, 'utf8')));
const t = (key: Parameters<typeof translate>[1]) => translate('zh-CN', key);

describe('who an alarm can go to', () => {
  it('offers the people on duty first, then the working groups, then everyone else; a report offers the external contacts and liaison first', () => {
    const assign = recipients('assign', site.roster, ['duty-liu', 'op-he', 'no-such'], 'zh-CN', t);
    expect(assign.slice(0, 2).map((r) => [r.section, r.id])).toEqual([
      ['duty', 'duty-liu'],
      ['duty', 'op-he'],
    ]);
    const teams = assign.filter((r) => r.section === 'groups');
    expect(teams.map((r) => r.id)).toContain('group:rapid-response');
    expect(teams.find((r) => r.id === 'group:rapid-response')?.name).toBe('应急处突组');
    // Nobody twice, and nobody who is not on the roster.
    expect(new Set(assign.map((r) => r.id)).size).toBe(assign.length);
    expect(assign.some((r) => r.id === 'no-such')).toBe(false);
    expect(assign.filter((r) => r.section === 'everyone').length).toBe(site.roster.people.length - 2);

    const report = recipients('report', site.roster, ['duty-liu'], 'en', t);
    expect(report.map((r) => r.id).slice(0, 3)).toEqual(['police', 'fire', 'ems']);
    expect(report.map((r) => r.id)).toContain('liaison-zhou');
    expect(recipients('assign', undefined, [], 'en', t)).toEqual([]);
  });

  it('a group an alarm went to reads as the group in the record', () => {
    const entry = makeEntry({ kind: 'alert.assigned', payload: { alertId: 'a-1', to: 'group:rapid-response' } });
    expect(entrySummary(entry, summaryContext({ site }, 'zh-CN'))).toContain('应急处突组');
    expect(entrySummary(entry, summaryContext({ site }, 'en'))).toContain('Rapid-response group');
  });
});

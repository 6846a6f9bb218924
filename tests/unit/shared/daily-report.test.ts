import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../shared/journal/entry';
import { isZeroReport, renderDailyReport } from '../../../shared/reports/dailyReport';
import { dateIn, dayRange } from '../../../shared/time/zonedDay';
import { makeEntry } from '../../support/entries';

const entry = (seq: number, kind: string, payload: unknown, mode: 'LIVE' | 'DRILL' = 'LIVE'): JournalEntry =>
  makeEntry({ seq, kind, occurredAt: Date.UTC(2026, 10, 21, 2, seq), actor: 'duty-liu', mode, payload });

const base = { siteName: '港湾酒店', date: '2026-11-21', timeZone: 'Asia/Shanghai', consoleId: 'c-1', generatedAt: 0, names: { 'duty-liu': '刘洋' } };

describe('daily duty report', () => {
  it('is a zero report (零报告) when nothing happened, drills aside', () => {
    const entries = [entry(1, 'note', { text: '例行巡查' }), entry(2, 'alert.raised', { type: 'fire' }, 'DRILL'), entry(3, 'patrol', { route: 'N', finding: 'normal', text: 'ok' })];
    expect(isZeroReport(entries)).toBe(true);
    const html = renderDailyReport({ ...base, entries }, 'zh-CN');
    expect(html).toContain('零报告：当日无事件记录。');
    expect(html).toContain('刘洋');
    expect(html).toContain('1 条演练记录');
  });

  it('lists incidents and escapes what officers typed', () => {
    const entries = [entry(1, 'patrol', { route: 'East fence', finding: 'issue', text: 'mesh cut <b>here</b>' })];
    expect(isZeroReport(entries)).toBe(false);
    const html = renderDailyReport({ ...base, entries }, 'en');
    expect(html).not.toContain('Zero report');
    expect(html).toContain('mesh cut &lt;b&gt;here&lt;/b&gt;');
  });

  it('finds day boundaries in the site time zone', () => {
    expect(dayRange('2026-11-21', 'Asia/Shanghai')).toEqual({ from: Date.UTC(2026, 10, 20, 16), to: Date.UTC(2026, 10, 21, 16) });
    expect(dateIn(Date.UTC(2026, 10, 20, 17), 'Asia/Shanghai')).toBe('2026-11-21');
    // A DST change: New York's 2026-03-08 is 23 hours long.
    const { from, to } = dayRange('2026-03-08', 'America/New_York');
    expect((to - from) / 3_600_000).toBe(23);
  });
});

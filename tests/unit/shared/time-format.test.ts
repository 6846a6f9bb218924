import { describe, expect, it } from 'vitest';
import { fileStamp, formatCountdown, formatDuration, formatInstant, fromZonedInput, isTimeZone, toZonedInput, zonedIso } from '../../../shared/time/format';

// Issue 17: one clock. These run in whatever zone the test machine has (CI is UTC);
// every answer must be the site's (Asia/Shanghai, UTC+8; America/New_York across DST), never the PC's.
const shanghai = { timeZone: 'Asia/Shanghai' } as const;
const at = Date.UTC(2026, 11, 1, 18, 45, 19); // 2026-12-02 02:45:19 in Shanghai

describe('shared/time/format: the one clock', () => {
  it('shows instants in the site zone, in the app language', () => {
    expect(formatInstant(at, { locale: 'en', ...shanghai }, 'time')).toBe('02:45:19');
    expect(formatInstant(at, { locale: 'zh-CN', ...shanghai }, 'time')).toBe('02:45:19');
    expect(formatInstant(at, { locale: 'en', ...shanghai }, 'dateTime')).toBe('Dec 2, 2026, 02:45:19');
    expect(formatInstant(at, { locale: 'zh-CN', ...shanghai }, 'dateTime')).toBe('2026年12月2日 02:45:19');
    expect(formatInstant(at, { locale: 'zh-CN', ...shanghai }, 'dayMinute')).toBe('12月2日 02:45');
    // No site yet: UTC, never the PC's zone.
    expect(formatInstant(at, { locale: 'en', timeZone: undefined }, 'time')).toBe('18:45:19');
    expect(formatInstant(Number.NaN, { locale: 'en', ...shanghai })).toBe('—');
  });

  it('stamps reports and file names in the site zone', () => {
    expect(zonedIso(at, 'Asia/Shanghai')).toBe('2026-12-02T02:45:19+08:00');
    expect(zonedIso(Date.UTC(2026, 6, 1, 12), 'America/New_York')).toBe('2026-07-01T08:00:00-04:00');
    expect(fileStamp(at, 'Asia/Shanghai')).toBe('20261202-024519');
  });

  it('reads and writes datetime-local fields in the site zone, across a DST change', () => {
    expect(toZonedInput(at, 'Asia/Shanghai')).toBe('2026-12-02T02:45');
    expect(fromZonedInput('2026-12-02T02:45', 'Asia/Shanghai')).toBe(Date.UTC(2026, 11, 1, 18, 45));
    // New York's clocks go forward on 2026-03-08 at 02:00; 03:30 that day is EDT (UTC-4).
    expect(fromZonedInput('2026-03-08T03:30', 'America/New_York')).toBe(Date.UTC(2026, 2, 8, 7, 30));
    expect(fromZonedInput('2026-03-07T03:30', 'America/New_York')).toBe(Date.UTC(2026, 2, 7, 8, 30));
    expect(fromZonedInput('yesterday', 'Asia/Shanghai')).toBeUndefined();
  });

  it('says spans in the app language, long ones in days', () => {
    expect(formatDuration(9_000, 'en')).toBe('9 s');
    expect(formatDuration(9_000, 'zh-CN')).toBe('9秒');
    expect(formatDuration(150_000, 'en')).toBe('2 min 30 s');
    expect(formatDuration(150_000, 'zh-CN')).toBe('2分30秒');
    expect(formatDuration(3_723_000, 'en')).toBe('1 h 02 min');
    const long = (167 * 3600 + 47 * 60 + 37) * 1000;
    expect(formatDuration(long, 'en')).toBe('6 d 23 h');
    expect(formatDuration(long, 'zh-CN')).toBe('6天23小时');
    expect(formatCountdown(249_000, 'en')).toBe('4:09');
    expect(formatCountdown(3_909_000, 'en')).toBe('1:05:09');
    expect(formatCountdown(long, 'zh-CN')).toBe('6天23小时');
  });

  it('knows IANA zones', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});

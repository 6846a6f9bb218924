import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../shared/journal/entry';
import { foldEntries, initialSiteState } from '../../../shared/state';
import { makeEntry } from '../../support/entries';
import { perHour, responseTimes } from '../../../renderer/features/alerts/charts';
import { isFiltered, keyAction, matcher, moveSelection, NO_FILTER, openQueue } from '../../../renderer/features/alerts/queue';
import { formatDuration } from '../../../shared/time/format';

const T0 = Date.UTC(2026, 10, 22, 8, 0, 0);
const entry = (kind: string, payload: Record<string, unknown>, at: number, actor = 'system'): JournalEntry =>
  makeEntry({ site: 'demo', console: 'c-a', kind, occurredAt: at, actor, payload });
const raise = (alertId: string, severity: string, at: number, type = 'conflict'): JournalEntry =>
  entry('alert.raised', { alertId, source: 'nats', type, severity, cameras: [], occurredAt: at, mode: 'LIVE' }, at);

describe('alert queue view', () => {
  const alerts = foldEntries(initialSiteState(), [
    raise('y-old', 'yellow', T0),
    raise('r-new', 'red', T0 + 2000),
    raise('r-old', 'red', T0 + 1000),
    raise('b', 'blue', T0 + 500, 'fire'),
    raise('closed', 'red', T0 + 100),
    entry('alert.acknowledged', { alertId: 'closed' }, T0 + 10_000, 'wang'),
    entry('alert.resolved', { alertId: 'closed' }, T0 + 20_000, 'wang'),
  ]).alerts;

  it('lists open alerts by severity, then oldest first, capped', () => {
    expect(openQueue(alerts).rows.map((a) => a.id)).toEqual(['r-old', 'r-new', 'y-old', 'b']);
    expect(openQueue(alerts, 2)).toMatchObject({ open: 4, rows: [{ id: 'r-old' }, { id: 'r-new' }] });
  });

  it('filters by severity, status, zone, type and words, and still counts every open alarm', () => {
    const names = { typeName: (c: string) => (c === 'fire' ? '火灾' : c === 'conflict' ? 'Conflict' : c), zoneName: (z: string | undefined) => (z === undefined ? '—' : z) };
    const ids = (f: Parameters<typeof matcher>[0]) => openQueue(alerts, undefined, matcher(f, names)).rows.map((a) => a.id);
    expect(isFiltered(NO_FILTER)).toBe(false);
    expect(ids({ ...NO_FILTER, severities: ['red'] })).toEqual(['r-old', 'r-new']);
    expect(ids({ ...NO_FILTER, severities: ['yellow', 'blue'] })).toEqual(['y-old', 'b']);
    expect(ids({ ...NO_FILTER, type: 'fire' })).toEqual(['b']);
    // Words match the type's name in the operator's language, its code, the zone and the id, in any case.
    expect(ids({ ...NO_FILTER, text: '火灾' })).toEqual(['b']);
    expect(ids({ ...NO_FILTER, text: 'CONFLICT r-' })).toEqual(['r-old', 'r-new']);
    expect(ids({ ...NO_FILTER, status: 'acknowledged' })).toEqual([]);
    expect(ids({ ...NO_FILTER, zone: 'nowhere' })).toEqual([]);
    const view = openQueue(alerts, undefined, matcher({ ...NO_FILTER, severities: ['red'] }, names));
    expect(view).toMatchObject({ open: 2, total: 4 });
    expect(isFiltered({ ...NO_FILTER, text: '  ' })).toBe(false);
  });

  it('moves the selection with the arrow keys and maps the handling keys', () => {
    const rows = openQueue(alerts).rows;
    expect(moveSelection(rows, undefined, 1)).toBe('r-old');
    expect(moveSelection(rows, 'r-old', 1)).toBe('r-new');
    expect(moveSelection(rows, 'r-old', -1)).toBe('r-old');
    expect(moveSelection(rows, 'b', 1)).toBe('b');
    expect(['ArrowUp', 'ArrowDown', 'a', 'G', 'n', 'd', 'r', 'f', 'e', 'x'].map(keyAction)).toEqual([
      'up',
      'down',
      'ack',
      'assign',
      'note',
      'dispatch',
      'resolve',
      'false-alarm',
      'escalate',
      undefined,
    ]);
    expect(formatDuration(3_723_000, 'en')).toBe('1 h 02 min');
    expect(formatDuration(-65_000, 'en')).toBe('1 min 05 s');
  });

  it('feeds the charts: per-hour counts by severity and type, acknowledgement time against target', () => {
    const bySeverity = perHour(alerts, 'severity', T0 + 60_000, 3, (h) => String(h));
    expect(bySeverity.rows).toHaveLength(3);
    expect(bySeverity.rows[2]).toMatchObject({ hour: T0, red: 3, yellow: 1, blue: 1 });
    expect(perHour(alerts, 'type', T0, 1, String).rows[0]).toMatchObject({ conflict: 4, fire: 1 });
    expect(responseTimes(alerts, () => 30)).toEqual([{ severity: 'red', actual: 10, target: 30, count: 1 }]);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { alertKinds } from '../../../shared/alerts/kinds';
import { parseAlert, zoneAt } from '../../../shared/alerts/parse';
import { countdowns, resolveTargets, ackOverdue } from '../../../shared/alerts/targets';
import type { JournalEntry } from '../../../shared/journal/entry';
import { polygonCentroid } from '../../../shared/site/geometry';
import { SiteFileSchema, type SiteFile } from '../../../shared/site/schema';
import { foldEntries, initialSiteState } from '../../../shared/state';
import { alertById, alertList, MAX_ALERTS, type AlertView } from '../../../shared/state/alertsDomain';
import { makeEntry } from '../../support/entries';
import { FakeClock } from '../../support/fakeClock';
import { demoSiteFile } from '../../support/paths';

const site: SiteFile = SiteFileSchema.parse(JSON.parse(readFileSync(demoSiteFile, 'utf8')));
const T0 = Date.UTC(2026, 10, 22, 8, 0, 0);

const entry = (kind: string, payload: unknown, at: number, actor = 'system', consoleId = 'c-a', mode: 'LIVE' | 'DRILL' = 'LIVE'): JournalEntry =>
  makeEntry({ site: 'demo', console: consoleId, kind, occurredAt: at, actor, mode, payload });

function raised(alertId: string, at: number, extra: Record<string, unknown> = {}): JournalEntry {
  const result = parseAlert({ id: alertId, type: 'conflict', zone: 'gate', occurredAt: at, ...extra }, site, 'nats');
  if (!result.ok) throw new Error(result.reason);
  return entry('alert.raised', alertKinds['alert.raised'].payload.parse(result.alert), at);
}

describe('parseAlert', () => {
  it('assigns the zone by point in polygon and links the zone cameras', () => {
    const gate = site.zones.find((z) => z.id === 'gate');
    if (!gate) throw new Error('demo site lost its gate zone');
    const [x, y] = polygonCentroid(gate.polygon);
    const result = parseAlert(JSON.stringify({ id: 'a-1', type: 'conflict', floor: 'f1', x, y, occurredAt: T0 }), site, 'nats');
    expect(result).toMatchObject({ ok: true, alert: { alertId: 'a-1', zone: 'gate', severity: 'orange', mode: 'LIVE', source: 'nats' } });
    if (result.ok) expect(result.alert.cameras).toEqual(expect.arrayContaining(['gate-01', 'gate-02']));
    expect(zoneAt(site, 'f2', [x, y])).not.toBe('gate');
  });

  it('places a sensor alert at the sensor, with its zone and cameras; severity from the message wins', () => {
    const result = parseAlert({ id: 's-1', type: 'conflict', sensor: 'beam-w', severity: 'red', occurredAt: '2026-11-22T08:00:00Z' }, site, 'mqtt');
    expect(result).toMatchObject({ ok: true, alert: { zone: 'perimeter-w', floor: 'f1', severity: 'red', occurredAt: T0, sensor: 'beam-w' } });
    if (result.ok) expect(result.alert.cameras).toContain('yard-w');
  });

  it('refuses bad messages with a reason naming the field, never throwing', () => {
    const reasons = [
      parseAlert('{not json', site, 'nats'),
      parseAlert({ type: 'conflict', occurredAt: T0 }, site, 'nats'),
      parseAlert({ id: 'x', type: 'no-such-type', occurredAt: T0 }, site, 'nats'),
      parseAlert({ id: 'x', type: 'conflict', occurredAt: 'yesterday' }, site, 'nats'),
      parseAlert({ id: 'x', type: 'conflict', occurredAt: T0, x: 3 }, site, 'nats'),
      parseAlert({ id: 'x', type: 'conflict', occurredAt: T0, x: 3, y: 4 }, site, 'nats'),
      parseAlert({ id: 'x', type: 'conflict', occurredAt: T0, camera: 'ghost' }, site, 'nats'),
      parseAlert({ id: 'x'.repeat(129), type: 'conflict', occurredAt: T0 }, site, 'nats'),
      parseAlert({ id: 'x', type: 'conflict', occurredAt: T0, extra: 1 }, site, 'nats'),
      parseAlert(null, site, 'nats'),
    ].map((r) => (r.ok ? 'ok' : r.reason));
    expect(reasons[0]).toMatch(/^not JSON/);
    expect(reasons[1]).toMatch(/^id:/);
    expect(reasons[2]).toMatch(/^type: "no-such-type"/);
    expect(reasons[3]).toMatch(/^occurredAt:/);
    expect(reasons[4]).toMatch(/^y:/);
    expect(reasons[5]).toMatch(/^floor:/);
    expect(reasons[6]).toMatch(/^camera: "ghost"/);
    expect(reasons[7]).toMatch(/^id: must be at most 128/);
    expect(reasons[8]).toMatch(/extra/);
    expect(reasons[9]).toMatch(/^message:/);
  });
});

describe('alerts fold', () => {
  it('projects the handling workflow with who and when; a duplicate id is absorbed', () => {
    const s = foldEntries(initialSiteState(), [
      raised('a-1', T0),
      raised('a-1', T0 + 5),
      entry('alert.acknowledged', { alertId: 'a-1' }, T0 + 10_000, 'wang'),
      entry('alert.assigned', { alertId: 'a-1', to: 'li' }, T0 + 20_000, 'wang'),
      entry('alert.dispatched', { alertId: 'a-1', note: 'rapid response' }, T0 + 30_000, 'wang'),
      entry('alert.on-scene', { alertId: 'a-1' }, T0 + 40_000, 'li'),
      entry('alert.resolved', { alertId: 'a-1', note: 'separated' }, T0 + 50_000, 'wang'),
      entry('alert.acknowledged', { alertId: 'ghost' }, T0 + 60_000, 'wang'),
    ]).alerts;
    expect(s.order).toEqual(['a-1']);
    expect(s.raised).toBe(1);
    const a = alertById(s, 'a-1');
    expect(a).toMatchObject({ status: 'resolved', ackBy: 'wang', ackAt: T0 + 10_000, assignedTo: 'li', dispatchedAt: T0 + 30_000, onSceneAt: T0 + 40_000, resolvedAt: T0 + 50_000, raisedAt: T0 });
    expect(a?.history.map((h) => `${h.kind}:${h.by}`)).toEqual([
      'alert.raised:system',
      'alert.acknowledged:wang',
      'alert.assigned:wang',
      'alert.dispatched:wang',
      'alert.on-scene:li',
      'alert.resolved:wang',
    ]);
  });

  it('concurrent acknowledgements: the first in merge order wins, the second is a no-op in history, same state in any arrival order', () => {
    const r = raised('a-2', T0);
    const ackB = entry('alert.acknowledged', { alertId: 'a-2' }, T0 + 1000, 'zhang', 'c-b');
    const ackA = entry('alert.acknowledged', { alertId: 'a-2' }, T0 + 1000, 'wang', 'c-a');
    // Merge order is HLC then console id: c-a first.
    const s = alertById(foldEntries(initialSiteState(), [r, ackA, ackB]).alerts, 'a-2');
    expect(s?.ackBy).toBe('wang');
    expect(s?.history.map((h) => [h.by, h.noop ?? false])).toEqual([
      ['system', false],
      ['wang', false],
      ['zhang', true],
    ]);
  });

  it('escalation by the system happens once; quarantine keeps reason and raw; duty level changes', () => {
    const s = foldEntries(initialSiteState(), [
      raised('a-3', T0),
      entry('alert.escalated', { alertId: 'a-3', reason: 'acknowledge overdue', by: 'system' }, T0 + 31_000),
      entry('alert.escalated', { alertId: 'a-3', reason: 'acknowledge overdue', by: 'system' }, T0 + 31_001, 'system', 'c-b'),
      entry('alert.quarantined', { source: 'webhook', reason: 'type: unknown', raw: '{"x":1}' }, T0 + 32_000),
      entry('duty-level.changed', { level: 1, reason: 'red alert' }, T0 + 33_000, 'wang'),
    ]).alerts;
    expect(alertById(s, 'a-3')?.status).toBe('escalated');
    expect(alertById(s, 'a-3')?.history.filter((h) => h.kind === 'alert.escalated' && !h.noop)).toHaveLength(1);
    expect(s.quarantine).toEqual([expect.objectContaining({ source: 'webhook', reason: 'type: unknown', raw: '{"x":1}' })]);
    expect(s.dutyLevel).toBe(1);
    expect(s.dutyLevelChange).toMatchObject({ by: 'wang', reason: 'red alert' });
  });

  it('holds at most MAX_ALERTS alerts (plus the young generation), dropping closed ones first, then the oldest of the lowest severity', () => {
    const entries: JournalEntry[] = [
      raised('keep-closed', T0),
      entry('alert.resolved', { alertId: 'keep-closed' }, T0 + 1, 'wang'),
      raised('old-red', T0 + 2, { severity: 'red' }),
    ];
    const BULK = MAX_ALERTS + 100;
    for (let i = 0; i < BULK; i++) entries.push(raised(`bulk-${i}`, T0 + 10 + i));
    const s = foldEntries(initialSiteState(), entries).alerts;
    expect(s.order.length).toBeLessThanOrEqual(MAX_ALERTS + 64);
    expect(alertList(s).map((a) => a.id)).toEqual(s.order);
    expect(alertById(s, 'keep-closed')).toBeUndefined();
    expect(alertById(s, 'old-red')).toBeDefined();
    expect(alertById(s, 'bulk-0')).toBeUndefined();
    expect(alertById(s, `bulk-${BULK - 1}`)).toBeDefined();
    expect(s.evicted).toBe(BULK + 2 - s.order.length);
    expect(s.raised).toBe(BULK + 2);
    expect(s.closed.map((c) => c.id)).toEqual(['keep-closed']);
    expect(s.hourly).toEqual([
      { hour: T0, type: 'conflict', severity: 'orange', count: BULK + 1 },
      { hour: T0, type: 'conflict', severity: 'red', count: 1 },
    ]);
  });
});

describe('response targets and countdowns', () => {
  it('resolves default, severity and type overrides', () => {
    const t = resolveTargets(site.responseTargets, 'red', { targets: { onSceneSec: 300 } });
    expect(t.acknowledgeSec).toBe(30);
    expect(t.onSceneSec).toBe(300);
    expect(t.startPlanSec).toBe(180);
    expect(resolveTargets(site.responseTargets, 'yellow').acknowledgeSec).toBe(60);
  });

  it('counts down from journal times on a fake clock and flags overdue steps', () => {
    const clock = new FakeClock(T0);
    const targets = resolveTargets(site.responseTargets, 'orange');
    let state = foldEntries(initialSiteState(), [raised('a-4', T0)]);
    const view = (): AlertView => {
      const a = alertById(state.alerts, 'a-4');
      if (!a) throw new Error('missing');
      return a;
    };
    clock.advance(45_000);
    const first = countdowns(view(), targets, clock.now());
    expect(first.find((c) => c.step === 'acknowledge')).toMatchObject({ remainingMs: 15_000, overdue: false });
    expect(ackOverdue(view(), targets, clock.now())).toBe(false);
    clock.advance(30_000);
    expect(countdowns(view(), targets, clock.now()).find((c) => c.step === 'acknowledge')).toMatchObject({ remainingMs: -15_000, overdue: true });
    expect(ackOverdue(view(), targets, clock.now())).toBe(true);
    state = foldEntries(state, [entry('alert.acknowledged', { alertId: 'a-4' }, clock.now(), 'wang')]);
    clock.advance(60_000);
    // Done late: stays overdue by the same margin however much later we look.
    expect(countdowns(view(), targets, clock.now()).find((c) => c.step === 'acknowledge')).toMatchObject({ doneAt: T0 + 75_000, remainingMs: -15_000, overdue: true });
    expect(ackOverdue(view(), targets, clock.now())).toBe(false);
    expect(countdowns(view(), targets, clock.now()).find((c) => c.step === 'startPlan')).toMatchObject({ remainingMs: 180_000 - 135_000, overdue: false });
    state = foldEntries(state, [entry('alert.false-alarm', { alertId: 'a-4' }, clock.now(), 'wang')]);
    expect(countdowns(view(), targets, clock.now()).map((c) => c.step)).toEqual(['acknowledge', 'overall']);
  });
});

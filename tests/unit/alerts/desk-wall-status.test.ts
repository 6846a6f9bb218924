import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../shared/journal/entry';
import { encodeHlc } from '../../../shared/journal/hlc';
import { payloadProblem, type JournalKind, type PayloadOf } from '../../../shared/journal/kinds';
import { foldEntries, initialSiteState, wallAlarms, type SiteState } from '../../../shared/state';
import { alertById, alertList } from '../../../shared/state/alertsDomain';
import { severities } from '../../../shared/domain/severity';
import { makeEntry } from '../../support/entries';

/** An entry recorded at HLC time `hlcAt` for something observed at `occurredAt` (they differ when a report comes late). */
function entry<K extends JournalKind>(kind: K, payload: PayloadOf<K>, actor: string, hlcAt: number, occurredAt = hlcAt): JournalEntry {
  return makeEntry({ kind, payload, actor, occurredAt, hlc: encodeHlc({ wall: hlcAt, counter: 0 }) });
}

const raised = (alertId: string, severity: PayloadOf<'alert.raised'>['severity'] = 'red'): PayloadOf<'alert.raised'> => ({
  alertId,
  source: 'nats',
  type: 'intrusion',
  severity,
  camera: 'gate-1',
  cameras: ['perimeter-n'],
  occurredAt: 1_000,
  mode: 'LIVE',
});

/** The desk's view of an alert and the wall's alarm for it. */
function both(state: SiteState, id: string) {
  const desk = alertById(state.alerts, id);
  const wall = wallAlarms(state.alerts).find((a) => a.alertId === id);
  return { desk, wall };
}

describe('one status per alert: the desk and the wall agree', () => {
  it('raise, dispatch, acknowledge: dispatched on both', () => {
    const state = foldEntries(initialSiteState(), [
      entry('alert.raised', raised('A1'), 'system', 10_000),
      entry('alert.dispatched', { alertId: 'A1', to: 'team-2' }, 'op-a', 11_000),
      entry('alert.acknowledged', { alertId: 'A1' }, 'op-a', 12_000),
    ]);
    const { desk, wall } = both(state, 'A1');
    expect(desk?.status).toBe('dispatched');
    expect(wall?.status).toBe(desk?.status);
  });

  it('acknowledge, system escalation, a second officer acknowledges: escalated on both (the first acknowledgement stands)', () => {
    const state = foldEntries(initialSiteState(), [
      entry('alert.raised', raised('A2'), 'system', 10_000),
      entry('alert.acknowledged', { alertId: 'A2' }, 'op-a', 11_000),
      entry('alert.escalated', { alertId: 'A2', reason: 'target passed', by: 'system' }, 'system', 12_000),
      entry('alert.acknowledged', { alertId: 'A2' }, 'op-b', 13_000),
    ]);
    const { desk, wall } = both(state, 'A2');
    expect(desk?.status).toBe('escalated');
    expect(desk?.ackBy).toBe('op-a');
    expect(wall?.status).toBe(desk?.status);
  });

  it('dates an alert by its entry\u2019s HLC time on both, not by when it was observed', () => {
    const state = foldEntries(initialSiteState(), [entry('alert.raised', raised('A3'), 'system', 50_000, 20_000)]);
    const { desk, wall } = both(state, 'A3');
    expect(desk?.raisedAt).toBe(50_000);
    expect(wall?.raisedAt).toBe(desk?.raisedAt);
  });

  it('treats severity the same: an unknown one is refused before any fold, every known one is the same on both', () => {
    // The alerts fold's rule: the severity is the one the validated payload carries; a payload with another is never folded.
    expect(payloadProblem({ kind: 'alert.raised', payload: { ...raised('A4'), severity: 'purple' } })).toMatch(/^payload\.severity: /);
    const state = foldEntries(
      initialSiteState(),
      severities.map((s, i) => entry('alert.raised', raised(`S-${s}`, s), 'system', 60_000 + i)),
    );
    for (const s of severities) {
      const { desk, wall } = both(state, `S-${s}`);
      expect(desk?.severity).toBe(s);
      expect(wall?.severity).toBe(desk?.severity);
    }
  });

  it('the wall\u2019s alarms are memoised on the alerts state and list the alert\u2019s own camera first', () => {
    const state = foldEntries(initialSiteState(), [entry('alert.raised', raised('A5'), 'system', 70_000)]);
    expect(wallAlarms(state.alerts)).toBe(wallAlarms(state.alerts));
    expect(both(state, 'A5').wall?.cameras).toEqual(['gate-1', 'perimeter-n']);
    expect(wallAlarms(state.alerts).map((a) => a.alertId)).toEqual(alertList(state.alerts).map((a) => a.id));
  });
});

import { describe, expect, it } from 'vitest';
import { alarmPopups, nextAlarmChange, type AlarmInput } from '../../../shared/wall/alarms';

const alert = (over: Partial<AlarmInput> & { alertId: string }): AlarmInput => ({
  type: 'intrusion',
  severity: 'orange',
  status: 'new',
  cameras: ['gate-01'],
  raisedAt: 1000,
  mode: 'LIVE',
  ...over,
});

describe('alarm pop-ups', () => {
  it('an alert linked to a camera pops up and waits for acknowledgement', () => {
    const out = alarmPopups([alert({ alertId: 'a1' })], 2000);
    expect(out.shown).toEqual([expect.objectContaining({ alertId: 'a1', camera: 'gate-01', awaitingAck: true, holdUntil: 11_000 })]);
    // Still there long after the hold: nobody acknowledged it.
    expect(alarmPopups([alert({ alertId: 'a1' })], 600_000).shown).toHaveLength(1);
  });

  it('an acknowledged alert holds for the minimum time, then leaves', () => {
    const acked = alert({ alertId: 'a1', status: 'acknowledged' });
    expect(alarmPopups([acked], 5000).shown[0]).toMatchObject({ awaitingAck: false });
    expect(alarmPopups([acked], 10_999).shown).toHaveLength(1);
    expect(alarmPopups([acked], 11_000).shown).toHaveLength(0);
    expect(alarmPopups([acked], 4000, { minHoldMs: 2000 }).shown).toHaveLength(0);
  });

  it('escalated alerts keep waiting; resolved and false alarms leave after the hold', () => {
    expect(alarmPopups([alert({ alertId: 'a', status: 'escalated' })], 60_000).shown).toHaveLength(1);
    expect(alarmPopups([alert({ alertId: 'b', status: 'resolved' })], 60_000).shown).toHaveLength(0);
    expect(alarmPopups([alert({ alertId: 'c', status: 'false-alarm' })], 60_000).shown).toHaveLength(0);
  });

  it('uses the zone cameras when the alert names no camera; a yellow or blue alert with neither stays off the wall', () => {
    const zoneOnly = alert({ alertId: 'z', cameras: [], zone: 'lobby' });
    const yellow = alert({ alertId: 'y', severity: 'yellow', cameras: [], zone: 'roof' });
    const blue = alert({ alertId: 'b', severity: 'blue', cameras: [] });
    const out = alarmPopups([zoneOnly, yellow, blue], 2000, { zoneCameras: { lobby: ['lobby-cam'] } });
    expect(out.shown.map((p) => p.camera)).toEqual(['lobby-cam']);
    expect(out.waiting).toBe(0);
  });

  it('a red or orange alert no camera covers still takes a slot, as a card with its zone and floor', () => {
    const fence = alert({ alertId: 'fence', severity: 'red', cameras: [], zone: 'perimeter-w', floor: 'ground' });
    const climb = alert({ alertId: 'climb', severity: 'orange', cameras: [], raisedAt: 1500 });
    const out = alarmPopups([climb, fence], 2000, { slots: 1 });
    expect(out.shown).toEqual([expect.objectContaining({ alertId: 'fence', camera: undefined, zone: 'perimeter-w', floor: 'ground', awaitingAck: true })]);
    expect(out.waiting).toBe(1);
    expect(alarmPopups([climb, fence], 2000).shown.map((p) => p.alertId)).toEqual(['fence', 'climb']);
  });

  it('the most severe, then the oldest, get the slots (two unless the site says otherwise); the rest wait', () => {
    const alerts = [
      alert({ alertId: 'old-yellow', severity: 'yellow', raisedAt: 100 }),
      alert({ alertId: 'new-red', severity: 'red', raisedAt: 900 }),
      alert({ alertId: 'old-red', severity: 'red', raisedAt: 500 }),
    ];
    const out = alarmPopups(alerts, 1000, { slots: 1 });
    expect(out.shown.map((p) => p.alertId)).toEqual(['old-red']);
    expect(out.waiting).toBe(2);
    const byDefault = alarmPopups(alerts, 1000);
    expect(byDefault.shown.map((p) => p.alertId)).toEqual(['old-red', 'new-red']);
    expect(byDefault.waiting).toBe(1);
  });

  it('is deterministic regardless of input order', () => {
    const a = [alert({ alertId: 'x', raisedAt: 5 }), alert({ alertId: 'y', raisedAt: 5 })];
    expect(alarmPopups(a, 10)).toEqual(alarmPopups([...a].reverse(), 10));
  });

  it('tells when a hold runs out next', () => {
    expect(nextAlarmChange([alert({ alertId: 'a', raisedAt: 1000 })], 2000)).toBe(11_000);
    expect(nextAlarmChange([alert({ alertId: 'a', raisedAt: 1000 })], 20_000)).toBeUndefined();
  });
});

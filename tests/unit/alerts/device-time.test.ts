import { afterEach, describe, expect, it } from 'vitest';
import { DEVICE_TIME_BOUNDS, type AlertRaised } from '../../../shared/alerts/schema';
import { boundDeviceTime, stampMode } from '../../../electron/core/alerts/alertIngest';
import { alertById } from '../../../shared/state/alertsDomain';
import { FakeClock } from '../../support/fakeClock';
import { demoSiteFile } from '../../support/paths';
import { startConsole } from '../../support/siteConsoles';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const NOW = Date.UTC(2026, 10, 22, 8, 0, 0);
const alert = (occurredAt: number): AlertRaised => ({ alertId: 'a-1', source: 'webhook', type: 'fire', severity: 'red', cameras: [], occurredAt, mode: 'LIVE' });

describe('a device\'s own event time', () => {
  it('is kept as reported within the bounds (a late delivery, a clock an hour ahead)', () => {
    for (const t of [NOW, NOW - DEVICE_TIME_BOUNDS.pastMs, NOW + DEVICE_TIME_BOUNDS.futureMs, NOW + 3_600_000]) expect(boundDeviceTime(alert(t), NOW)).toEqual(alert(t));
  });

  it('outside the bounds is replaced by the receipt time, the reported time and the reason kept', () => {
    const past = boundDeviceTime(alert(1000), NOW);
    expect(past.occurredAt).toBe(NOW);
    expect(past.deviceTime).toEqual({ reported: 1000, reason: expect.stringMatching(/^device time 1970-01-01T00:00:01\.000Z is \d+ h before receipt \(more than 30 days behind\); the receipt time stands instead$/) as string });
    const future = boundDeviceTime(alert(Date.UTC(9999, 0, 1)), NOW);
    expect(future.occurredAt).toBe(NOW);
    expect(future.deviceTime?.reason).toMatch(/^device time 9999-01-01T00:00:00\.000Z is \d+ h after receipt \(more than 24 h ahead\)/);
  });

  it('is journaled in the alert; the entry itself carries the console\'s time', async () => {
    const clock = new FakeClock(NOW);
    const core = await startConsole(demoSiteFile, 'desk', undefined, clock);
    cleanups.push(() => core.close());
    const ok = await core.alerts.ingest.submit({ id: 'late-1', type: 'fire', zone: 'lobby', occurredAt: NOW - 120_000 }, 'manual');
    const reset = await core.alerts.ingest.submit({ id: 'reset-1', type: 'fire', zone: 'lobby', occurredAt: '1970-01-02T00:00:00Z' }, 'manual');
    if (ok.status !== 'raised' || reset.status !== 'raised') throw new Error('not raised');
    expect(ok.entry.occurredAt).toBe(NOW);
    expect(ok.entry.payload).toMatchObject({ occurredAt: NOW - 120_000 });
    expect(ok.entry.payload).not.toHaveProperty('deviceTime');
    expect(reset.entry.occurredAt).toBe(NOW);
    expect(reset.entry.payload).toMatchObject({ occurredAt: NOW, deviceTime: { reported: 86_400_000 } });
  });
});

describe("a device's own mode", () => {
  it('DRILL from a device while no drill runs raises a live alert, the claim kept with the reason', async () => {
    const clock = new FakeClock(NOW);
    const core = await startConsole(demoSiteFile, 'desk', undefined, clock);
    cleanups.push(() => core.close());
    const claimed = await core.alerts.ingest.submit({ id: 'drill-claim-1', type: 'fire', zone: 'lobby', occurredAt: NOW, mode: 'DRILL' }, 'manual');
    if (claimed.status !== 'raised') throw new Error('not raised');
    expect(claimed.entry.mode).toBe('LIVE');
    expect(claimed.entry.payload).toMatchObject({ mode: 'LIVE', deviceMode: { reported: 'DRILL', reason: expect.stringContaining('no drill is running') as string } });
    expect(alertById(core.state.current().alerts, 'drill-claim-1')).toMatchObject({ mode: 'LIVE' });
  });

  it('DRILL while a drill runs stays DRILL; LIVE during a drill stays LIVE', () => {
    expect(stampMode({ ...alert(NOW), mode: 'DRILL' }, true)).toEqual({ ...alert(NOW), mode: 'DRILL' });
    expect(stampMode(alert(NOW), true)).toEqual(alert(NOW));
    expect(stampMode({ ...alert(NOW), mode: 'DRILL' }, false)).toMatchObject({ mode: 'LIVE', deviceMode: { reported: 'DRILL' } });
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { deviceClockOffset } from '../../../shared/alerts/deviceClock';
import { alertById } from '../../../shared/state/alertsDomain';
import { FakeClock } from '../../support/fakeClock';
import { demoSiteFile, tempDir } from '../../support/paths';
import { startConsole } from '../../support/siteConsoles';

const NOW = Date.UTC(2026, 11, 3, 2, 0, 0);
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

describe('a re-sent alert id (a real core and journal file)', () => {
  it('with the same content is absorbed; with different content is kept under <id>~n as a conflict, also after a restart', async () => {
    const dataDir = tempDir('conflicts');
    const clock = new FakeClock(NOW);
    let core = await startConsole(demoSiteFile, 'desk', dataDir, clock);
    const door = { id: 'door-7', type: 'door-forced', zone: 'power-room', occurredAt: NOW - 1000 };
    expect(await core.alerts.ingest.submit(door, 'webhook')).toMatchObject({ status: 'raised', alertId: 'door-7' });
    expect(await core.alerts.ingest.submit(door, 'webhook')).toEqual({ status: 'duplicate', alertId: 'door-7' });
    // The device rebooted and its counter restarted: a new alarm under the old id.
    const again = { ...door, occurredAt: NOW + 60_000 };
    expect(await core.alerts.ingest.submit(again, 'webhook')).toMatchObject({ status: 'conflict', alertId: 'door-7~2', conflictOf: 'door-7' });
    expect(await core.alerts.ingest.submit(again, 'webhook')).toEqual({ status: 'duplicate', alertId: 'door-7~2' });
    // Both in one batch: a copy of the first, and a third alarm.
    const [copy, third] = await Promise.all([core.alerts.ingest.submit(door, 'mqtt'), core.alerts.ingest.submit({ ...door, type: 'fire' }, 'mqtt')]);
    expect(copy).toEqual({ status: 'duplicate', alertId: 'door-7' });
    expect(third).toMatchObject({ status: 'conflict', alertId: 'door-7~3', conflictOf: 'door-7' });
    expect(alertById(core.state.current().alerts, 'door-7~2')).toMatchObject({ conflictOf: 'door-7', type: 'door-forced', status: 'new' });
    expect(alertById(core.state.current().alerts, 'door-7~3')).toMatchObject({ conflictOf: 'door-7', type: 'fire' });
    await core.close();

    // Restarted: what it knows comes from the journal.
    core = await startConsole(demoSiteFile, 'desk', dataDir, clock);
    cleanups.push(() => core.close());
    expect(await core.alerts.ingest.submit(again, 'webhook')).toEqual({ status: 'duplicate', alertId: 'door-7~2' });
    expect(await core.alerts.ingest.submit({ ...door, severity: 'yellow' }, 'webhook')).toMatchObject({ status: 'conflict', alertId: 'door-7~4' });
    const raised = await core.journal.query({ kinds: ['alert.raised'], limit: 10 });
    expect(raised.entries.map((e) => (e.payload as { alertId: string }).alertId).reverse()).toEqual(['door-7', 'door-7~2', 'door-7~3', 'door-7~4']);
  });

  it('a clock-faulted device time counts as reported: its re-send is still the same alarm', async () => {
    const clock = new FakeClock(NOW);
    const core = await startConsole(demoSiteFile, 'desk', undefined, clock);
    cleanups.push(() => core.close());
    const reset = { id: 'cam-9', type: 'fire', zone: 'lobby', occurredAt: '1970-01-02T00:00:00Z' };
    expect(await core.alerts.ingest.submit(reset, 'webhook')).toMatchObject({ status: 'raised' });
    clock.advance(5000);
    expect(await core.alerts.ingest.submit(reset, 'webhook')).toEqual({ status: 'duplicate', alertId: 'cam-9' });
  });
});

describe('deviceClockOffset', () => {
  const raisedAt = NOW;
  it('is undefined within the tolerance and signed beyond it (ahead positive), a clock fault by its reported time', () => {
    expect(deviceClockOffset({ occurredAt: NOW - 299_000, raisedAt }, 300)).toBeUndefined();
    expect(deviceClockOffset({ occurredAt: NOW + 300_000, raisedAt }, 300)).toBeUndefined();
    expect(deviceClockOffset({ occurredAt: NOW + 3_600_000, raisedAt }, 300)).toBe(3_600_000);
    expect(deviceClockOffset({ occurredAt: NOW - 2 * 3_600_000, raisedAt }, 300)).toBe(-7_200_000);
    expect(deviceClockOffset({ occurredAt: NOW, raisedAt, deviceTime: { reported: 86_400_000 } }, 300)).toBe(86_400_000 - NOW);
    expect(deviceClockOffset({ occurredAt: NOW - 60_000, raisedAt }, 30)).toBe(-60_000);
  });
});

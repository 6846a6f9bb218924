import { afterEach, describe, expect, it } from 'vitest';
import { consoleContract } from '../../../shared/contract';
import { demoSiteFile } from '../../support/paths';
import { startConsole } from '../../support/siteConsoles';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('heat-map history', () => {
  it('reads live alerts of a window from the journal, placed by point, zone or camera; drills and unplaced alerts left out', async () => {
    const core = await startConsole(demoSiteFile);
    cleanups.push(() => core.close());
    const now = Date.now();
    const submit = (raw: Record<string, unknown>) => core.alerts.ingest.submit({ occurredAt: now, mode: 'LIVE', ...raw }, 'webhook');
    await submit({ id: 'h-point', type: 'fence-climb', floor: 'f1', x: 20, y: 2 });
    await submit({ id: 'h-zone', type: 'gathering', zone: 'lobby' });
    await submit({ id: 'h-camera', type: 'smoking', camera: 'yard-w' });
    // A drill's alert (DRILL only while a drill runs: the console decides the mode) and a device's DRILL claim outside one.
    await core.handlers.startDrill({ scenarioId: 'perimeter-night', speed: 1 });
    await submit({ id: 'h-drill', type: 'fire', zone: 'lobby', mode: 'DRILL' });
    await core.handlers.stopDrill({ reason: 'operator' });
    await submit({ id: 'h-claimed-drill', type: 'fire', zone: 'lobby', mode: 'DRILL' });
    const { events, truncated } = await core.handlers.alertHeatHistory({ from: now - 3600_000, to: now + 60_000 });
    expect(truncated).toBe(false);
    expect(events.map((e) => e.id).sort()).toEqual(['h-camera', 'h-claimed-drill', 'h-point', 'h-zone']);
    const point = events.find((e) => e.id === 'h-point');
    expect(point).toMatchObject({ floor: 'f1', x: 20, y: 2, severity: 'red' });
    expect(events.find((e) => e.id === 'h-zone')?.floor).toBe('f1');
    expect((await core.handlers.alertHeatHistory({ from: now + 3600_000, to: now + 7200_000 })).events).toEqual([]);
  });

  it('refuses a window that runs backwards or spans more than 31 days', () => {
    const args = consoleContract.alertHeatHistory.args;
    expect(args.safeParse([{ from: 10, to: 5 }]).success).toBe(false);
    expect(args.safeParse([{ from: 0, to: 32 * 86_400_000 }]).success).toBe(false);
    expect(args.safeParse([{ from: 0, to: 86_400_000 }]).success).toBe(true);
  });
});

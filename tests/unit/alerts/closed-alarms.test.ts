import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../support/fakeClock';
import { signedIn } from '../../support/operators';
import { demoSiteFile } from '../../support/paths';
import { startConsole } from '../../support/siteConsoles';

// The closed-alarms view (issue 16): alarms closed in a window, read from the journal and folded by the one alerts fold.

const NOW = Date.UTC(2026, 11, 3, 2, 0, 0);
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

describe('alarms closed in a window (a real core, its journal file)', () => {
  it('lists each with its closure code, comment, closer and handling history, newest first; an undone close is not a closed alarm', async () => {
    const clock = new FakeClock(NOW);
    const core = await startConsole(demoSiteFile, 'desk', undefined, clock);
    cleanups.push(() => core.close());
    for (const [id, type, zone] of [['fire-1', 'fire', 'lobby'], ['smoke-1', 'smoking', 'yard-w'], ['open-1', 'theft', 'lobby']] as const) {
      const r = await core.alerts.ingest.submit({ id, type, zone, occurredAt: NOW }, 'manual');
      expect(r.status).toBe('raised');
    }
    const op = await signedIn(core, 'op-he');
    await op.acknowledgeAlert({ alertId: 'fire-1' });
    await op.noteAlert({ alertId: 'fire-1', text: '垃圾桶起火' });
    clock.advance(60_000);
    await op.closeAlert({ alertId: 'fire-1', code: 'real-incident', note: '已扑灭' });
    clock.advance(60_000);
    await op.acknowledgeAlert({ alertId: 'smoke-1' });
    await op.closeAlert({ alertId: 'smoke-1', code: 'nuisance' });
    await op.acknowledgeAlert({ alertId: 'open-1' });
    await op.closeAlert({ alertId: 'open-1', code: 'test' });
    await op.reopenAlert({ alertId: 'open-1' });

    const { alarms, truncated, withoutRaise } = await op.closedAlarms({ from: NOW - 3600_000, to: NOW + 3600_000 });
    expect({ truncated, withoutRaise }).toEqual({ truncated: false, withoutRaise: 0 });
    expect(alarms.map((a) => [a.id, a.status, a.closure?.code, a.closure?.by])).toEqual([
      ['smoke-1', 'false-alarm', 'nuisance', 'op-he'],
      ['fire-1', 'resolved', 'real-incident', 'op-he'],
    ]);
    expect(alarms[1]?.closure?.note).toBe('已扑灭');
    expect(alarms[1]?.history.map((h) => h.kind)).toEqual(['alert.raised', 'alert.acknowledged', 'alert.note', 'alert.resolved']);

    // Another window holds none of them; a backward or over-long window is refused, naming it.
    expect((await op.closedAlarms({ from: NOW + 3600_000, to: NOW + 7200_000 })).alarms).toEqual([]);
    await expect(op.closedAlarms({ from: NOW, to: NOW - 1 })).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('the window must run forward') });
    await expect(op.closedAlarms({ from: NOW, to: NOW + 40 * 86_400_000 })).rejects.toMatchObject({ code: 'invalid-argument' });
  });
});

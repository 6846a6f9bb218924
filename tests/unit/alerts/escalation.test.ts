import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../support/fakeClock';
import { tempDir } from '../../support/paths';
import { signedIn } from '../../support/operators';
import { startConsole } from '../../support/siteConsoles';
import { sounding } from '../../../shared/alerts/attention';
import { dutyAt, supervisorOnDuty } from '../../../shared/roster/shifts';
import { alertById, progressDue } from '../../../shared/state/alertsDomain';
import { alertSite } from './alertRig';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

/** A desk on the demo site at 09:00 Shanghai (the day shift runs), on a data folder of its own that a restart reopens. */
async function deskAtNine(name: string) {
  const clock = new FakeClock(Date.UTC(2026, 10, 22, 1, 0, 0));
  const site = alertSite(undefined);
  const dataDir = tempDir(name);
  const core = await startConsole(site, 'desk', dataDir, clock);
  cleanups.push(() => core.close());
  const restart = async (): Promise<typeof core> => {
    const next = await startConsole(site, 'desk', dataDir, clock);
    cleanups.push(() => next.close());
    return next;
  };
  return { clock, core, restart };
}

describe('escalation to people (real journal files, restarts)', () => {
  it('an unacknowledged alarm escalates to the supervisor on duty, named in the entry, once, across a restart', async () => {
    const desk = await deskAtNine('alerts-supervisor');
    const { clock, restart } = desk;
    let core = desk.core;
    const roster = core.site.site.roster;
    const expected = supervisorOnDuty(roster, core.site.site.timezone, clock.now());
    expect(expected).toBeDefined();
    expect(roster.people.find((p) => p.id === expected)?.role).toBe('duty-officer');
    expect(dutyAt(roster, core.site.site.timezone, clock.now()).onDuty).toContain(expected);

    expect((await core.alerts.ingest.submit({ id: 'red-1', type: 'unauthorised-exit', zone: 'gate', occurredAt: clock.now() }, 'manual')).status).toBe('raised');
    clock.set(clock.now() + 10_000);
    expect(await core.alerts.escalateOverdue()).toBe(0);
    // Restart before the deadline: the deadline comes from the journal, not from a timer that died with the process.
    await core.close();
    clock.set(clock.now() + 25_000);
    core = await restart();
    expect(await core.alerts.escalateOverdue()).toBe(1);
    const [entry] = (await core.journal.query({ kinds: ['alert.escalated'], limit: 5 })).entries;
    expect(entry?.actor).toBe('system');
    expect(entry?.payload).toMatchObject({ alertId: 'red-1', by: 'system', to: { role: 'supervisor', person: expected } });
    expect(alertById(core.state.current().alerts, 'red-1')).toMatchObject({ status: 'escalated', escalatedTo: { role: 'supervisor', person: expected } });

    // Restarted again: nothing repeats.
    await core.close();
    core = await restart();
    expect(await core.alerts.escalateOverdue()).toBe(0);
    expect((await core.journal.query({ kinds: ['alert.escalated'], limit: 5 })).entries).toHaveLength(1);
  }, 60_000);

  it('an acknowledged alarm with no progress within progressEverySec re-alerts once per quiet spell; a note ends the spell', async () => {
    const desk = await deskAtNine('alerts-progress');
    const { clock, restart } = desk;
    let core = desk.core;
    // Orange on the demo site: progress every 30 min.
    await core.alerts.ingest.submit({ id: 'or-1', type: 'ir-beam', zone: 'perimeter-n', occurredAt: clock.now() }, 'manual');
    const op = await signedIn(core, 'op-he');
    await op.acknowledgeAlert({ alertId: 'or-1' });
    const ackAt = clock.now();
    clock.set(ackAt + 1_799_000);
    expect(await core.alerts.escalateOverdue()).toBe(0);
    clock.set(ackAt + 1_801_000);
    await core.close();
    core = await restart();
    expect(await core.alerts.escalateOverdue()).toBe(1);
    expect(await core.alerts.escalateOverdue()).toBe(0);
    const alert = alertById(core.state.current().alerts, 'or-1');
    expect(alert && progressDue(alert)).toBe(true);
    // It sounds again at this console.
    expect(sounding(core.state.current().alerts, core.identity.consoleId).alertIds).toContain('or-1');

    const op2 = await signedIn(core, 'op-he');
    clock.advance(60_000);
    await op2.noteAlert({ alertId: 'or-1', text: '巡逻队已到场，围栏无破损' });
    const after = alertById(core.state.current().alerts, 'or-1');
    expect(after && progressDue(after)).toBe(false);
    // The next quiet spell counts from the note.
    clock.advance(1_700_000);
    expect(await core.alerts.escalateOverdue()).toBe(0);
    clock.advance(200_000);
    expect(await core.alerts.escalateOverdue()).toBe(1);
    expect((await core.journal.query({ kinds: ['alert.progress-due'], limit: 5 })).entries.map((e) => e.payload)).toEqual([
      expect.objectContaining({ alertId: 'or-1', afterSec: 1800 }),
      expect.objectContaining({ alertId: 'or-1', afterSec: 1800 }),
    ]);
  }, 60_000);

  it('silencing is per console and journaled with the reason; a closed or unknown alarm refuses the whole call', async () => {
    const { clock, core } = await deskAtNine('alerts-silence');
    await core.alerts.ingest.submit({ id: 'fire-1', type: 'fire', zone: 'lobby', occurredAt: clock.now() }, 'manual');
    await core.alerts.ingest.submit({ id: 'smoke-1', type: 'fire', zone: 'gate', occurredAt: clock.now() }, 'manual');
    const me = core.identity.consoleId;
    expect(sounding(core.state.current().alerts, me)).toMatchObject({ tone: 'red', alertIds: ['fire-1', 'smoke-1'] });
    const op = await signedIn(core, 'op-he');
    await expect(op.silenceAlarms({ alertIds: ['fire-1'], reason: '  ' })).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(op.silenceAlarms({ alertIds: ['fire-1', 'nope'], reason: 'x' })).rejects.toMatchObject({ code: 'not-found' });
    const [entry] = await op.silenceAlarms({ alertIds: ['fire-1'], reason: '消防已到场' });
    expect(entry).toMatchObject({ kind: 'alert.silenced', actor: 'op-he', console: me, payload: { alertIds: ['fire-1'], reason: '消防已到场' } });
    expect(sounding(core.state.current().alerts, me)).toMatchObject({ alertIds: ['smoke-1'], silenced: 1 });
    // Another console still sounds for it.
    expect(sounding(core.state.current().alerts, 'c-otherdesk').alertIds).toEqual(['fire-1', 'smoke-1']);
    // Acknowledged, an alarm stops sounding everywhere.
    await op.acknowledgeAlert({ alertId: 'smoke-1' });
    expect(sounding(core.state.current().alerts, me)).toMatchObject({ tone: undefined, alertIds: [] });
    await op.closeAlert({ alertId: 'smoke-1', code: 'false-alarm' });
    await expect(op.silenceAlarms({ alertIds: ['smoke-1'], reason: 'x' })).rejects.toMatchObject({ code: 'conflict' });
  }, 60_000);
});

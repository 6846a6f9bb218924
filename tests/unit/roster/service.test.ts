import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportRosterCsv } from '../../../shared/roster/csv';
import { consoleContract } from '../../../shared/contract';
import { FakeClock } from '../../support/fakeClock';
import { copyDemoSite } from '../../support/siteCopy';
import { startConsole } from '../../support/siteConsoles';
import { tempDir } from '../../support/paths';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const MIN = 60_000;

/** Demo site with one fast check: warden Li every 2 min, overdue at 2, steps a minute apart. */
function fastSite(): string {
  return copyDemoSite((s) => {
    const roster = s.roster as Record<string, unknown>;
    roster.checks = [
      { id: 'fast', name: 'Fast check', target: { person: 'warden-li' }, method: 'radio', everyMin: 2, warnAfterMin: 1, overdueAfterMin: 2, escalationWaitMin: 1 },
    ];
  });
}

describe('roster service', () => {
  it('journals each escalation step once, keeps deadlines across a restart, and stops on acknowledgement', async () => {
    const site = fastSite();
    const dataDir = tempDir('console');
    const clock = new FakeClock(Date.UTC(2026, 10, 22, 8, 0, 0));
    let core = await startConsole(site, 'desk', dataDir, clock);
    const steps = async (): Promise<number[]> => {
      const page = await core.handlers.queryJournal({ kinds: ['comms.escalation'], limit: 100 });
      return page.entries.map((e) => (e.payload as { step: number }).step).sort();
    };
    clock.advance(2 * MIN);
    await core.roster.settled();
    expect(await steps()).toEqual([0]);
    clock.advance(1 * MIN);
    await core.roster.settled();
    expect(await steps()).toEqual([0, 1]);

    // Crash and restart while the console was down for 90 s: step 2 became due meanwhile and is journaled once.
    await core.close();
    clock.advance(90_000);
    core = await startConsole(site, 'desk', dataDir, clock);
    cleanups.push(() => core.close());
    await core.roster.settled();
    expect(await steps()).toEqual([0, 1, 2]);
    const open = core.state.current().roster;
    expect(open).toBeDefined();

    const { entries } = await core.handlers.queryJournal({ kinds: ['comms.escalation'], limit: 1 });
    const escalationId = (entries[0]?.payload as { escalationId: string }).escalationId;
    await core.handlers.ackEscalation({ escalationId });
    await expect(core.handlers.ackEscalation({ escalationId })).rejects.toMatchObject({ code: 'conflict' });
    clock.advance(5 * MIN);
    await core.roster.settled();
    expect(await steps()).toEqual([0, 1, 2]);

    // A legible contact resets the check: a new overdue period later escalates afresh.
    await core.handlers.logAttempt({ to: 'warden-li', method: 'mobile', result: 'answered' });
    clock.advance(2 * MIN);
    await core.roster.settled();
    expect((await steps()).length).toBe(4);
  });

  it('refuses attempts to unknown people and amendments of unknown attempts, naming the field', async () => {
    const core = await startConsole(fastSite(), 'desk', tempDir('console'), new FakeClock());
    cleanups.push(() => core.close());
    await expect(core.handlers.logAttempt({ to: 'nobody', method: 'radio', result: 'answered' })).rejects.toMatchObject({ code: 'invalid-argument', issues: [{ path: 'to' }] });
    // The console dates an attempt: a client's own time is refused (through the contract's parsing, as IPC and WebSocket calls are).
    const dated = { to: 'warden-li', method: 'radio', result: 'answered', occurredAt: 1000 };
    expect(consoleContract.logAttempt.args.safeParse([dated]).success).toBe(false);
    const first = await core.handlers.logAttempt({ to: 'warden-li', method: 'radio', result: 'answered', channel: 'CH3' });
    const amended = await core.handlers.logAttempt({ to: 'warden-li', method: 'radio', result: 'no-answer', amends: first.id });
    expect(amended.ref).toBe(first.id);
    await expect(core.handlers.logAttempt({ to: 'warden-li', method: 'radio', result: 'answered', amends: '01900000-0000-7000-8000-000000000000' })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('runs a roll call of everyone on duty on a channel and ends with a summary', async () => {
    // 16:00 in Shanghai on 2026-11-22: the evening shift.
    const core = await startConsole(fastSite(), 'desk', tempDir('console'), new FakeClock(Date.UTC(2026, 10, 22, 8, 30, 0)));
    cleanups.push(() => core.close());
    const rc = await core.handlers.startRollCall({ channel: 'CH2' });
    expect(rc.people.length).toBe(3);
    await expect(core.handlers.startRollCall({ channel: 'CH2' })).rejects.toMatchObject({ code: 'conflict' });
    await core.handlers.answerRollCall({ person: rc.people[0] as string, result: 'answered' });
    await core.handlers.answerRollCall({ person: rc.people[1] as string, result: 'bad-signal' });
    const summary = await core.handlers.endRollCall();
    // Ended before the third was called: not called, not "no answer".
    expect(summary).toEqual({ answered: 1, noAnswer: 0, badSignal: 1, relayed: 0, notCalled: 1 });
    expect(core.state.current().roster.rollcall).toBeUndefined();
    expect(core.state.current().roster.rollcalls.at(-1)?.summary).toEqual(summary);
    await expect(core.handlers.startRollCall({ channel: 'CH42' })).rejects.toMatchObject({ code: 'invalid-argument' });
  });

  it('imports nothing from a CSV with bad rows and lists each; a good file is stored atomically, journaled and kept over a restart', async () => {
    const site = fastSite();
    const dataDir = tempDir('console');
    const clock = new FakeClock();
    let core = await startConsole(site, 'desk', dataDir, clock);
    const { csv } = await core.handlers.exportRosterCsv();
    const lines = csv.trim().split('\r\n');
    expect(lines.length).toBeGreaterThan(30);
    const bad = [...lines];
    bad[1] = (bad[1] as string).replace('overall-commander', 'emperor');
    bad[2] = (bad[2] as string).replace('+8816314412345', '12-34');
    bad.push('new-guy,New Guy,,zone-warden,,ghost,,primary,pager,,,,,,,,,');
    const result = await core.handlers.importRosterCsv({ text: bad.join('\n') });
    expect(result.imported).toBe(false);
    if (result.imported) throw new Error('unreachable');
    expect(result.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 2, field: 'role' }),
        expect.objectContaining({ line: 3, field: 'number' }),
        expect.objectContaining({ line: lines.length + 1, field: 'method' }),
        expect.objectContaining({ field: 'supervisor', message: 'unknown person "ghost"' }),
      ]),
    );
    expect(existsSync(join(dataDir, 'roster', 'overlay.json'))).toBe(false);
    expect((await core.handlers.queryJournal({ kinds: ['roster.imported'], limit: 10 })).entries).toEqual([]);

    const good = [...lines, 'resp-new,New Responder,新队员,response-team,rapid-response,site-chen,,primary,satphone,,,,,+88216555000999,thuraya,,,'];
    const ok = await core.handlers.importRosterCsv({ text: good.join('\r\n') });
    expect(ok).toMatchObject({ imported: true, rows: lines.length });
    expect((await core.handlers.getRoster()).people.some((p) => p.id === 'resp-new')).toBe(true);
    const imported = (await core.handlers.queryJournal({ kinds: ['roster.imported'], limit: 10 })).entries;
    expect(imported).toHaveLength(1);
    await core.close();
    core = await startConsole(site, 'desk', dataDir, clock);
    cleanups.push(() => core.close());
    const roster = await core.handlers.getRoster();
    const newcomer = roster.people.find((p) => p.id === 'resp-new');
    expect(newcomer?.ladder[0]).toMatchObject({ method: 'satphone', number: '+88216555000999' });
    expect(exportRosterCsv(roster.people)).toBe((await core.handlers.exportRosterCsv()).csv);
  });

  it('writes the print-ready roster with shifts, ladders, channels and numbers in both languages', async () => {
    const core = await startConsole(fastSite(), 'desk', tempDir('console'), new FakeClock());
    cleanups.push(() => core.close());
    const { url, file } = await core.handlers.printRoster();
    expect(url).toMatch(/^reports\/roster-.*\.html$/);
    const html = readFileSync(file, 'utf8');
    for (const text of ['王军', 'Wang Jun', '+8816314412345', 'CH2', 'TG-OPS', '白班', '119', '可打印通讯录', 'Print-ready roster']) expect(html).toContain(text);
    expect(core.assets(`/${url}`).status).toBe(200);
  });
});

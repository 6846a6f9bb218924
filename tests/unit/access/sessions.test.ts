import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core';
import type { ConsoleHandlers } from '../../../shared/contract';
import type { JournalEntry } from '../../../shared/journal/entry';
import { FakeClock } from '../../support/fakeClock';
import { connectionTo, TEST_PASSWORD, TEST_PIN } from '../../support/operators';
import { demoSiteFile, tempDir } from '../../support/paths';
import { copyDemoSite } from '../../support/siteCopy';
import { startConsole } from '../../support/siteConsoles';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function desk(options: { clock?: FakeClock; site?: string; dataDir?: string; accounts?: boolean; station?: 'desk' | 'replay' } = {}): Promise<Core & { dataDir: string }> {
  const core = await startConsole(options.site ?? demoSiteFile, options.station ?? 'desk', options.dataDir ?? tempDir('console'), options.clock, { accounts: options.accounts ?? true });
  cleanups.push(() => core.close());
  return core;
}

async function kinds(core: Core, ...k: string[]): Promise<JournalEntry[]> {
  return (await core.journal.query({ kinds: k, limit: 500 })).entries.slice().reverse();
}

const signIn = (h: ConsoleHandlers, accountId: string, extra: { reason?: string; handover?: string } = { reason: 'test' }) => h.signIn({ accountId, password: TEST_PASSWORD, ...extra });

describe('operators at a desk (real core, real journal, scrypt)', () => {
  it('a fresh install asks for the first administrator once; weak secrets are refused naming the field', async () => {
    const core = await desk({ accounts: false });
    const { handlers: h } = connectionTo(core);
    expect((await h.getSession()).setupNeeded).toBe(true);
    await expect(h.appendEntry({ kind: 'note', payload: { text: 'x' } })).rejects.toMatchObject({ code: 'forbidden', message: expect.stringMatching(/nobody is signed in/) as string });
    await expect(h.setupFirstAdministrator({ id: 'root', name: 'Root', password: 'password123', pin: '480213' })).rejects.toMatchObject({ code: 'invalid-argument', issues: [{ path: 'password' }] });
    await expect(h.setupFirstAdministrator({ id: 'root', name: 'Root', password: 'long enough pass', pin: '123456' })).rejects.toMatchObject({ code: 'invalid-argument', issues: [{ path: 'pin' }] });
    await expect(h.setupFirstAdministrator({ id: 'root', name: 'Root', password: 'long enough pass', pin: '4802' })).rejects.toMatchObject({ code: 'invalid-argument', issues: [{ path: '[0].pin' }] });
    expect((await h.getSession()).setupNeeded).toBe(true);
    const view = await h.setupFirstAdministrator({ id: 'root', name: 'Root', password: 'long enough pass', pin: '480213' });
    expect(view).toMatchObject({ setupNeeded: false, owner: 'root', people: [{ accountId: 'root', role: 'administrator' }] });
    await expect(connectionTo(core).handlers.setupFirstAdministrator({ id: 'other', name: 'Other', password: 'long enough pass', pin: '480213' })).rejects.toMatchObject({ code: 'conflict' });
    expect((await kinds(core, 'account.enrolled')).map((e) => [e.actor, (e.payload as { first?: boolean }).first])).toEqual([['root', true]]);
  });

  it('a wrong password gets one generic message, is journaled, and five in ten minutes lock the account out until a supervisor lifts it', async () => {
    const core = await desk();
    const { handlers: h } = connectionTo(core);
    const wrongName = await h.signIn({ accountId: 'nobody-here', password: 'whatever-it-is' }).catch((e: unknown) => e);
    const wrongPassword = await h.signIn({ accountId: 'op-he', password: 'whatever-it-is' }).catch((e: unknown) => e);
    expect(wrongName).toMatchObject({ code: 'unauthenticated', message: 'wrong account, password or PIN' });
    expect(wrongPassword).toMatchObject({ code: 'unauthenticated', message: 'wrong account, password or PIN' });
    for (let i = 0; i < 4; i++) await expect(h.signIn({ accountId: 'op-he', password: `wrong-${i}-xxxxx` })).rejects.toMatchObject({ code: 'unauthenticated' });
    // Locked out: the right password does not help now.
    await expect(signIn(h, 'op-he')).rejects.toMatchObject({ code: 'unauthenticated', message: expect.stringMatching(/locked out/) as string });
    expect((await h.getSession()).accounts.find((a) => a.id === 'op-he')?.lockedOutUntil).toEqual(expect.any(Number));
    expect((await kinds(core, 'operator.signInFailed')).map((e) => (e.payload as { failures: number }).failures)).toEqual([1, 1, 2, 3, 4, 5]);
    expect((await kinds(core, 'operator.lockedOut')).map((e) => e.payload)).toEqual([{ account: 'op-he', failures: 5, minutes: 15 }]);
    // An operator may not lift it; a supervisor may, with a reason.
    const op = connectionTo(core).handlers;
    await signIn(op, 'op-ma');
    await expect(op.liftLockout({ accountId: 'op-he', reason: 'verified in person' })).rejects.toMatchObject({ code: 'forbidden' });
    const sup = connectionTo(core).handlers;
    await signIn(sup, 'duty-liu');
    await sup.liftLockout({ accountId: 'op-he', reason: 'verified in person' });
    await signIn(h, 'op-he');
    expect((await kinds(core, 'operator.lockoutLifted')).map((e) => [e.actor, e.payload])).toEqual([['duty-liu', { account: 'op-he', reason: 'verified in person' }]]);
  }, 60_000);

  it('the desk locks after the idle time, keeps showing the site, and unlocks by PIN; setting the clock back does not extend it', async () => {
    const clock = new FakeClock();
    const core = await desk({ clock, site: copyDemoSite((s) => (s.access = { idleLockMinutes: 2 })) });
    const { handlers: h } = connectionTo(core);
    await signIn(h, 'op-he');
    clock.advance(60_000);
    await h.reportActivity();
    clock.advance(90_000);
    expect((await h.getSession()).locked).toBe(false);
    // The PC's clock is set back an hour: the idle time runs on regardless.
    clock.set(clock.now() - 3_600_000);
    clock.advance(31_000);
    expect((await h.getSession()).locked).toBe(true);
    await expect(h.appendEntry({ kind: 'note', payload: { text: 'x' } })).rejects.toMatchObject({ code: 'forbidden', issues: [{ path: 'pin' }] });
    // Through the lock the site still shows.
    expect((await h.getSiteState()).state).toBeDefined();
    await expect(h.usePin({ accountId: 'op-he', pin: '000000' })).rejects.toMatchObject({ code: 'unauthenticated' });
    await h.usePin({ accountId: 'op-he', pin: TEST_PIN });
    const entry = await h.appendEntry({ kind: 'note', payload: { text: 'after the lock' } });
    expect(entry.actor).toBe('op-he');
    expect((await kinds(core, 'operator.locked', 'operator.unlocked')).map((e) => [e.kind, e.actor])).toEqual([
      ['operator.locked', 'op-he'],
      ['operator.unlocked', 'op-he'],
    ]);
  }, 60_000);

  it('two people at one desk: the last to authenticate has the keyboard, one PIN switches, and the journal records who acted', async () => {
    const core = await desk();
    const { handlers: h } = connectionTo(core);
    await signIn(h, 'op-he');
    await signIn(h, 'op-ma');
    await expect(signIn(h, 'op-guo')).rejects.toMatchObject({ code: 'conflict' });
    expect((await h.appendEntry({ kind: 'note', payload: { text: 'by ma' } })).actor).toBe('op-ma');
    await h.usePin({ accountId: 'op-he', pin: TEST_PIN });
    expect((await h.appendEntry({ kind: 'note', payload: { text: 'by he' } })).actor).toBe('op-he');
    expect((await h.getSession()).people.map((p) => p.accountId)).toEqual(['op-he', 'op-ma']);
    // Another browser is another session: nobody is signed in there.
    await expect(connectionTo(core).handlers.appendEntry({ kind: 'note', payload: { text: 'x' } })).rejects.toMatchObject({ code: 'forbidden' });
    expect(core.state.current().duty.signedIn[core.identity.consoleId]?.map((s) => s.account)).toEqual(['op-he', 'op-ma']);
    await h.signOut({ accountId: 'op-he' });
    expect((await h.getSession()).owner).toBe('op-ma');
    expect((await kinds(core, 'operator.switched')).map((e) => e.actor)).toEqual(['op-he']);
  }, 60_000);

  it('four eyes: an operator alone cannot lift a mask; a supervisor approves it with their PIN, once, and the entry names both', async () => {
    const core = await desk();
    const { handlers: h } = connectionTo(core);
    await signIn(h, 'op-he');
    const lift = { camera: 'gate-02', maskIndex: 0, reason: 'verify an alarm at the gate' };
    await expect(h.wallLiftMask(lift)).rejects.toMatchObject({ code: 'forbidden', issues: [{ path: 'approval' }] });
    await expect(h.approveAction({ accountId: 'op-ma', pin: TEST_PIN, method: 'wallLiftMask' })).rejects.toMatchObject({ code: 'forbidden' });
    await h.approveAction({ accountId: 'duty-liu', pin: TEST_PIN, method: 'wallLiftMask' });
    const entry = await h.wallLiftMask(lift);
    expect([entry.actor, entry.payload]).toEqual(['op-he', { ...lift, approvedBy: 'duty-liu' }]);
    // Spent: the next lift needs approving again.
    await expect(h.wallLiftMask({ ...lift, maskIndex: 0 })).rejects.toMatchObject({ code: 'forbidden' });
    // A supervisor signed in at the same desk is the second pair of eyes.
    await signIn(h, 'duty-sun');
    await h.usePin({ accountId: 'op-he', pin: TEST_PIN });
    const second = await h.wallLiftMask(lift);
    expect([second.actor, (second.payload as { approvedBy?: string }).approvedBy]).toEqual(['op-he', 'duty-sun']);
    // The duty level to 一级 asks for a supervisor too; other levels do not.
    await h.signOut({ accountId: 'duty-sun' });
    await h.setDutyLevel({ level: 2, reason: 'event nearby' });
    await expect(h.setDutyLevel({ level: 1, reason: 'major event' })).rejects.toMatchObject({ code: 'forbidden', issues: [{ path: 'approval' }] });
    // And a client cannot write the entry itself to get round the gate.
    await expect(h.appendEntry({ kind: 'wall.mask-lifted', payload: lift })).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(h.appendEntry({ kind: 'duty-level.changed', payload: { level: 1, reason: 'x' } })).rejects.toMatchObject({ code: 'invalid-argument' });
  }, 60_000);

  it('an approval lasts two minutes', async () => {
    const clock = new FakeClock();
    const core = await desk({ clock });
    const { handlers: h } = connectionTo(core);
    await signIn(h, 'op-he');
    await h.approveAction({ accountId: 'duty-liu', pin: TEST_PIN, method: 'wallLiftMask' });
    clock.advance(121_000);
    await expect(h.wallLiftMask({ camera: 'gate-02', maskIndex: 0, reason: 'late' })).rejects.toMatchObject({ code: 'forbidden', issues: [{ path: 'approval' }] });
  }, 60_000);

  it('a disabled account is signed out at its next call; an administrator resets a PIN; both journaled without the secret', async () => {
    const core = await desk();
    const admin = connectionTo(core).handlers;
    await signIn(admin, 'admin-it');
    const { handlers: h } = connectionTo(core);
    await signIn(h, 'op-he');
    await admin.setAccountDisabled({ id: 'op-he', disabled: true, reason: 'left the site' });
    await expect(h.appendEntry({ kind: 'note', payload: { text: 'x' } })).rejects.toMatchObject({ code: 'forbidden' });
    expect((await h.getSession()).people).toEqual([]);
    await expect(signIn(h, 'op-he')).rejects.toMatchObject({ code: 'forbidden', message: expect.stringMatching(/disabled/) as string });
    await admin.setAccountDisabled({ id: 'op-he', disabled: false, reason: 'back' });
    await admin.resetAccount({ id: 'op-he', pin: '739154', reason: 'forgot the PIN' });
    await signIn(h, 'op-he');
    await h.lockSession();
    await expect(h.usePin({ accountId: 'op-he', pin: TEST_PIN })).rejects.toMatchObject({ code: 'unauthenticated' });
    await h.usePin({ accountId: 'op-he', pin: '739154' });
    const enrolled = await admin.enrolAccount({ id: 'op-new', name: 'New operator', role: 'operator', password: 'a fine passphrase', pin: '582047' });
    expect(enrolled.accounts.find((a) => a.id === 'op-new')).toMatchObject({ role: 'operator', disabled: false });
    const records = await kinds(core, 'account.disabled', 'account.reset', 'account.enrolled');
    expect(records.map((e) => [e.kind, e.actor])).toEqual([
      ['account.disabled', 'admin-it'],
      ['account.disabled', 'admin-it'],
      ['account.reset', 'admin-it'],
      ['account.enrolled', 'admin-it'],
    ]);
    // No secret anywhere in the journal, its WAL, or the log: only hashes in accounts.json.
    await core.close();
    cleanups.pop();
    const files = readdirSync(core.dataDir, { recursive: true }).map(String).filter((f) => statSync(join(core.dataDir, f)).isFile() && !f.endsWith('accounts.json'));
    for (const f of files) {
      const bytes = readFileSync(join(core.dataDir, f)).toString('latin1');
      for (const secret of [TEST_PASSWORD, TEST_PIN, '739154', 'a fine passphrase', '582047']) expect(bytes.includes(secret), `${secret} in ${f}`).toBe(false);
    }
    const accounts = readFileSync(join(core.dataDir, 'accounts.json'), 'utf8');
    expect(accounts).not.toContain(TEST_PASSWORD);
    expect(accounts).toContain('"scheme": "scrypt"');
  }, 60_000);

  it('a restart ends every session and journals the sign-outs; signing in outside one’s shift asks for a reason', async () => {
    const dataDir = tempDir('console');
    // 03:00 in Shanghai on the demo rota's day 0 (2026-01-01): crew c (duty-liu, op-xu, op-yang) is on the night shift, op-he is not.
    const clock = new FakeClock(Date.UTC(2025, 11, 31, 19, 0, 0));
    const core = await desk({ dataDir, clock });
    const { handlers: h } = connectionTo(core);
    const asked = await h.signIn({ accountId: 'op-he', password: TEST_PASSWORD }).catch((e: unknown) => e);
    expect(asked).toMatchObject({ code: 'invalid-argument', issues: [{ path: 'reason', message: expect.stringMatching(/not on a shift now/) as string }] });
    await h.signIn({ accountId: 'op-he', password: TEST_PASSWORD, reason: 'covering for op-xu' });
    const signedIn = (await kinds(core, 'operator.signedIn')).map((e) => e.payload);
    expect(signedIn).toEqual([{ account: 'op-he', role: 'operator', station: 'desk', warnings: ['off-shift'], reason: 'covering for op-xu' }]);
    await core.close();
    cleanups.pop();
    const again = await desk({ dataDir, clock });
    const { handlers: h2 } = connectionTo(again);
    expect((await h2.getSession()).people).toEqual([]);
    expect((await kinds(again, 'operator.signedOut')).map((e) => e.payload)).toEqual([{ account: 'op-he', why: 'restart' }]);
    expect(again.state.current().duty.signedIn[again.identity.consoleId]).toBeUndefined();
  }, 60_000);

  it('the handover is the sign-in: the incoming officer accepts it and the outgoing one leaves the desk', async () => {
    const core = await desk();
    const { handlers: h } = connectionTo(core);
    await signIn(h, 'duty-liu');
    // Not any pair of names: the outgoing officer is the one at the keyboard, the incoming one can sign in.
    await expect(h.appendEntry({ kind: 'handover', payload: { outgoing: 'duty-sun', incoming: 'op-he', summary: 's' } })).rejects.toMatchObject({ issues: [{ path: 'payload.outgoing' }] });
    await expect(h.appendEntry({ kind: 'handover', payload: { outgoing: 'duty-liu', incoming: 'warden-li', summary: 's' } })).rejects.toMatchObject({ issues: [{ path: 'payload.incoming' }] });
    const handover = await h.appendEntry({ kind: 'handover', payload: { outgoing: 'duty-liu', incoming: 'duty-sun', summary: 'quiet night', openItems: ['east fence'] } });
    await expect(signIn(h, 'op-he', { reason: 'x', handover: handover.id })).rejects.toMatchObject({ code: 'invalid-argument', issues: [{ path: 'handover' }] });
    await signIn(h, 'duty-sun', { reason: 'test', handover: handover.id });
    expect((await h.getSession()).people.map((p) => p.accountId)).toEqual(['duty-sun']);
    expect(core.state.current().duty.signedIn[core.identity.consoleId]?.map((s) => s.account)).toEqual(['duty-sun']);
    expect((await kinds(core, 'operator.signedOut')).map((e) => e.payload)).toEqual([{ account: 'duty-liu', why: 'handover' }]);
  }, 60_000);

  it('a replay station caps everyone at observer', async () => {
    const core = await desk({ station: 'replay' });
    const { handlers: h } = connectionTo(core);
    const view = await signIn(h, 'duty-liu');
    expect(view.people[0]?.role).toBe('observer');
    await expect(h.appendEntry({ kind: 'note', payload: { text: 'x' } })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(h.queryJournal({ limit: 5 })).resolves.toBeDefined();
  }, 60_000);
});
